"""Conversion speed on one core: the full default pipeline over the dev set, repeated.

Issue 9's goal is at least 300 documents/s on one core for reader, dates, persons,
abbreviations, cross-references, TEI writer and serialisation, with both dev registers
and the documents already read. This measures exactly that in this process: one
``Converter``, one warm-up document, then every dev document ``--repeat`` times. It
reports wall-clock and CPU rates (on a shared machine the CPU rate is the steadier
one) and the peak resident memory. ``bench/run.py`` times the build's convert stage
instead, files and all.

    python bench/convert_speed.py [--repeat 20] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any

from teiwright.core import Converter
from teiwright.sources import read_source

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "frus-dev"
GOAL = 300.0
"""Documents per second on one core (issue 9)."""


def measure(text_dir: Path, persons: Path, terms: Path, repeat: int) -> dict[str, Any]:
    sources = [read_source(p) for p in sorted(text_dir.glob("*.txt"))]
    if not sources:
        raise SystemExit(f"no .txt documents in {text_dir}")
    converter = Converter(persons_path=persons, terms_path=terms)
    converter.convert_source(sources[0]).to_bytes()  # registers and indexes load here
    wall, cpu = time.perf_counter(), time.process_time()
    out_bytes = 0
    for _ in range(repeat):
        for source in sources:
            out_bytes += len(converter.convert_source(source).to_bytes())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = repeat * len(sources)
    return {
        "docs": n,
        "distinct_docs": len(sources),
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "docs_per_s": round(n / wall, 1),
        "cpu_docs_per_s": round(n / cpu, 1),
        "output_mib": round(out_bytes / 2**20, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "goal_docs_per_s": GOAL,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="Passes over the dev set.")
    parser.add_argument("--text", type=Path, default=DEV / "text")
    parser.add_argument("--persons", type=Path, default=DEV / "persons.xml")
    parser.add_argument("--terms", type=Path, default=DEV / "terms.xml")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    result = measure(args.text, args.persons, args.terms, args.repeat)
    line = json.dumps(result)
    if args.json:
        args.json.write_text(line + "\n")
    print(line)
    met = "met" if result["cpu_docs_per_s"] >= GOAL else "NOT met"
    print(f"convert, one core: {result['docs_per_s']:.0f} docs/s wall, "
          f"{result['cpu_docs_per_s']:.0f} docs/s CPU over {result['docs']} documents; "
          f"peak {result['peak_mib']:.0f} MiB; goal >= {GOAL:g} docs/s (CPU rate): {met}")


if __name__ == "__main__":
    main()
