"""The terms register: a volume's abbreviations and terms, each with an id and expansion.

FRUS editors link every abbreviation in a document to the volume's list of
abbreviations (``<gloss target="#t_RG_1">RG</gloss>``), so the register is what the
abbreviations pass matches against and what publishers print as the list. It reads
three forms and writes all three:

* teiwright's own (``tei/terms.xml``): a complete TEI document whose body holds
  ``list type="terms"`` of ``<item><term xml:id="t_RG_1">RG</term><gloss>Record
  Group</gloss></item>``; simple for publishers and valid against ``tei_all``;
* a FRUS list of abbreviations (``div xml:id="terms"``): each ``item`` holds
  ``hi/term[@xml:id]`` followed by the expansion as running text;
* CSV with the header ``id,term,expansion``; a blank id is made from the term.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from ..errors import InputError
from ..namespaces import TEI_NS, XML_ID, XML_LANG
from ..writers.tei import indent_blocks, tei, tei_child
from ..xmlsafe import parse_file

NS = {"t": TEI_NS}
# lxml takes None as the default namespace's prefix; lxml-stubs only allows str
DEFAULT_NS = cast("dict[str, str]", {None: TEI_NS})
CSV_HEADER = ("id", "term", "expansion")
TITLE = "Abbreviations and Terms"
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
WS = re.compile(r"\s+")


@dataclass(slots=True)
class Term:
    """One abbreviation or term of the register."""

    id: str
    """The ``xml:id`` that glosses point to, without ``#`` (``t_RG_1``)."""
    term: str
    """The term as editors write it; matching respects its case (``Nodis``, ``DOD``)."""
    expansion: str
    """What the term stands for (``Record Group``)."""


@dataclass(slots=True)
class TermRegister:
    """An ordered list of terms with unique ids."""

    terms: list[Term] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for t in self.terms:
            if not t.term.strip():
                raise InputError(f"term {t.id!r} has no text")
            if not NCNAME.match(t.id):
                raise InputError(f"term {t.term!r}: {t.id!r} is not a valid xml:id")
            if t.id in seen:
                raise InputError(f"duplicate term id {t.id!r}")
            seen.add(t.id)

    def get(self, id: str) -> Term | None:
        """The term with this id (with or without a leading ``#``), or None."""
        ident = id.removeprefix("#")
        return next((t for t in self.terms if t.id == ident), None)

    def to_tei(self, title: str = TITLE) -> etree._ElementTree:
        """The register as a complete TEI document (teiwright's ``tei/terms.xml`` form)."""
        root = etree.Element(tei("TEI"), nsmap=DEFAULT_NS)
        root.set(XML_LANG, "en")
        header = tei_child(root, "teiHeader")
        file_desc = tei_child(header, "fileDesc")
        tei_child(tei_child(file_desc, "titleStmt"), "title", title)
        tei_child(tei_child(file_desc, "publicationStmt"), "p",
             "Distributed with teiwright; the terms and expansions are facts in the "
             "public domain.")
        tei_child(tei_child(file_desc, "sourceDesc"), "p",
             "Abbreviations as the Office of the Historian lists them in Foreign Relations "
             "of the United States.")
        body = tei_child(tei_child(root, "text"), "body")
        div = tei_child(body, "div", type="terms")
        tei_child(div, "head", title)
        lst = tei_child(div, "list", type="terms")
        for t in self.terms:
            item = tei_child(lst, "item")
            tei_child(item, "term", t.term).set(XML_ID, t.id)
            tei_child(item, "gloss", t.expansion)
        indent_blocks(root)
        return etree.ElementTree(root)

    def to_frus(self, title: str = TITLE) -> etree._ElementTree:
        """The register as a FRUS front-matter list (``div xml:id="terms"``)."""
        div = etree.Element(tei("div"), nsmap=DEFAULT_NS, type="section",
                            subtype="index")
        div.set(XML_ID, "terms")
        tei_child(div, "head", title)
        lst = tei_child(div, "list", type="terms")
        for t in self.terms:
            item = tei_child(lst, "item")
            hi = tei_child(item, "hi", rend="strong")
            tei_child(hi, "term", t.term).set(XML_ID, t.id)
            hi[0].tail = ","
            hi.tail = f" {t.expansion}"
        indent_blocks(div)
        return etree.ElementTree(div)

    def to_csv(self) -> str:
        """The register as CSV with the header ``id,term,expansion``."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for t in self.terms:
            writer.writerow((t.id, t.term, t.expansion))
        return out.getvalue()


def load_terms(path: Path) -> TermRegister:
    """Read a terms register, telling teiwright TEI, FRUS lists and CSV apart by content."""
    path = Path(path)
    try:
        head = path.read_bytes()[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if head.startswith(b"<"):
        return _from_xml(parse_file(path), path)
    return _from_csv(path)


def make_id(term: str, taken: set[str]) -> str:
    """A FRUS-style id for ``term`` (``ARA/LA`` → ``t_ARALA_1``) not in ``taken``."""
    stem = re.sub(r"[^A-Za-z0-9]", "", term) or "term"
    n = 1
    while f"t_{stem}_{n}" in taken:
        n += 1
    return f"t_{stem}_{n}"


def _from_xml(tree: etree._ElementTree, path: Path) -> TermRegister:
    lists = cast("list[etree._Element]",
                 tree.getroot().xpath("descendant-or-self::t:list[@type='terms']",
                                      namespaces=NS))
    if not lists:
        raise InputError(f"{path}: no <list type=\"terms\"> found (not a terms register)")
    terms: list[Term] = []
    for item in (i for lst in lists for i in lst.iterfind("t:item", NS)):
        term_el = item.find(".//t:term", NS)
        if term_el is None:
            line = item.sourceline or 0
            raise InputError(f"{path}:{line}: terms list item without a <term>")
        ident = term_el.get(XML_ID)
        if not ident:
            raise InputError(f"{path}:{term_el.sourceline or 0}: <term> without xml:id")
        gloss = item.find("t:gloss", NS)
        expansion = _text(gloss) if gloss is not None else _expansion(item, term_el)
        terms.append(Term(ident, _text(term_el), expansion))
    return _register(terms, path)


def _expansion(item: etree._Element, term_el: etree._Element) -> str:
    """FRUS form: the item's text after the term, without the separating comma."""
    parts: list[str] = []
    for node in item.iter():
        if node is term_el or _inside(node, term_el):
            continue
        if node.text:
            parts.append(node.text)
        if node is not item and node.tail:
            parts.append(node.tail)
    return WS.sub(" ", "".join(parts)).strip().lstrip(",").strip()


def _inside(node: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in node.iterancestors())


def _from_csv(path: Path) -> TermRegister:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 CSV ({exc})") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(c.strip().lower() for c in rows[0]) != CSV_HEADER:
        raise InputError(f"{path}: expected a CSV header 'id,term,expansion' "
                         "(or a TEI/FRUS terms list)")
    taken = {r[0].strip() for r in rows[1:] if r and r[0].strip()}
    terms: list[Term] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != 3:
            raise InputError(f"{path}:{line}: expected 3 fields, found {len(row)}")
        ident, term, expansion = (c.strip() for c in row)
        if not ident:
            ident = make_id(term, taken)
            taken.add(ident)
        terms.append(Term(ident, term, expansion))
    return _register(terms, path)


def _register(terms: list[Term], path: Path) -> TermRegister:
    try:
        return TermRegister(terms)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def _text(el: etree._Element) -> str:
    # lxml yields str text here (the stubs allow bytes)
    return WS.sub(" ", "".join(cast("Iterator[str]", el.itertext()))).strip()



