"""The structure reader, case by case: plain text in, the document's TEI div out.

Cases live in ``fixtures/structure.txt`` (title, input, expected TEI); only the reader
and writer run (preset ``minimal``), so each case shows structure alone.
"""

from pathlib import Path

import pytest

from teiwright.core import Converter

from support import NS, fragment, read_fixture_file

CASES = read_fixture_file(Path(__file__).parent / "fixtures" / "structure.txt")


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.line}" for c in CASES])
def test_structure_fixture(case):
    result = Converter(preset="minimal").convert_text(case.input, "case.txt")
    div = result.tree.getroot().find(".//t:body/t:div", NS)
    assert fragment(div) == case.expected, case.title
    assert result.warnings == []


def convert(text: str):
    return Converter(preset="minimal").convert_text(text, "case.txt")


def test_document_without_heading_is_encoded_and_reported():
    result = convert("Just a paragraph.\n\nAnother one.\n")
    div = result.tree.getroot().find(".//t:body/t:div", NS)
    assert div.get("n") is None
    assert [p.text for p in div.findall("t:p", NS)] == ["Just a paragraph.", "Another one."]
    assert [w.code for w in result.warnings] == ["no-heading"]


def test_note_without_marker_is_kept_and_reported():
    result = convert("3. Memo1\n\nNo marker here.\n  1. Source: Files.\n  2. Orphan note.\n")
    notes = result.tree.getroot().findall(".//t:body//t:note", NS)
    assert [n.get("n") for n in notes] == ["1", "2"]
    assert notes[1].text == "Orphan note."
    assert [w.code for w in result.warnings] == ["note-unanchored"]


def test_notes_out_of_sequence_are_reported_not_dropped():
    result = convert("3. Memo1\n\nText.2 More.3\n  1. Source: Files.\n  3. Third.\n  2. Second.\n")
    notes = result.tree.getroot().findall(".//t:body//t:note", NS)
    assert sorted(n.get("n") for n in notes) == ["1", "2", "3"]
    assert "note-sequence" in {w.code for w in result.warnings}
    ids = [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in notes]
    assert len(set(ids)) == len(ids)


def test_duplicate_page_numbers_get_unique_ids():
    result = convert("3. Memo\n\n[Page 5]\n\nText.\n\n[Page 5]\n\nMore.\n")
    pbs = result.tree.getroot().findall(".//t:pb", NS)
    ids = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in pbs]
    assert [p.get("n") for p in pbs] == ["5", "5"]
    assert len(set(ids)) == 2


def test_text_that_looks_like_markup_stays_text():
    result = convert("3. Memo <b>&amp;</b>\n\nA <script>alert(1)</script> &lt; test.\n")
    p = result.tree.getroot().find(".//t:body//t:p", NS)
    assert p.text == "A <script>alert(1)</script> &lt; test."
    assert len(p) == 0


def test_editorial_bracket_at_the_end_is_not_a_signature():
    result = convert("8. Memo\n\nText.\n\n[Omitted here is discussion of other matters.]\n")
    div = result.tree.getroot().find(".//t:body/t:div", NS)
    assert div.find("t:closer", NS) is None
    assert div.findall("t:p", NS)[-1].text.startswith("[Omitted here")


def test_withheld_signature_is_a_signature():
    result = convert("8. Memo\n\nText.\n\n[name not declassified]\n")
    signed = result.tree.getroot().find(".//t:closer/t:signed", NS)
    assert signed is not None and signed.find("t:hi", NS).text == "name not declassified"
