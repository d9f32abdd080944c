#!/usr/bin/env python3
"""Writes a synthetic timed recording of about MB megabytes for scripts/bench-replay.sh.

Mostly 24 kHz pcm16 audio, like a real always-on session: an append of 100 ms (4,800 bytes) every
100 ms, and every 6 s a turn whose response streams 3 s of audio as 15 deltas of 200 ms (9,600
bytes), with speech, commit, response and usage events (the shape of the reader benchmark's file).

    scripts/make-bench-recording.py OUT.jsonl 256
"""
import base64
import random
import sys


def main() -> None:
    path, megabytes = sys.argv[1], int(sys.argv[2])
    target = megabytes * 1_000_000
    rng = random.Random(2026)
    append_audio = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(4_800))).decode()
    delta_audio = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(9_600))).decode()
    written = 0
    with open(path, "w", encoding="utf-8") as out:

        def line(t: float, direction: str, event: str) -> None:
            nonlocal written
            text = f'{{"t":{t:.1f},"dir":"{direction}","event":{event}}}\n'
            out.write(text)
            written += len(text)

        out.write('{"rtcost_recording":1,"model":"gpt-realtime-2025-08-28",'
                  '"started_at":"2026-11-20T18:00:00Z","note":"rtcost bench synthetic recording"}\n')
        line(0.0, "server", '{"type":"session.created","session":{"type":"realtime",'
             '"model":"gpt-realtime-2025-08-28","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},'
             '"turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,'
             '"silence_duration_ms":200}},"output":{"format":{"type":"audio/pcm","rate":24000}}}}}')
        time = 0.0
        turn = 0
        while written < target:
            for step in range(1, 61):
                t = time + step * 0.1
                line(t, "client", f'{{"type":"input_audio_buffer.append","audio":"{append_audio}"}}')
                if step == 20:
                    line(t, "server", '{"type":"input_audio_buffer.speech_started","audio_start_ms":0}')
                if step == 35:
                    line(t, "server", '{"type":"input_audio_buffer.speech_stopped","audio_end_ms":0}')
                    line(t, "server", '{"type":"input_audio_buffer.committed"}')
                    line(t, "server", f'{{"type":"response.created","response":{{"id":"resp_{turn}"}}}}')
                if 36 <= step <= 50:
                    line(t, "server", f'{{"type":"response.output_audio.delta","delta":"{delta_audio}"}}')
                if step == 50:
                    line(t, "server", f'{{"type":"response.done","response":{{"id":"resp_{turn}",'
                         '"status":"completed","usage":{"total_tokens":1290,"input_tokens":1200,'
                         '"output_tokens":90,"input_token_details":{"text_tokens":1100,"audio_tokens":100,'
                         '"cached_tokens":1024,"cached_tokens_details":{"text_tokens":1024,"audio_tokens":0}},'
                         '"output_token_details":{"text_tokens":30,"audio_tokens":60}}}}')
            time += 6.0
            turn += 1


if __name__ == "__main__":
    main()
