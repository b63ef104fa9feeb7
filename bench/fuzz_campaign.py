"""The long fuzz campaign and the large-input timings, run once and reported.

Part 1 runs the property of ``tests/test_fuzz_convert.py`` (no exception escapes,
valid TEI, the text round-trips) over ``--examples`` generated documents (default
100,000, plus a quarter as many arbitrary strings), with a fixed seed so a failure
can be replayed. Part 2 converts very large inputs, each in a fresh process so its
peak memory is its own: 100,000 footnotes, 10,000 page markers, a 50 MB document.

    .venv/bin/python bench/fuzz_campaign.py [--examples N] [--seed S]
                                            [--skip-fuzz] [--skip-large]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def notes_document(count: int) -> str:
    body = "\n\n".join(f"Paragraph {i} makes a claim.{i}" for i in range(1, count + 1))
    notes = "\n".join(f"  {i}. Note {i}." for i in range(1, count + 1))
    return f"1. Heading\n\n{body}\n\n{notes}\n"


def pages_document(count: int) -> str:
    return "1. Heading\n\n" + "\n\n".join(f"Text [Page {i}] more." for i in range(count)) + "\n"


def big_document(size: int) -> str:
    para = "The Ambassador met the Foreign Minister and discussed the canal treaty. " * 6
    parts, total, i = ["1. Heading\n"], 0, 0
    while total < size:
        part = f"{para}\n\n[Page {i}]\n\n" if i % 20 == 0 else f"{para}\n\n"
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)


LARGE: dict[str, Callable[[], str]] = {
    "100,000 footnotes": lambda: notes_document(100_000),
    "10,000 page markers": lambda: pages_document(10_000),
    "50 MB document": lambda: big_document(50_000_000),
}


def run_large(name: str) -> dict[str, object]:
    """Convert one large input in this process: seconds, peak memory, output size."""
    from teiwright.core import Converter
    from teiwright.readers.frus_text import FrusTextReader
    from teiwright.sources import decode
    from teiwright.writers.tei import TeiWriter, serialize

    data = LARGE[name]().encode("utf-8")
    conv = Converter()
    start = time.perf_counter()
    # the reader's own footnote limit is raised: this measures the cost, not the refusal
    doc = FrusTextReader(max_notes=1_000_000).read(decode(data, name))
    conv.pipeline().run(doc, conv.context())
    out = serialize(TeiWriter().write(doc))
    seconds = time.perf_counter() - start
    return {"case": name, "input_bytes": len(data), "output_bytes": len(out),
            "seconds": round(seconds, 2), "warnings": len(doc.warnings),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def fuzz(examples: int, seed: int) -> dict[str, object]:
    env = {**os.environ, "TEIWRIGHT_FUZZ_EXAMPLES": str(examples)}
    cmd = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_fuzz_convert.py"), "-q",
           "-p", "no:cacheprovider", "--hypothesis-show-statistics",
           f"--hypothesis-seed={seed}"]
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    counts = [tuple(map(int, m)) for m in
              re.findall(r"(\d+) passing, (\d+) failing, and (\d+) invalid", res.stdout)]
    passing = sum(c[0] for c in counts)
    failing = sum(c[1] for c in counts)
    return {"examples_requested": examples + max(50, examples // 4), "passing": passing,
            "failing": failing, "seconds": round(seconds, 1), "exit_code": res.returncode,
            "seed": seed, "tail": res.stdout.strip().splitlines()[-1:],
            "falsifying": [ln.strip() for ln in res.stdout.splitlines()
                           if "text=" in ln or ln.lstrip("E ").startswith("AssertionError")]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--skip-fuzz", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--large", choices=LARGE, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.large:
        print(json.dumps(run_large(args.large)))
        return
    report: dict[str, object] = {}
    if not args.skip_fuzz:
        report["fuzz"] = fuzz(args.examples, args.seed)
        print(json.dumps(report["fuzz"]), flush=True)
    large = []
    for name in () if args.skip_large else LARGE:
        res = subprocess.run([sys.executable, __file__, "--large", name], capture_output=True,
                             text=True, check=False)
        row = json.loads(res.stdout) if res.returncode == 0 else \
            {"case": name, "error": res.stderr.strip().splitlines()[-1:]}
        print(json.dumps(row), flush=True)
        large.append(row)
    report["large"] = large
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
