#!/usr/bin/env python3
"""Writes the hand-designed recordings of fixtures/recordings/ (deterministic; run from the repo root).

Every number here is chosen by hand and worked out in fixtures/recordings/README.md; the tests assert
the same numbers. Audio payloads are base64 of zero bytes: only their decoded size matters.
Malformed fixtures (fixtures/recordings/malformed/) are written by hand, not by this script.
"""
import json
import math
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "recordings")


def b64(nbytes):
    """Base64 text of `nbytes` zero bytes, padded."""
    groups, rest = divmod(nbytes, 3)
    return "A" * (4 * groups) + {0: "", 1: "AA==", 2: "AAA="}[rest]


def usage(text_in, audio_in, text_out, audio_out, cached_text=0, cached_audio=0, details=True):
    cached = cached_text + cached_audio
    block = {
        "total_tokens": text_in + audio_in + text_out + audio_out,
        "input_tokens": text_in + audio_in,
        "output_tokens": text_out + audio_out,
        "input_token_details": {"text_tokens": text_in, "audio_tokens": audio_in, "cached_tokens": cached},
        "output_token_details": {"text_tokens": text_out, "audio_tokens": audio_out},
    }
    if details:
        block["input_token_details"]["cached_tokens_details"] = {
            "text_tokens": cached_text, "audio_tokens": cached_audio}
    return block


def response_done(rid, status, use, reason=None, output=None):
    return {"type": "response.done", "event_id": "event_" + rid, "response": {
        "object": "realtime.response", "id": rid, "status": status,
        "status_details": None if reason is None else {"type": status, "reason": reason},
        "output": output if output is not None else [{"type": "message", "role": "assistant"}],
        "usage": use}}


def ga_session(model, in_fmt="audio/pcm", out_fmt="audio/pcm", transcription=None, tools=0,
               instructions="You are a helpful assistant."):
    def fmt(name):
        return {"type": name, "rate": 24000} if name == "audio/pcm" else {"type": name}
    return {"type": "realtime", "object": "realtime.session", "model": model,
            "output_modalities": ["audio"], "instructions": instructions,
            "audio": {"input": {"format": fmt(in_fmt), "transcription": transcription,
                                "noise_reduction": None,
                                "turn_detection": {"type": "server_vad", "threshold": 0.5,
                                                   "prefix_padding_ms": 300, "silence_duration_ms": 200,
                                                   "idle_timeout_ms": None, "create_response": True,
                                                   "interrupt_response": True}},
                      "output": {"format": fmt(out_fmt), "voice": "marin", "speed": 1.0}},
            "tools": [{"type": "function", "name": "get_weather_%d" % i, "parameters": {}}
                      for i in range(tools)],
            "tool_choice": "auto"}


def beta_session(model, fmt="pcm16", tools=0, instructions="Be brief."):
    return {"id": "sess_fixture", "object": "realtime.session", "model": model,
            "modalities": ["text", "audio"], "instructions": instructions, "voice": "alloy",
            "input_audio_format": fmt, "output_audio_format": fmt, "input_audio_transcription": None,
            "turn_detection": {"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300,
                               "silence_duration_ms": 200, "create_response": True},
            "tools": [{"type": "function", "name": "tool_%d" % i} for i in range(tools)],
            "tool_choice": "auto", "temperature": 0.8, "max_response_output_tokens": "inf"}


def simple(kind, **fields):
    event = {"type": kind}
    event.update(fields)
    return event


class Timed:
    """Collects (t, dir, event) and writes them sorted by time, ties in insertion order."""

    def __init__(self):
        self.items = []

    def add(self, t, direction, event):
        self.items.append((round(t, 6), len(self.items), direction, event))

    def write(self, name, header):
        with open(os.path.join(OUT, name), "w") as f:
            f.write(json.dumps(header, separators=(",", ":")) + "\n")
            for t, _, direction, event in sorted(self.items):
                line = {"t": t, "dir": direction, "event": event}
                f.write(json.dumps(line, separators=(",", ":")) + "\n")


def write_bare(name, events):
    with open(os.path.join(OUT, name), "w") as f:
        for event in events:
            f.write(json.dumps(event) + "\n")


def ga_timed_pcm16():
    r = Timed()
    r.add(0.0, "server", {"type": "session.created", "session": ga_session("gpt-realtime-2025-08-28")})
    for k in range(1, 21):  # 20 appends of 100 ms pcm16 (4,800 bytes) at 0.1 .. 2.0 s
        r.add(k / 10, "client", {"type": "input_audio_buffer.append", "audio": b64(4800)})
    r.add(0.3, "server", simple("input_audio_buffer.speech_started", audio_start_ms=300))
    r.add(1.2, "server", simple("input_audio_buffer.speech_stopped", audio_end_ms=1200))
    r.add(1.2, "server", simple("input_audio_buffer.committed", item_id="item_1"))
    r.add(1.2, "server", simple("conversation.item.added", item={"id": "item_1", "type": "message", "role": "user"}))
    r.add(1.3, "server", simple("response.created", response={"id": "resp_1", "status": "in_progress"}))
    r.add(1.3, "server", simple("rate_limits.updated", rate_limits=[]))
    for k in range(5):  # 5 deltas of 200 ms (9,600 bytes)
        r.add(1.35 + k * 0.05, "server", {"type": "response.output_audio.delta", "response_id": "resp_1", "delta": b64(9600)})
    r.add(1.6, "server", simple("response.output_audio.done", response_id="resp_1"))
    r.add(1.6, "server", response_done("resp_1", "completed", usage(1110, 20, 30, 20)))
    r.add(5.0, "client", simple("conversation.item.create", item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "And tomorrow?"}]}))
    r.add(5.0, "client", simple("response.create"))
    r.add(5.1, "server", simple("response.created", response={"id": "resp_2", "status": "in_progress"}))
    r.add(5.1, "server", simple("rate_limits.updated", rate_limits=[]))
    for k in range(5):  # 5 deltas of 100 ms (4,800 bytes)
        r.add(5.2 + k * 0.05, "server", {"type": "response.output_audio.delta", "response_id": "resp_2", "delta": b64(4800)})
    r.add(5.5, "server", response_done("resp_2", "completed", usage(1150, 80, 20, 10, cached_text=1024, cached_audio=64)))
    r.add(6.0, "server", simple("response.future_feature", note="a type rtcost does not know"))
    r.write("ga-timed-pcm16.jsonl", {"rtcost_recording": 1, "model": "gpt-realtime", "started_at": "2026-11-20T09:00:00Z",
                                     "note": "GA names, timed, pcm16 audio both ways, two responses, one unknown type"})


def beta_bare_g711():
    events = [
        {"type": "session.created", "event_id": "event_1", "session": beta_session("gpt-4o-realtime-preview-2024-12-17", "g711_ulaw", tools=2)},
        {"type": "session.updated", "event_id": "event_2", "session": beta_session("gpt-4o-realtime-preview-2024-12-17", "g711_ulaw", tools=2)},
    ]
    events += [{"type": "input_audio_buffer.append", "audio": b64(800)} for _ in range(10)]  # 10 x 100 ms u-law
    events += [
        simple("input_audio_buffer.speech_started", audio_start_ms=100),
        simple("input_audio_buffer.speech_stopped", audio_end_ms=900),
        simple("input_audio_buffer.committed", item_id="item_1"),
        simple("conversation.item.created", item={"id": "item_1", "type": "message", "role": "user"}),
        simple("response.created", response={"id": "resp_1", "status": "in_progress"}),
    ]
    for _ in range(4):  # 4 deltas of 200 ms u-law (1,600 bytes)
        events.append({"type": "response.audio.delta", "event_id": "event_d", "response_id": "resp_1", "item_id": "item_2",
                       "output_index": 0, "content_index": 0, "delta": b64(1600)})
    events += [
        simple("response.audio_transcript.delta", delta="Sure"),
        simple("response.audio_transcript.delta", delta=", done."),
        simple("response.audio.done", response_id="resp_1"),
        simple("response.audio_transcript.done", transcript="Sure, done."),
        response_done("resp_1", "completed", usage(200, 10, 12, 16, cached_text=64, details=False)),
    ]
    write_bare("beta-bare-g711.jsonl", events)


def function_call():
    r = Timed()
    r.add(0.0, "server", {"type": "session.created", "session": ga_session("gpt-realtime-mini-2025-10-06", tools=1)})
    r.add(1.0, "server", simple("input_audio_buffer.speech_started"))
    r.add(2.5, "server", simple("input_audio_buffer.speech_stopped"))
    r.add(2.5, "server", simple("input_audio_buffer.committed"))
    r.add(2.5, "server", simple("conversation.item.added", item={"type": "message", "role": "user"}))
    r.add(2.6, "server", simple("response.created", response={"id": "resp_1"}))
    r.add(2.8, "server", simple("response.output_item.added", item={"type": "function_call"}))
    r.add(2.9, "server", simple("response.function_call_arguments.delta", delta="{\"city\":\"Oslo\"}"))
    r.add(3.0, "server", simple("response.function_call_arguments.done", call_id="call_1", name="get_weather_0", arguments="{\"city\":\"Oslo\"}"))
    r.add(3.0, "server", response_done("resp_1", "completed", usage(300, 15, 25, 0),
                                       output=[{"type": "function_call", "name": "get_weather_0", "call_id": "call_1", "arguments": "{\"city\":\"Oslo\"}"}]))
    r.add(3.4, "client", simple("conversation.item.create", item={"type": "function_call_output", "call_id": "call_1", "output": "{\"temp_c\":21}"}))
    r.add(3.4, "client", simple("response.create"))
    r.add(3.5, "server", simple("conversation.item.added", item={"type": "function_call_output"}))
    r.add(3.5, "server", simple("response.created", response={"id": "resp_2"}))
    for k in range(4):  # 4 deltas of 250 ms pcm16 (12,000 bytes)
        r.add(3.6 + k * 0.1, "server", {"type": "response.output_audio.delta", "delta": b64(12000)})
    r.add(4.0, "server", response_done("resp_2", "completed", usage(340, 15, 18, 20, cached_text=256)))
    r.write("function-call.jsonl", {"rtcost_recording": 1, "note": "GA function-call round trip on gpt-realtime-mini"})


def barge_in():
    r = Timed()
    model = "gpt-4o-realtime-preview-2024-12-17"
    r.add(0.0, "server", {"type": "session.created", "session": beta_session(model)})
    r.add(1.0, "server", simple("input_audio_buffer.speech_started"))
    r.add(2.0, "server", simple("input_audio_buffer.speech_stopped"))
    r.add(2.0, "server", simple("input_audio_buffer.committed"))
    r.add(2.0, "server", simple("conversation.item.created", item={"type": "message", "role": "user"}))
    r.add(2.1, "server", simple("response.created", response={"id": "resp_1"}))
    r.add(2.2, "server", {"type": "response.audio.delta", "delta": b64(4800)})
    r.add(2.3, "server", {"type": "response.audio.delta", "delta": b64(4800)})
    r.add(2.5, "server", simple("input_audio_buffer.speech_started"))
    r.add(2.5, "client", simple("conversation.item.truncate", item_id="item_2", content_index=0, audio_end_ms=150))
    r.add(2.6, "server", simple("conversation.item.truncated", item_id="item_2"))
    r.add(2.6, "server", response_done("resp_1", "cancelled", usage(500, 20, 10, 4), reason="turn_detected"))
    r.add(3.5, "server", simple("input_audio_buffer.speech_stopped"))
    r.add(3.5, "server", simple("input_audio_buffer.committed"))
    r.add(3.5, "server", simple("conversation.item.created", item={"type": "message", "role": "user"}))
    r.add(3.6, "server", simple("response.created", response={"id": "resp_2"}))
    r.add(3.7, "server", simple("input_audio_buffer.speech_started"))
    r.add(3.7, "server", response_done("resp_2", "cancelled", usage(0, 0, 0, 0), reason="turn_detected", output=[]))
    r.add(4.5, "server", simple("input_audio_buffer.speech_stopped"))
    r.add(4.5, "server", simple("input_audio_buffer.committed"))
    r.add(4.5, "server", simple("conversation.item.created", item={"type": "message", "role": "user"}))
    r.add(4.6, "server", simple("response.created", response={"id": "resp_3"}))
    r.add(4.7, "server", {"type": "response.audio.delta", "delta": b64(4800)})
    r.add(4.8, "server", {"type": "response.audio.delta", "delta": b64(4800)})
    r.add(5.0, "server", response_done("resp_3", "completed", usage(540, 60, 8, 4, cached_text=512)))
    r.write("barge-in.jsonl", {"rtcost_recording": 1, "model": model, "note": "beta names, timed, two barge-ins: one billed, one all-zero"})


def transcription():
    model = "gpt-realtime-2025-08-28"
    whisper = ga_session(model, in_fmt="audio/pcmu", out_fmt="audio/pcmu", transcription={"model": "whisper-1"})
    events = [{"type": "session.created", "session": whisper}]
    events += [{"type": "input_audio_buffer.append", "audio": b64(8000)} for _ in range(5)]  # 5 x 1 s u-law
    events += [
        simple("input_audio_buffer.committed", item_id="item_1"),
        simple("conversation.item.added", item={"type": "message", "role": "user"}),
        simple("conversation.item.input_audio_transcription.completed", item_id="item_1", transcript="Hello there.",
               usage={"type": "duration", "seconds": 2.5}),
        simple("conversation.item.input_audio_transcription.completed", item_id="item_0", transcript="(no usage)"),
        {"type": "session.update", "session": {"type": "realtime", "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe"}}}}},
        {"type": "session.updated", "session": ga_session(model, in_fmt="audio/pcmu", out_fmt="audio/pcmu",
                                                          transcription={"model": "gpt-4o-transcribe"})},
        simple("input_audio_buffer.committed", item_id="item_2"),
        simple("conversation.item.added", item={"type": "message", "role": "user"}),
        simple("conversation.item.input_audio_transcription.completed", item_id="item_2", transcript="What time is it?",
               usage={"type": "tokens", "total_tokens": 52, "input_tokens": 40,
                      "input_token_details": {"text_tokens": 5, "audio_tokens": 35}, "output_tokens": 12}),
        simple("conversation.item.input_audio_transcription.failed", item_id="item_3",
               error={"type": "transcription_error", "message": "audio too short"}),
        simple("response.created", response={"id": "resp_1"}),
        response_done("resp_1", "completed", usage(120, 25, 15, 0)),
    ]
    write_bare("transcription.jsonl", events)


def always_streaming_mic():
    r = Timed()
    model = "gpt-realtime-2025-08-28"
    r.add(0.0, "server", {"type": "session.created", "session": ga_session(model, in_fmt="audio/pcma", out_fmt="audio/pcma")})
    for k in range(1, 1501):  # an append every 100 ms, 100 ms of A-law (800 bytes), 0.1 .. 150.0 s
        r.add(k / 10, "client", {"type": "input_audio_buffer.append", "audio": b64(800)})

    def turn(start, rid, use, command=False):
        if command:
            r.add(start, "local", {"type": "local.user_command"})
            start += 0.2
        else:
            pass
        r.add(start, "server", simple("input_audio_buffer.speech_started"))
        r.add(start + 2.0, "server", simple("input_audio_buffer.speech_stopped"))
        r.add(start + 2.0, "server", simple("input_audio_buffer.committed"))
        r.add(start + 2.0, "server", simple("conversation.item.added", item={"type": "message", "role": "user"}))
        r.add(start + 2.1, "server", simple("response.created", response={"id": rid}))
        r.add(start + 2.1, "server", simple("rate_limits.updated", rate_limits=[]))
        for k in range(5):  # 5 deltas of 200 ms A-law (1,600 bytes)
            r.add(start + 2.2 + k * 0.1, "server", {"type": "response.output_audio.delta", "delta": b64(1600)})
        r.add(start + 2.7, "server", response_done(rid, "completed", use))

    turn(5.0, "resp_1", usage(400, 20, 10, 20))
    turn(80.0, "resp_2", usage(430, 60, 12, 20, cached_text=384), command=True)
    r.write("always-streaming-mic.jsonl", {"rtcost_recording": 1, "model": model, "started_at": "2026-11-20T18:00:00Z",
                                            "note": "mic streams every 100 ms for 150 s; speech twice; long quiet stretches"})


if __name__ == "__main__":
    ga_timed_pcm16()
    beta_bare_g711()
    function_call()
    barge_in()
    transcription()
    always_streaming_mic()
