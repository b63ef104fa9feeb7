"""Reader bugs the fuzzer found, one regression test each.

Each input is the shrunk failing example, made readable: a page break that moved
to the wrong side of a signature or dateline, a document that came out invalid, and
a note id without its document's prefix.
"""

from __future__ import annotations

import pytest
from lxml import etree

from teiwright.core import Converter

from support import NS, fragment


def body(text: str) -> etree._Element:
    return Converter(preset="minimal").convert_text(text).tree.getroot().find(".//t:div", NS)


def test_page_break_after_the_signature_stays_after_it():
    div = body("1. Memo\n\nText.\n\nJohn Smith\nAmbassador\n\n[Page 7]\n")
    closer = div.find("t:closer", NS)
    assert div[-1] is closer
    assert fragment(closer.find(".//t:affiliation", NS)) == \
        '<affiliation>Ambassador<pb n="7" xml:id="pg_7"/></affiliation>'


@pytest.mark.parametrize("text, where", [
    ("1. Memo\n\n[Page 3]\n\nWashington, May 3, 1973.\n\nText.", "dateline"),
    ("1. Memo\n\n[Page 3]\n\nDear Mr. President:\n\nText.", "salute"),
])
def test_page_break_before_the_opener_stays_before_it(text: str, where: str):
    div = body(text)
    first = div.find(f"t:opener/t:{where}", NS)[0]
    assert etree.QName(first).localname == "pb" and first.get("n") == "3"
    assert div.find("t:pb", NS) is None


@pytest.mark.parametrize("text", [
    "1. Memo\n\nWashington, May 3, 1973.\n\n[Name not declassified]\n",
    "1. Memo\n\nText.\n\nAttachment\n\nPaper on the Canal\n\nJohn Smith\n",
])
def test_signature_right_after_the_opener_is_a_paragraph(text: str):
    div = body(text)
    assert div.find(".//t:closer", NS) is None
    last = div.findall(".//t:p", NS)[-1]
    assert "".join(last.itertext()) in ("[Name not declassified]", "John Smith")


def test_unanchored_note_gets_the_document_prefix():
    div = body("5. Memo\n\nText without markers.\n\n  1. A note.\n")
    note = div.find(".//t:note", NS)
    assert note.get("{http://www.w3.org/XML/1998/namespace}id") == "d5fn1"
