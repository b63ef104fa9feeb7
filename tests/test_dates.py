"""The dates pass alone: fixture cases, the grammar's edge cases, and the hand-checked list."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from teiwright.annotators import Context, Pipeline
from teiwright.annotators.dategrammar import find_dates, parse_exact
from teiwright.config import VolumeConfig
from teiwright.model import Date, Div, Document, Hi, P, PersName
from teiwright.readers.frus_text import FrusTextReader
from teiwright.sources import decode
from teiwright.writers.tei import TeiWriter

from support import NS, SHARED, fragment, read_fixture_file

HERE = Path(__file__).parent
CASES = read_fixture_file(HERE / "fixtures" / "dates.txt")
GOLD = json.loads((HERE / "data" / "dates_gold.json").read_text(encoding="utf-8"))
ATTRS = (("when", "when"), ("from_", "from"), ("to", "to"), ("not_before", "notBefore"),
         ("not_after", "notAfter"))


def annotate(text: str, name: str = "case.txt") -> Document:
    doc = FrusTextReader().read(decode(text.encode("utf-8"), name))
    Pipeline("minimal").enable("dates").run(doc, Context())
    return doc


@pytest.mark.parametrize("case", CASES, ids=[f"{c.line}-{c.title[:40]}" for c in CASES])
def test_fixture(case):
    tree = TeiWriter(VolumeConfig()).write(annotate(case.input))
    creation = tree.find(".//t:profileDesc/t:creation/t:date", NS)
    body = tree.find(".//t:text", NS)
    got = [f"creation: {fragment(creation)}"]
    got += [fragment(d) for d in body.iterfind(".//t:date", NS)]
    assert "\n".join(got) == case.expected


@pytest.mark.parametrize(("text", "value"), [
    ("December 19, 1973, 930Z", "1973-12-19T09:30:00+00:00"),
    ("December 19, 1973, 1600 hours", "1973-12-19T16:00:00"),
    ("Dec. 19, 1973", "1973-12-19"),
    ("September 13th, 1971", "1971-09-13"),
    ("November 20 1973", "1973-11-20"),
])
def test_exact_forms(text, value):
    found = parse_exact(text)
    assert found is not None and found.last is None
    assert found.first.iso() == value


@pytest.mark.parametrize("text", [
    "Undated", "Telegram 1973", "May I come", "Dec 19 74", "pp. 1970–1975", "12:30 p.m.",
])
def test_not_a_date(text):
    assert find_dates(text) == []


def test_backwards_range_is_no_range():
    assert [f.kind for f in find_dates("1975–1973")] == []


def test_dateline_span_keeps_reader_extent():
    doc = annotate("7. Memo\n\nBalboa Heights, Panama Canal Zone, December 13, 1974.\n\nText.\n")
    dateline = doc.div.opener.dateline
    dates = [s for s in dateline.spans() if isinstance(s, Date)]
    assert len(dates) == 1
    assert dateline.text[dates[0].start:dates[0].end] == "December 13, 1974"
    assert (dates[0].when, dates[0].calendar) == ("1974-12-13", "gregorian")
    assert doc.date_label == "December 13, 1974"


def test_dates_nest_in_withheld_text_and_never_cross_a_name():
    doc = annotate("Text [May 16, 1973 not declassified] and May 17, 1973.\n")
    para = next(c for c in doc.containers() if "Text" in c.text)
    hi, inner, outer = sorted(para.spans(), key=lambda s: s.start)
    assert (type(hi), type(inner), type(outer)) == (Hi, Date, Date)
    assert hi.start <= inner.start < inner.end <= hi.end
    crossing = P(text="Mr. May 16, 1973 spoke.", inlines=[PersName(start=0, end=7)])
    other = Document(Div(blocks=[crossing]))
    Pipeline("minimal").enable("dates").run(other, Context())
    assert [type(s) for s in crossing.spans()] == [PersName]


def _system_dates(doc: Document) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for container in doc.containers():
        for s in container.spans():
            if isinstance(s, Date):
                value = {xml: getattr(s, attr) for attr, xml in ATTRS if getattr(s, attr)}
                text = " ".join(container.text[s.start:s.end].split())
                found[(text, json.dumps(value, sort_keys=True))] += 1
    return found


def test_hand_checked_list(shared):
    tp = fp = fn = 0
    for rel, entries in GOLD["documents"].items():
        path = SHARED / rel
        doc = annotate(path.read_text(encoding="utf-8"), path.name)
        want = Counter((text, json.dumps(value, sort_keys=True)) for text, value in entries)
        got = _system_dates(doc)
        tp += sum((want & got).values())
        fp += sum((got - want).values())
        fn += sum((want - got).values())
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, tp, fp, fn)


def test_a_telegram_number_opening_a_paragraph_is_not_a_year():
    assert find_dates("1802. Subject: Meeting With the General.") == []
    assert [f.start for f in find_dates("In 1802. Then more.")] == [3]


def test_an_undated_editorial_note_reads_days_against_its_own_first_date():
    doc = FrusTextReader().read(decode(
        b"90. Editorial Note\n\nOn June 3, 1975, the President met the envoy. "
        b"On June 6, the Embassy reported.\n", "en.txt"))
    Pipeline("minimal").enable("dates").run(doc, Context())
    values = [(doc.div.blocks[0].text[s.start:s.end], s.when)
              for s in doc.div.blocks[0].spans()]
    assert values == [("June 3, 1975", "1975-06-03"), ("June 6", "1975-06-06")]
    assert doc.date is None
