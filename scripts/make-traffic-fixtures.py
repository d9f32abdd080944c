#!/usr/bin/env python3
"""Writes the hand-designed fixtures of fixtures/traffic/ (deterministic; run from the repo root).

Fitting, import and reconcile fixtures for issue 15. Every number is chosen by hand and worked out in
fixtures/traffic/README.md; the tests assert the same numbers. Shapes follow the public documentation
of each source (OpenAI Realtime and Usage/Costs APIs, Helicone's realtime session log, LiteLLM's
logged realtime events, LiveKit Agents' session report); no file here is copied from anywhere.
Audio payloads are base64 of zero bytes: only their decoded size matters.
"""
import importlib.util
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "traffic")

spec = importlib.util.spec_from_file_location("recordings", os.path.join(HERE, "make-recording-fixtures.py"))
rec = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rec)
b64, usage, response_done, ga_session, simple = rec.b64, rec.usage, rec.response_done, rec.ga_session, rec.simple


class Timed(rec.Timed):
    def write(self, name, header):
        with open(os.path.join(OUT, name), "w") as f:
            f.write(json.dumps(header, separators=(",", ":")) + "\n")
            for t, _, direction, event in sorted(self.items):
                f.write(json.dumps({"t": t, "dir": direction, "event": event}, separators=(",", ":")) + "\n")


def turn(r, rid, start, speech, answer_s, use, wake=None, call=None):
    """A spoken turn: speech at `start` (server VAD 300 ms padding, 200 ms silence), its answer of
    `answer_s` seconds of G.711 μ-law (8,000 bytes/s) starting 0.5 s after the commit; returns the
    playback end. `call` = (arguments done offset, tool duration, call usage): a function call first."""
    if wake is not None:
        r.add(wake, "local", {"type": "local.user_command"})
    end = start + speech
    commit = end + 0.2
    r.add(start, "server", simple("input_audio_buffer.speech_started", audio_start_ms=round((start - 0.3) * 1000),
                                  item_id="item_" + rid))
    r.add(commit, "server", simple("input_audio_buffer.speech_stopped", audio_end_ms=round(commit * 1000),
                                   item_id="item_" + rid))
    r.add(commit, "server", simple("input_audio_buffer.committed", item_id="item_" + rid))
    r.add(commit, "server", simple("conversation.item.added", item={"id": "item_" + rid, "type": "message", "role": "user"}))
    created = commit
    if call is not None:
        done_after, tool, call_use = call
        r.add(commit, "server", simple("response.created", response={"id": rid + "_call", "status": "in_progress"}))
        r.add(commit + done_after, "server", simple("response.function_call_arguments.done", call_id="call_" + rid,
                                                   name="lookup", arguments="{}"))
        r.add(commit + done_after, "server", response_done(rid + "_call", "completed", call_use,
                                                          output=[{"type": "function_call", "call_id": "call_" + rid,
                                                                   "name": "lookup", "arguments": "{}"}]))
        created = commit + done_after + tool
        r.add(created, "client", simple("conversation.item.create", item={"type": "function_call_output",
                                                                          "call_id": "call_" + rid, "output": "{}"}))
        r.add(created, "client", simple("response.create"))
    r.add(created, "server", simple("response.created", response={"id": rid, "status": "in_progress"}))
    first = created + 0.5
    r.add(first, "server", {"type": "response.output_audio.delta", "response_id": rid, "delta": b64(int(answer_s * 8000))})
    r.add(first + 0.1, "server", response_done(rid, "completed", use))
    return first + answer_s


def fit_hand_made():
    r = Timed()
    r.add(0.0, "server", {"type": "session.created", "session": ga_session("gpt-realtime-2025-08-28", "audio/pcmu", "audio/pcmu")})
    # Conversation A: wake word at 10.0, 2.0 s of speech at 10.5, a 2.0 s answer; 3.0 s of thought;
    # then 1.3 s of speech with a function call (0.4 s to its arguments, 0.8 s of tool, 80 result
    # tokens) and a 1.0 s answer.
    a1_end = turn(r, "a1", 10.5, 2.0, 2.0, usage(1007, 25, 20, 40), wake=10.0)
    turn(r, "a2", a1_end + 3.0, 1.3, 1.0, usage(1165, 83, 15, 20),
         call=(0.4, 0.8, usage(1041, 83, 30, 0)))
    # Noise at 600 s: 1.0 s of speech, a 1.5 s answer.
    turn(r, "n1", 600.0, 1.0, 1.5, usage(1180, 95, 10, 30))
    # Conversation B: wake word at 1200.0, 2.3 s of speech at 1200.4, a 3.0 s answer.
    turn(r, "b1", 1200.4, 2.3, 3.0, usage(1220, 120, 25, 60), wake=1200.0)
    # Noise at 1800 s: 1.4 s of speech, a 2.0 s answer.
    turn(r, "n2", 1800.0, 1.4, 2.0, usage(1260, 140, 12, 40))
    # Conversation C: wake word at 2400.0, 1.6 s of speech at 2400.6, a 2.5 s answer.
    turn(r, "c1", 2400.6, 1.6, 2.5, usage(1300, 160, 22, 50), wake=2400.0)
    r.add(3600.0, "local", {"type": "local.session_closed", "reason": "client_closed"})
    r.write("fit-hand-made.jsonl", {"rtcost_recording": 1, "model": "gpt-realtime", "started_at": "2026-03-02T09:00:00Z",
                                    "note": "three conversations with wake words, a function call, two responses to noise"})


T0 = 1772445600  # 2026-03-02T10:00:00Z


def iso(seconds):
    """ISO 8601 UTC with milliseconds for a Unix time."""
    import datetime
    stamp = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % round(stamp.microsecond / 1000)


def write_json(name, value):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def helicone():
    """A Helicone realtime session log: request and response bodies with their socket messages."""
    session = ga_session("gpt-realtime-2025-08-28", "audio/pcmu", "audio/pcmu", transcription={"model": "gpt-4o-transcribe"})
    client, target = [], []

    def msg(side, dt, event, kind="message"):
        (client if side == "client" else target).append(
            {"type": kind, "from": side, "timestamp": iso(T0 + dt), "content": event})

    msg("target", 0.000, {"type": "session.created", "event_id": "ev_1", "session": session})
    msg("client", 0.050, {"type": "session.update", "session": {"type": "realtime", "instructions": "Be brief."}})
    msg("target", 0.120, {"type": "session.updated", "event_id": "ev_2", "session": session})
    for k in range(12):  # 12 appends of 100 ms G.711 μ-law (800 bytes)
        msg("client", 0.2 + k * 0.1, {"type": "input_audio_buffer.append", "audio": b64(800)})
    msg("target", 0.400, simple("input_audio_buffer.speech_started", audio_start_ms=300, item_id="item_1"))
    msg("target", 1.600, simple("input_audio_buffer.speech_stopped", audio_end_ms=1500, item_id="item_1"))
    msg("target", 1.600, simple("input_audio_buffer.committed", item_id="item_1"))
    msg("target", 1.600, simple("conversation.item.added", item={"id": "item_1", "type": "message", "role": "user"}))
    msg("target", 1.650, simple("response.created", response={"id": "resp_1", "status": "in_progress"}))
    msg("target", 1.700, {"type": "response.output_audio.delta", "response_id": "resp_1", "delta": b64(8000)})
    msg("target", 1.900, {"type": "conversation.item.input_audio_transcription.completed", "item_id": "item_1",
                          "content_index": 0, "transcript": "What time is it?",
                          "usage": {"type": "tokens", "input_tokens": 30, "output_tokens": 8, "total_tokens": 38,
                                    "input_token_details": {"text_tokens": 0, "audio_tokens": 30}}})
    msg("target", 2.000, response_done("resp_1", "completed", usage(1010, 12, 25, 20)))
    msg("target", 2.000, {"message": "socket closed by a network error"}, kind="error")
    msg("client", 10.000, simple("conversation.item.create", item={"type": "message", "role": "user",
                                                                   "content": [{"type": "input_text", "text": "And tomorrow?"}]}))
    msg("client", 10.000, simple("response.create"))
    msg("target", 10.100, simple("response.created", response={"id": "resp_2", "status": "in_progress"}))
    msg("target", 10.150, {"type": "response.output_audio.delta", "response_id": "resp_2", "delta": b64(16000)})
    msg("target", 10.400, response_done("resp_2", "completed", usage(1080, 72, 30, 40, cached_text=1024, cached_audio=64)))
    write_json("helicone-session.json", {"request": {"model": "gpt-realtime", "messages": client},
                                         "response": {"messages": target}})


def litellm():
    """A LiteLLM standard logging payload of a realtime call: its logged events, no times."""
    events = [
        {"type": "session.created", "event_id": "ev_1", "session": ga_session("gpt-realtime-mini-2025-10-06")},
        {"type": "response.create"},
        simple("conversation.item.added", item={"id": "item_1", "type": "message", "role": "user"}),
        simple("conversation.item.done", item={"id": "item_1", "type": "message", "role": "user"}),
        response_done("resp_1", "completed", usage(900, 50, 40, 100)),
        {"type": "response.create"},
        response_done("resp_2", "completed", usage(1000, 150, 20, 60, cached_text=896, cached_audio=128)),
    ]
    write_json("litellm-realtime-payload.json", {
        "id": "chatcmpl-fixture", "trace_id": "trace-fixture", "call_type": "_arealtime", "stream": None,
        "response_cost": 0.0, "status": "success", "custom_llm_provider": "openai",
        "total_tokens": 2320, "prompt_tokens": 2100, "completion_tokens": 220,
        "startTime": float(T0), "endTime": float(T0 + 95), "completionStartTime": float(T0 + 95),
        "model": "gpt-realtime-mini", "model_group": "realtime", "api_base": "wss://api.openai.com/v1/realtime",
        "metadata": {}, "cache_hit": None, "messages": [{"role": "system", "content": "Be brief."}],
        "response": events})


def livekit():
    """A LiveKit Agents session report (SessionReport.to_dict), times in Unix seconds from T0."""
    def state(kind, old, new, dt):
        return {"type": kind, "old_state": old, "new_state": new, "created_at": T0 + dt}

    def item(role, text, dt, interrupted=False):
        return {"type": "conversation_item_added", "created_at": T0 + dt,
                "item": {"id": "item_%s_%d" % (role, round(dt * 10)), "type": "message", "role": role,
                         "content": [text], "interrupted": interrupted, "created_at": T0 + dt, "metrics": {}}}

    events = [
        state("agent_state_changed", "initializing", "listening", 0.5),
        state("user_state_changed", "listening", "speaking", 2.0),
        state("user_state_changed", "speaking", "listening", 4.0),
        item("user", "Turn on the lights.", 4.3),
        state("agent_state_changed", "listening", "thinking", 4.6),
        state("agent_state_changed", "thinking", "speaking", 5.1),
        state("agent_state_changed", "speaking", "listening", 8.1),
        item("assistant", "Done.", 8.1),
        state("user_state_changed", "listening", "speaking", 10.0),
        state("user_state_changed", "speaking", "listening", 11.5),
        state("agent_state_changed", "listening", "thinking", 11.9),
        {"type": "function_tools_executed", "created_at": T0 + 12.8,
         "function_calls": [{"id": "item_fc", "type": "function_call", "call_id": "call_1", "name": "get_weather",
                             "arguments": "{}", "created_at": T0 + 12.1}],
         "function_call_outputs": [{"id": "item_fco", "type": "function_call_output", "name": "get_weather",
                                    "call_id": "call_1", "output": "sunny", "is_error": False,
                                    "created_at": T0 + 12.7}]},
        state("agent_state_changed", "thinking", "speaking", 13.0),
        state("user_state_changed", "listening", "speaking", 15.0),
        state("agent_state_changed", "speaking", "listening", 15.2),
        item("assistant", "It is sunny and", 15.2, interrupted=True),
        state("user_state_changed", "speaking", "listening", 16.2),
        state("agent_state_changed", "listening", "speaking", 17.0),
        state("agent_state_changed", "speaking", "listening", 19.0),
        {"type": "close", "reason": "participant_disconnected", "error": None, "created_at": T0 + 20.0},
    ]
    write_json("livekit/session_report.json", {
        "job_id": "AJ_fixture", "room_id": "RM_fixture", "room": "fixture-room", "events": events,
        "audio_recording_path": "/tmp/lk/fixture-room/audio.ogg", "audio_recording_started_at": T0 + 1.0,
        "options": {"allow_interruptions": True, "min_endpointing_delay": 0.5, "max_endpointing_delay": 6.0,
                    "max_tool_steps": 3, "user_away_timeout": 15.0},
        "chat_history": {"items": []}, "timestamp": T0 + 20.5,
        "usage": [
            {"type": "llm_usage", "provider": "openai", "model": "gpt-realtime", "input_tokens": 5400,
             "input_cached_tokens": 2880, "input_audio_tokens": 1400, "input_cached_audio_tokens": 640,
             "input_text_tokens": 4000, "input_cached_text_tokens": 2240, "output_tokens": 1300,
             "output_audio_tokens": 1000, "output_text_tokens": 300},
            {"type": "stt_usage", "provider": "openai", "model": "gpt-4o-transcribe", "input_tokens": 120,
             "output_tokens": 40, "audio_duration": 12.0},
            {"type": "tts_usage", "provider": "cartesia", "model": "sonic-2", "characters_count": 180,
             "audio_duration": 9.0},
        ],
        "sdk_version": "1.3.0"})


DAY = 86400
MAR2 = 1772409600  # 2026-03-02T00:00:00Z
AUG3 = 1785715200  # 2026-08-03T00:00:00Z


def usage_result(model, **counts):
    result = {"object": "organization.usage.completions.result"}
    result.update(counts)
    result.update({"project_id": None, "user_id": None, "api_key_id": None, "model": model, "batch": None,
                   "service_tier": None})
    return result


def usage_api_pages():
    """Usage API pages after openai-python 2.46.0: modality counts are uncached (the identities say so)."""
    page1 = {"object": "page", "data": [{
        "object": "bucket", "start_time": AUG3, "end_time": AUG3 + DAY, "results": [usage_result(
            "gpt-realtime-2025-08-28", input_tokens=20000, input_cached_tokens=12000, input_cache_write_tokens=0,
            input_uncached_tokens=8000, output_tokens=3000, input_text_tokens=5000, output_text_tokens=600,
            input_cached_text_tokens=9000, input_audio_tokens=3000, input_cached_audio_tokens=3000,
            output_audio_tokens=2400, input_image_tokens=0, input_cached_image_tokens=0, output_image_tokens=0,
            num_model_requests=25)]}],
        "has_more": True, "next_page": "page_fixture_2"}
    page2 = {"object": "page", "data": [{
        "object": "bucket", "start_time": AUG3 + DAY, "end_time": AUG3 + 2 * DAY, "results": [usage_result(
            "gpt-realtime-2", input_tokens=10000, input_cached_tokens=0, input_cache_write_tokens=0,
            input_uncached_tokens=10000, output_tokens=2000, input_text_tokens=6000, output_text_tokens=800,
            input_cached_text_tokens=0, input_audio_tokens=4000, input_cached_audio_tokens=0,
            output_audio_tokens=1200, input_image_tokens=0, input_cached_image_tokens=0, output_image_tokens=0,
            num_model_requests=12)]}],
        "has_more": False, "next_page": None}
    write_json("usage-api-pages.json", [page1, page2])


def costs_api_pages():
    def result(item, value):
        return {"object": "organization.costs.result", "amount": {"value": value, "currency": "usd"},
                "line_item": item, "project_id": None, "api_key_id": None, "quantity": None, "quantity_unit": None}
    old = "gpt-realtime-2025-08-28"
    write_json("costs-api-pages.json", {"object": "page", "data": [
        {"object": "bucket", "start_time": AUG3, "end_time": AUG3 + DAY, "results": [
            result(old + ", input", 0.02), result(old + ", cached input", 0.0036), result(old + ", audio input", 0.096),
            result(old + ", cached audio input", 0.0012), result(old + ", output", 0.0096),
            result(old + ", audio output", 0.1536)]},
        {"object": "bucket", "start_time": AUG3 + DAY, "end_time": AUG3 + 2 * DAY, "results": [
            result("gpt-realtime-2, input", 0.024), result("gpt-realtime-2, audio input", 0.128),
            result("gpt-realtime-2, output", 0.0192), result("gpt-realtime-2, audio output", 0.0768)]}],
        "has_more": False, "next_page": None})


def usage_dashboard_csv():
    """The dashboard's CSV before 2026-07-16: counts as floats, modality counts include cached tokens,
    a (day, model) on two rows, an empty day, a quoted field."""
    header = ["start_time", "end_time", "start_time_iso", "end_time_iso", "project_id", "num_model_requests",
              "user_id", "api_key_id", "model", "batch", "input_tokens", "input_cached_tokens",
              "input_audio_tokens", "input_text_tokens", "input_cached_text_tokens", "input_cached_audio_tokens",
              "output_tokens", "output_text_tokens", "output_audio_tokens"]

    def row(day, project, model, requests, text, audio, cached_text, cached_audio, out_text, out_audio):
        start = MAR2 + day * DAY
        counts = [requests, text + audio, cached_text + cached_audio, audio, text, cached_text, cached_audio,
                  out_text + out_audio, out_text, out_audio]
        values = ["%.1f" % start, "%.1f" % (start + DAY), iso(start)[:19] + "+00:00", iso(start + DAY)[:19] + "+00:00",
                  project, "%.1f" % counts[0], "", "", model, ""] + ["%.1f" % c for c in counts[1:]]
        return values

    def empty(day):
        start = MAR2 + day * DAY
        return ["%.1f" % start, "%.1f" % (start + DAY), iso(start)[:19] + "+00:00", iso(start + DAY)[:19] + "+00:00"] + [""] * 15

    rows = [
        row(0, "proj_main", "gpt-realtime-2025-08-28", 40, 47200, 12000, 36000, 4000, 2000, 7000),
        row(0, "proj_kiosk", "gpt-realtime-2025-08-28", 10, 6000, 2000, 0, 0, 500, 1000),
        empty(1),
        row(2, "proj_main", "gpt-realtime-mini-2025-10-06", 20, 20000, 10000, 12800, 0, 1000, 3000),
        row(3, "proj, main", "gpt-realtime-2025-08-28", 1, 1000, 0, 0, 0, 100, 0),
    ]

    def quote(field):
        return '"%s"' % field.replace('"', '""') if ("," in field or '"' in field) else field
    with open(os.path.join(OUT, "usage-dashboard.csv"), "w") as f:
        f.write(",".join(header) + "\r\n")
        for values in rows:
            f.write(",".join(quote(v) for v in values) + "\r\n")


def costs_dashboard_csv():
    old, mini = "gpt-realtime-2025-08-28", "gpt-realtime-mini-2025-10-06"
    lines = [
        (0, old + ", input", "0.0688"), (0, old + ", cached input", "0.0144"), (0, old + ", audio input", "0.32"),
        (0, old + ", cached audio input", "0.0016"), (0, old + ", output", "0.04"),
        (0, old + ", audio output", "0.52"),
        (1, "", ""),
        (2, mini + ", input", "0.00432"), (2, mini + ", cached input", "0.000768"), (2, mini + ", audio input", "0.1"),
        (2, mini + ", output", "0.0024"), (2, mini + ", audio output", "0.06"),
        (2, "gpt-4o-mini-2024-07-18, input", "0.0123"),
        (3, old + ", input", "0.004"), (3, old + ", output", "0.0016"),
    ]
    with open(os.path.join(OUT, "costs-dashboard.csv"), "w") as f:
        f.write("start_time,end_time,line_item,project_id,amount_value,amount_currency\n")
        for day, item, amount in lines:
            start = MAR2 + day * DAY
            f.write('%d,%d,"%s",,%s,%s\n' % (start, start + DAY, item, amount, "usd" if amount else ""))


def forecast_month():
    """A forecast report (rtcost forecast --format json) reduced to the keys reconcile reads."""
    tokens = {"text_in": 400, "text_in_cached": 1200, "audio_in": 300, "audio_in_cached": 100, "image_in": 0,
              "image_in_cached": 0, "text_out": 60, "audio_out": 250}
    write_json("forecast-march.json", {
        "rtcost_forecast": 1, "input": "robot.yaml", "model": "gpt-realtime-2025-08-28", "seed": "1",
        "horizon": "7d", "worlds": 20, "horizon_days": 7.0, "baseline": "timeout=off activity=real",
        "policies": [
            {"policy": "timeout=5m check=30s activity=real", "baseline": False, "requests_per_device_day": 1.5,
             "tokens_per_device_day": dict((k, v // 2) for k, v in tokens.items())},
            {"policy": "timeout=off activity=real", "baseline": True, "requests_per_device_day": 2.0,
             "tokens_per_device_day": tokens},
        ]})


if __name__ == "__main__":
    usage_api_pages()
    costs_api_pages()
    usage_dashboard_csv()
    costs_dashboard_csv()
    forecast_month()
    os.makedirs(OUT, exist_ok=True)
    fit_hand_made()
    helicone()
    litellm()
    livekit()
