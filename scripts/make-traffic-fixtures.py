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
    `answer_s` seconds of pcm16 (48,000 bytes/s) starting 0.5 s after the commit; returns the
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
    r.add(first, "server", {"type": "response.output_audio.delta", "response_id": rid, "delta": b64(int(answer_s * 48000))})
    r.add(first + 0.1, "server", response_done(rid, "completed", use))
    return first + answer_s


def fit_hand_made():
    r = Timed()
    r.add(0.0, "server", {"type": "session.created", "session": ga_session("gpt-realtime-2025-08-28")})
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


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    fit_hand_made()
