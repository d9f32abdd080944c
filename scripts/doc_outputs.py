#!/usr/bin/env python3
"""Checks (or regenerates) every command output shown in README.md and docs/*.md.

A shown output is a fenced ```console block. Inside it, each line starting with "$ " is a command and the
lines after it, up to the next command or the end of the block, are what it printed (stdout and stderr,
trailing spaces removed). The command runs with bash from the repository root, with the rtcost binary's
folder first on PATH.

A block may be preceded (on the line just before its fence) by a marker comment:
  <!-- doc-check: varies -->        figures that vary by machine (timings): digits are compared as "#"
  <!-- doc-check: skip REASON -->   not run (say why, e.g. it starts a server)
A command that names ../shared is skipped, with a note, when ../shared is absent.

  scripts/doc_outputs.py --bin DIR            check; exit 1 and print a diff when an output changed
  scripts/doc_outputs.py --bin DIR --update   rewrite the shown outputs in place from what the commands print
"""

import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!--\s*doc-check:\s*(varies|skip)\b(.*?)-->")
TIMEOUT_SECONDS = 600


def documents():
    yield ROOT / "README.md"
    yield from sorted((ROOT / "docs").glob("*.md"))


def blocks(lines):
    """Yields (fence_index, end_index, marker) for each ```console block."""
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```console":
            end = index + 1
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            if end == len(lines):
                raise SystemExit(f"unterminated ```console block at line {index + 1}")
            previous = lines[index - 1] if index > 0 else ""
            match = MARKER.search(previous)
            yield index, end, (match.group(1) if match else None)
            index = end + 1
        else:
            index += 1


def segments(body):
    """Splits a block's lines into (command, shown_output_lines)."""
    result = []
    for line in body:
        if line.startswith("$ "):
            result.append((line[2:], []))
        elif result:
            result[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"output before any command: {line!r}")
    return result


def run(command, bin_dir):
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    env["NO_COLOR"] = "1"
    completed = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=TIMEOUT_SECONDS,
    )
    text = completed.stdout.decode("utf-8", errors="replace")
    out = [line.rstrip() for line in text.split("\n")]
    while out and not out[-1]:
        out.pop()
    return out


def masked(lines):
    return [re.sub(r"\d+", "#", line) for line in lines]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="folder holding the rtcost binary")
    parser.add_argument("--update", action="store_true", help="rewrite the shown outputs in place")
    parser.add_argument("--only", help="check only documents whose path contains this text")
    args = parser.parse_args()
    bin_dir = Path(args.bin).resolve()
    if not (bin_dir / "rtcost").exists():
        raise SystemExit(f"doc_outputs: no rtcost binary in {bin_dir}")
    shared_present = (ROOT.parent / "shared").is_dir()
    checked = skipped = changed = 0
    for document in documents():
        if args.only and args.only not in str(document):
            continue
        lines = document.read_text(encoding="utf-8").split("\n")
        new_lines = list(lines)
        offset = 0
        for fence, end, marker in list(blocks(lines)):
            where = f"{document.relative_to(ROOT)}:{fence + 1}"
            if marker == "skip":
                skipped += 1
                continue
            try:
                parts = segments(lines[fence + 1 : end])
            except ValueError as error:
                raise SystemExit(f"{where}: {error}")
            rebuilt = []
            for command, shown in parts:
                if "../shared" in command and not shared_present:
                    print(f"{where}: skipped (needs ../shared): $ {command}")
                    skipped += 1
                    rebuilt.append(f"$ {command}")
                    rebuilt.extend(shown)
                    continue
                actual = run(command, bin_dir)
                checked += 1
                same = masked(actual) == masked(shown) if marker == "varies" else actual == shown
                if not same:
                    changed += 1
                    print(f"{where}: output of `{command}` changed")
                    if not args.update:
                        diff = difflib.unified_diff(shown, actual, "shown", "actual", lineterm="", n=2)
                        print("\n".join(diff))
                rebuilt.append(f"$ {command}")
                rebuilt.extend(actual if (args.update and not same) else shown)
            start = fence + 1 + offset
            stop = end + offset
            new_lines[start:stop] = rebuilt
            offset += len(rebuilt) - (end - fence - 1)
        if args.update and new_lines != lines:
            document.write_text("\n".join(new_lines), encoding="utf-8")
    verb = "rewritten" if args.update else "differ"
    print(f"doc_outputs: {checked} commands run, {skipped} skipped, {changed} {verb}")
    if changed and not args.update:
        print("doc_outputs: run `scripts/doc_outputs.py --bin DIR --update` and review the diff", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
