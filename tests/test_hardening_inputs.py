"""Broken and extreme inputs: each gets a faithful encoding or a one-line refusal.

The small cases live in ``tests/bad_inputs/`` with their expected outcome in
``expected.toml``; the large ones (thousands of notes and pages, tens of megabytes)
are generated here, so the repository stays small.
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from teiwright.core import Converter
from teiwright.errors import InputError
from teiwright.readers.footnotes import split_notes
from teiwright.readers.frus_text import MAX_NOTES
from teiwright.sources import read_source
from teiwright.writers.plaintext import PlainTextWriter

from support import NS, ROOT, run_cli

CORPUS = ROOT / "tests" / "bad_inputs"
EXPECTED: dict[str, dict[str, object]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8"))




def body_text(tree: etree._ElementTree) -> str:
    return "".join(tree.getroot().find("t:text", NS).itertext())


def squeeze(text: str) -> str:
    return "".join(text.replace("•", "").split())


def expected_export(path: Path, case: dict[str, object]) -> str:
    """The input as the text export gives it back, whitespace and bullet glyphs aside.

    A note whose marker was not found is parked at the end of the body, so the export
    puts its number there, just before the footnote list.
    """
    lines = read_source(path).text.split("\n")
    split = split_notes(lines)
    parked = "".join(case.get("parked", []))  # type: ignore[arg-type]
    return squeeze("\n".join(lines[:split])) + parked + squeeze("\n".join(lines[split:]))


def test_every_corpus_file_has_an_expected_outcome():
    files = {p.name for p in CORPUS.iterdir() if p.suffix == ".txt"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e["outcome"] == "error"])
def test_refused_with_one_line(name: str):
    with pytest.raises(InputError) as info:
        Converter().convert_file(CORPUS / name)
    message = str(info.value)
    assert "\n" not in message and name in message
    assert str(EXPECTED[name]["message"]) in message


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e["outcome"] == "tei"])
def test_encoded_faithfully(name: str, tei_all: etree.RelaxNG):
    case = EXPECTED[name]
    result = Converter().convert_file(CORPUS / name)
    tree = etree.ElementTree(etree.fromstring(result.to_bytes()))
    assert tei_all.validate(tree), tei_all.error_log.last_error
    text = body_text(tree)
    for needle in case.get("contains", []):  # type: ignore[attr-defined]
        assert needle in text
    codes = {w.code for w in result.warnings}
    assert set(case.get("warnings", [])) <= codes  # type: ignore[arg-type]
    assert squeeze(PlainTextWriter().write(tree)) == expected_export(CORPUS / name, case)
    if "same_as" in case:
        twin = Converter().convert_file(CORPUS / str(case["same_as"]))
        mine = etree.tostring(tree.getroot().find("t:text", NS))
        assert mine == etree.tostring(twin.tree.getroot().find("t:text", NS))


def test_batch_over_the_corpus(tmp_path: Path):
    """One run over every bad input: each refusal is one line, the rest are written."""
    res = run_cli("convert", str(CORPUS), "-o", str(tmp_path), "-q")
    assert res.returncode == 1
    errors = [ln for ln in res.stderr.decode().splitlines() if ln.startswith("teiwright: error")]
    refused = sorted(n for n, e in EXPECTED.items() if e["outcome"] == "error")
    assert sorted(next(n for n in refused if f"/{n}:" in ln) for ln in errors) == refused
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(n.replace(".txt", ".xml") for n, e in EXPECTED.items()
                             if e["outcome"] == "tei")
    assert "Traceback" not in res.stderr.decode()


# -- generated inputs ------------------------------------------------------------------

def with_notes(count: int) -> str:
    body = "\n\n".join(f"Paragraph {i} makes a claim.{i}" for i in range(1, count + 1))
    notes = "\n".join(f"  {i}. Note {i}." for i in range(1, count + 1))
    return f"1. Heading\n\n{body}\n\n{notes}\n"


def convert_seconds(text: str) -> tuple[float, Converter]:
    conv = Converter(preset="minimal")
    start = time.perf_counter()
    result = conv.convert_text(text, "big.txt")
    result.to_bytes()
    assert not result.warnings
    return time.perf_counter() - start, conv


def test_footnotes_scale_linearly():
    """Ten times the notes may cost ten times the time, not a hundred (was quadratic)."""
    small = min(convert_seconds(with_notes(1000))[0] for _ in range(2))
    large = convert_seconds(with_notes(MAX_NOTES))[0]
    assert large < 40 * small + 0.5, (small, large)


def test_more_footnotes_than_the_limit_are_refused():
    with pytest.raises(InputError, match=f"10001 footnotes, over the limit of {MAX_NOTES}"):
        Converter(preset="minimal").convert_text(with_notes(MAX_NOTES + 1), "many.txt")


def test_10000_page_markers_duplicate_and_decreasing():
    pages = [str(5000 - i // 2) for i in range(10000)]  # each twice, counting down
    text = "1. Heading\n\n" + "\n\n".join(f"Text [Page {n}] more." for n in pages) + "\n"
    tree = Converter(preset="minimal").convert_text(text).tree
    pbs = tree.getroot().findall(".//t:pb", NS)
    assert [pb.get("n") for pb in pbs] == pages
    ids = [pb.get("{http://www.w3.org/XML/1998/namespace}id") for pb in pbs]
    assert len(set(ids)) == len(ids)


def test_very_long_line_is_kept_whole():
    line = " ".join(f"w{i}" for i in range(500_000))
    tree = Converter(preset="minimal").convert_text(f"1. Heading\n\n{line}\n").tree
    assert tree.getroot().find(".//t:p", NS).text == line


def test_50_megabytes_over_the_limit_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: the size is what is checked first
    start = time.perf_counter()
    res = run_cli("convert", str(big), "-o", str(tmp_path / "out"), "--max-bytes", "10000000")
    assert time.perf_counter() - start < 20
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.decode().splitlines() if "error" in ln]
    assert len(lines) == 1 and "over the limit of 10000000" in lines[0]
    assert not (tmp_path / "out").exists()


def test_stdin_over_the_limit_is_refused():
    res = run_cli("convert", "-", "--max-bytes", "100", input=b"1. Memo\n\n" + b"x" * 200)
    assert res.returncode == 1 and res.stdout == b""
    assert b"over the limit of 100" in res.stderr
