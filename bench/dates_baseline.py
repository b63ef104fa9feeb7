"""Dates: teiwright's grammar against what a user would reach for instead.

Runs the ``dates`` pass, ``dateparser.search.search_dates`` and ``datefinder.find_dates``
over the same texts (every text container of the documents in the hand-checked list
``tests/data/dates_gold.json``, note markers and page markers already taken out) and
scores each against that list: spans found (text alone) and values (text and ISO value).
The libraries get the document's dateline date as their base for yearless days. Last,
the grammar's throughput on the same texts repeated twenty times.

    .venv/bin/python bench/dates_baseline.py [--shared ../shared]

Needs the ``bench`` extras (``pip install -e .[bench]``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from teiwright.annotators import Context, Pipeline
from teiwright.annotators.dategrammar import find_dates
from teiwright.model import Date, Document
from teiwright.readers.frus_text import FrusTextReader
from teiwright.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "dates_gold.json"
ATTRS = (("when", "when"), ("from_", "from"), ("to", "to"), ("not_before", "notBefore"),
         ("not_after", "notAfter"))

Item = tuple[str, str]
"""(the date's words, its value as sorted JSON)."""


LEAD = re.compile(r"^(?:(?:on|in|at|a|an|the|of|by|since|from|until)\s+)+", re.IGNORECASE)
"""Words the libraries take into a match (``on December 26``); stripped for a fair count."""


def _key(text: str, value: dict[str, str]) -> Item:
    return " ".join(text.split()), json.dumps(value, sort_keys=True)


def _library_key(text: str, moment: dt.datetime) -> Item:
    return _key(LEAD.sub("", text.strip()).rstrip(".,;:"), _stamp(moment))


def _stamp(moment: dt.datetime) -> dict[str, str]:
    """A library's datetime as a ``when``: the day, with the clock only if it is set."""
    if moment.time() == dt.time(0, 0):
        return {"when": moment.date().isoformat()}
    return {"when": moment.replace(tzinfo=None, microsecond=0).isoformat()}


def ours(doc: Document, base: dt.datetime | None) -> Counter[Item]:
    Pipeline("minimal").enable("dates").run(doc, Context())
    found: Counter[Item] = Counter()
    for container in doc.containers():
        for s in container.spans():
            if isinstance(s, Date):
                value = {xml: getattr(s, attr) for attr, xml in ATTRS if getattr(s, attr)}
                found[_key(container.text[s.start:s.end], value)] += 1
    return found


def with_dateparser(doc: Document, base: dt.datetime | None) -> Counter[Item]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": base} if base else {}
    found: Counter[Item] = Counter()
    for container in doc.containers():
        for text, moment in search_dates(container.text, languages=["en"],
                                         settings=settings) or []:
            found[_library_key(text, moment)] += 1
    return found


def with_datefinder(doc: Document, base: dt.datetime | None) -> Counter[Item]:
    import datefinder

    found: Counter[Item] = Counter()
    for container in doc.containers():
        for moment, text in datefinder.find_dates(container.text, source=True,
                                                  base_date=base):
            found[_library_key(text, moment)] += 1
    return found


SYSTEMS: dict[str, Callable[[Document, dt.datetime | None], Counter[Item]]] = {
    "teiwright dates": ours,
    "dateparser.search_dates": with_dateparser,
    "datefinder.find_dates": with_datefinder,
}


def _base(path: Path) -> dt.datetime | None:
    """The document's dated dateline, which every system may use for days without a year."""
    doc = FrusTextReader().read(read_source(path))
    Pipeline("minimal").enable("dates").run(doc, Context())
    when = doc.date.when if doc.date is not None else None
    return dt.datetime.fromisoformat(when[:10]) if when and len(when) >= 10 else None


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    warnings.simplefilter("ignore")  # dateparser's deprecation chatter
    rows = []
    for name, system in SYSTEMS.items():
        spans = Counter[str]()
        values = Counter[str]()
        elapsed = 0.0
        for rel, entries in gold.items():
            path = args.shared / rel
            base = _base(path)
            doc = FrusTextReader().read(read_source(path))
            want = Counter(_key(text, value) for text, value in entries)
            start = time.perf_counter()
            got = system(doc, base)
            elapsed += time.perf_counter() - start
            want_text = Counter(t for t, _ in want.elements())
            got_text = Counter(t for t, _ in got.elements())
            for tally, w, g in ((spans, want_text, got_text), (values, want, got)):
                tally["tp"] += sum((w & g).values())
                tally["fp"] += sum((g - w).values())
                tally["fn"] += sum((w - g).values())
        rows.append((name, _prf(spans["tp"], spans["fp"], spans["fn"]),
                     _prf(values["tp"], values["fp"], values["fn"]), elapsed))
    total = sum(len(v) for v in gold.values())
    print(f"{len(gold)} documents, {total} hand-checked dates\n")
    print("| system | span P | span R | value P | value R | value F1 | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, (sp, sr, _), (vp, vr, vf), secs in rows:
        print(f"| {name} | {sp:.3f} | {sr:.3f} | {vp:.3f} | {vr:.3f} | {vf:.3f} | {secs:.2f} |")
    corpus = "\n\n".join((args.shared / rel).read_text(encoding="utf-8") for rel in gold) * 20
    start = time.perf_counter()
    found = len(find_dates(corpus))
    elapsed = time.perf_counter() - start
    print(f"\ngrammar throughput: {len(corpus) / 1e6:.2f} MB, {found} dates in {elapsed:.2f} s "
          f"({len(corpus) / 1e6 / elapsed:.1f} MB/s)")


if __name__ == "__main__":
    main()
