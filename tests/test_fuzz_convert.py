"""Property-based tests of ``convert`` over generated FRUS-like documents.

Documents are built from the pieces the reader recognises (headings, datelines,
paragraphs, lists, page markers anywhere, footnote markers glued to words with the
numbered list at the end) in text that mixes Latin, RTL scripts, combining marks,
bidi and control characters and very long lines. For every document: no exception
escapes except a one-line ``InputError``, the TEI is well formed and valid against
tei_all, and exporting it as text gives the input back, whitespace aside, with no
character lost or invented.

CI runs a short share (``TEIWRIGHT_FUZZ_EXAMPLES``, default 200);
``bench/fuzz_campaign.py`` runs the same property over 100,000 documents.
"""

from __future__ import annotations

import os
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from teiwright.core import Converter
from teiwright.errors import InputError
from teiwright.sources import NOT_XML
from teiwright.writers.plaintext import PlainTextWriter
from teiwright.writers.tei import serialize

from support import DEV_PERSONS, DEV_TERMS

EXAMPLES = int(os.environ.get("TEIWRIGHT_FUZZ_EXAMPLES", "200"))
BULLETS = "•◦▪‣·"
DROP_BULLETS = str.maketrans("", "", BULLETS)
CONTROLS = "\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\ufffe\uffff"

# -- the documents -----------------------------------------------------------------

latin = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)
rtl = st.text("שלוםעבריתالسلامعليكم", min_size=1, max_size=8)
symbols = st.sampled_from(["—", "–", "’", "“quoted”", "café", "naïve", "e\u0301", "½", "§",
                           "Ω", "日本", "😀", "\u00a0", "[text not declassified]",
                           "\u202eevil\u202c", "\u200f", "&amp;", "<b>", "]]>", "1973", "3.5",
                           "Telegram 311", "(Europe/NATO),", "SUBJECT:", "Dear Sir:"])
control = st.sampled_from(CONTROLS)
page = st.one_of(st.integers(0, 99999).map(str), st.sampled_from(["xii", "iv", "XL"])).map(
    lambda n: f"[Page {n}]")
word = st.one_of(latin, latin, latin, rtl, symbols, control, page)


@st.composite
def sentence(draw: st.DrawFn, long: bool = False) -> str:
    count = draw(st.integers(1, 3000 if long else 14))
    words = draw(st.lists(word, min_size=count, max_size=count)) if not long else \
        [draw(latin)] * count
    return " ".join(words)


@st.composite
def document(draw: st.DrawFn) -> str:
    """One plain-text document; markers for notes 1..K are glued in reading order."""
    blocks: list[str] = []
    if draw(st.booleans()):
        blocks.append(f"{draw(st.integers(1, 99999))}. {draw(sentence())}")
    if draw(st.booleans()):
        blocks.append(draw(st.sampled_from(["Washington, May 3, 1973.", "Panama City, undated.",
                                            "November 20, 1973, 2130Z."])))
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["p", "p", "p", "list", "page", "long", "lines"]))
        if kind == "list":
            glyph = draw(st.sampled_from(BULLETS))
            items = draw(st.lists(sentence(), min_size=1, max_size=4))
            depth = draw(st.sampled_from([2, 2, 6]))
            blocks.append("\n".join(f"{' ' * (2 if i == 0 else depth)}{glyph} {t}"
                                    for i, t in enumerate(items)))
        elif kind == "page":
            blocks.append(draw(page))
        elif kind == "long":
            blocks.append(draw(sentence(long=True)))
        elif kind == "lines":
            blocks.append("\n".join(draw(st.lists(sentence(), min_size=2, max_size=4))))
        else:
            blocks.append(draw(sentence()))
    if not blocks:
        blocks.append(draw(sentence()))
    notes = draw(st.integers(0, 5))
    if notes:
        # marker k glued to a word anywhere in the text, in reading order
        where = sorted(draw(st.lists(st.integers(0, len(blocks) - 1), min_size=notes,
                                     max_size=notes)))
        for b in set(where):
            marks = [k for k, w in enumerate(where, start=1) if w == b]
            words = blocks[b].split(" ")
            spots = sorted(draw(st.lists(st.integers(0, len(words)), min_size=len(marks),
                                         max_size=len(marks))))
            for k, spot in reversed(list(zip(marks, spots, strict=True))):
                words.insert(spot, f"Point{k}.")
            blocks[b] = " ".join(words)
        blocks.append("\n".join(f"  {k}. {draw(sentence())}" for k in range(1, notes + 1)))
    sep = draw(st.sampled_from(["\n\n", "\n\n\n", "\r\n\r\n", "\n\f\n"]))
    return sep.join(blocks) + draw(st.sampled_from(["", "\n", "\n\n"]))


# -- the property --------------------------------------------------------------------

@cache
def converter() -> Converter:
    """Default preset with the dev registers, as ``convert`` runs on real volumes."""
    conv = Converter(persons_path=DEV_PERSONS if DEV_PERSONS.exists() else None,
                     terms_path=DEV_TERMS if DEV_TERMS.exists() else None)
    conv.context()
    return conv


def comparable(text: str) -> str:
    """Text without whitespace, dropped characters, a leading BOM or bullet glyphs.

    A list item keeps its text but not its glyph (the writer uses one glyph for all).
    """
    text = NOT_XML.sub("", text.lstrip("\ufeff"))
    return "".join(text.translate(DROP_BULLETS).split())


def check(text: str, schema: etree.RelaxNG) -> None:
    """The whole property for one document (shared with the fuzz campaign)."""
    data = text.encode("utf-8")
    try:
        result = converter().convert_text(data, "fuzz.txt")
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message
        body = text.lstrip("\ufeff")
        controls = sum(1 for ch in body if ord(ch) < 32 and ch not in "\t\n\r\f\v")
        assert ("control characters" in message and controls > max(8, len(body) // 100)) \
            or ("binary" in message and "\x00" in text) \
            or ("empty" in message and not comparable(text)), message
        return
    raw = serialize(result.tree)
    tree = etree.ElementTree(etree.fromstring(raw))
    assert schema.validate(tree), schema.error_log.last_error
    back = PlainTextWriter().write(tree)
    assert comparable(back) == comparable(text)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document())
def test_convert_keeps_every_character_and_stays_valid(tei_all: etree.RelaxNG, text: str) -> None:
    check(text, tei_all)


@settings(max_examples=max(50, EXAMPLES // 4), deadline=None, database=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(tei_all: etree.RelaxNG, text: str) -> None:
    check(text, tei_all)
