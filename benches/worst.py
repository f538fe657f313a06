#!/usr/bin/env python3
"""The costliest inputs within the limits, built one at a time: the CPU time
and the most memory each build takes (the README's figures under "Limits").

    cargo build --release && python3 benches/worst.py [target/release/ita-report]

Every input here is made up, from tests/inputs/minimal.yaml, and is written
to a temporary folder: each is just under 1 MiB, or as much as a limit lets
it be.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/ita-report")
MINIMAL = open(os.path.join(ROOT, "tests/inputs/minimal.yaml"), encoding="utf-8").read()
HEAD = MINIMAL.split("issues:\n")[0]
CATALOG = open(os.path.join(ROOT, "data/catalog/2568.yaml"), encoding="utf-8").read()
CODES = re.findall(r"^  ([ieo]\d+):", CATALOG, re.M)
MEASURE = "      - target: i10\n        name: {name}\n        steps:\n{steps}        period: {{from: 2568-10-01, to: 2569-09-30}}\n        owner: สำนักปลัด\n"


def issue(title, measures, items="[i1, i10, o5]"):
    return f"  - title: {title}\n    items: {items}\n    analysis: {{cause: สาเหตุ, guideline: แนวทาง}}\n    measures:\n" + "".join(measures)


def steps(texts):
    return "".join(f"          - \"{t}\"\n" for t in texts)


def measures_of_steps():
    """500 measures of 50 steps each, in ten issues."""
    one = MEASURE.format(name="มาตรการ", steps=steps(["ประชุม"] * 50))
    return HEAD + "issues:\n" + "".join(issue(f"ประเด็น {i}", [one] * 50) for i in range(10))


def table_rows():
    """500 rows of the analysis tables, each item with a 300-letter text."""
    codes = [c for c in CODES][:50]
    scores = "scores:\n" + "".join(f"  {c}: 90\n" for c in CODES)
    texts = "texts:\n" + "".join(f"  {c}: \"{'ข้อคำถาม' * 37 + 'ขอ'}\"\n" for c in codes)
    head = re.sub(r"scores:\n(  .*\n)+", "", HEAD)
    one = MEASURE.format(name="มาตรการ", steps=steps(["ประชุม"]))
    items = "[" + ", ".join(codes) + "]"
    return head + scores + texts + "issues:\n" + "".join(issue(f"ประเด็น {i}", [one], items) for i in range(10))


def long_runs(text, count):
    """`count` steps of one text, in one measure."""
    one = MEASURE.format(name="มาตรการ", steps=steps([text] * count))
    return HEAD + "issues:\n" + issue("ประเด็น", [one])


def aliased(text, count):
    """One text and `count` aliases of it."""
    first = f"          - &long \"{text}\"\n" + "          - *long\n" * count
    one = MEASURE.format(name="มาตรการ", steps=first)
    return HEAD + "issues:\n" + issue("ประเด็น", [one])


CASES = [
    ("500 measures of 50 steps", measures_of_steps()),
    ("500 table rows, 300-letter item texts", table_rows()),
    ("runs of 30,000 letters without a space", long_runs("ก" * 30_000, 11)),
    ("a mark stacked 30,000 times", long_runs("ก" + "\u0e48" * 29_999, 11)),
    ("an alias of 30,000 letters, 1 MiB expanded", aliased("ก" * 30_000, 10)),
]


def run(path, out):
    """The build's exit code, CPU seconds and most resident memory (MB)."""
    child = subprocess.Popen([BIN, "build", path, "-o", out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    errors = child.stderr.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, errors


def main():
    with tempfile.TemporaryDirectory() as dir:
        worst = (0.0, 0.0)
        for name, text in CASES:
            path = os.path.join(dir, "worst.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            code, cpu, mb, errors = run(path, os.path.join(dir, "out"))
            size = len(text.encode("utf-8")) / 1024
            print(f"{name:45} {size:6.0f} KiB  {cpu:5.2f} s CPU  {mb:6.0f} MB  exit {code}")
            if code != 0:
                print(errors, file=sys.stderr)
                sys.exit(1)
            worst = (max(worst[0], cpu), max(worst[1], mb))
        print(f"{'the worst':45} {'':10} {worst[0]:5.2f} s CPU  {worst[1]:6.0f} MB")


if __name__ == "__main__":
    main()
