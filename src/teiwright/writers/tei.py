"""The TEI writer: document model → TEI P5 with lxml, one ``visit_<node>`` per node class.

Inline markup is stand-off in the model; ``render_inline`` turns it into nested
elements: spans sorted by (start, longest first) nest by containment, and a milestone
goes inside a span only when it falls strictly inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from lxml import etree

from .. import __version__
from ..config import VolumeConfig
from ..model import (
    Block,
    Closer,
    Date,
    Div,
    Document,
    Gloss,
    Hi,
    Inline,
    List,
    Milestone,
    Note,
    Opener,
    P,
    PageBreak,
    Pb,
    PersName,
    PlaceName,
    Quote,
    Ref,
    Span,
    TextContainer,
)
from ..namespaces import TEI_NS, XML_ID, XML_LANG

SCHEMA_BASE = "../schema/"
"""Default folder of teiwright's schemas for ``<?xml-model?>``: relative, so that files in a
project's ``tei/`` or ``out/`` find ``schema/`` beside them; a project that publishes its
schema sets an absolute URL instead (``TeiWriter(schema_base=...)``)."""
_XML_MODELS = (("teiwright.rng", "http://relaxng.org/ns/structure/1.0"),
               ("teiwright.sch", "http://purl.oclc.org/dsdl/schematron"))


def tei(name: str) -> str:
    """Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{name}"


class TeiWriter:
    """Serialises a ``Document`` as a complete TEI document (header and text)."""

    name = "tei"

    def __init__(self, config: VolumeConfig | None = None, *,
                 schema_base: str | None = SCHEMA_BASE) -> None:
        self.config = config or VolumeConfig()
        self.schema_base = schema_base
        """Where ``<?xml-model?>`` points (None: no processing instructions)."""
        self._page_ids: set[str] = set()

    def write(self, doc: Document) -> etree._ElementTree:
        self._page_ids = set()
        # lxml takes None as the default namespace's prefix; lxml-stubs only allows str
        root = etree.Element(tei("TEI"), nsmap=cast("dict[str, str]", {None: TEI_NS}))
        root.set(XML_LANG, self.config.language)
        root.append(self.header(doc))
        text = etree.SubElement(root, tei("text"))
        body = etree.SubElement(text, tei("body"))
        body.append(self.visit(doc.div))
        indent_blocks(root)
        if self.schema_base is not None:
            for name, schematypens in _XML_MODELS:
                pi = etree.ProcessingInstruction(
                    "xml-model", f'href="{self.schema_base}{name}" type="application/xml" '
                                 f'schematypens="{schematypens}"')
                root.addprevious(pi)
        return etree.ElementTree(root)

    # -- header ------------------------------------------------------------------------

    def header(self, doc: Document) -> etree._Element:
        cfg = self.config
        h = etree.Element(tei("teiHeader"))
        file_desc = tei_child(h, "fileDesc")
        title_stmt = tei_child(file_desc, "titleStmt")
        tei_child(title_stmt, "title", doc.title(), type="main")
        if cfg.title:
            tei_child(title_stmt, "title", cfg.title, type="volume")
        responsibility_and_publication(file_desc, title_stmt, cfg,
                                       "Encoded in TEI P5 from plain text by")
        source_desc = tei_child(file_desc, "sourceDesc")
        bibl = tei_child(source_desc, "bibl")
        if cfg.title:
            tei_child(bibl, "title", cfg.title, level="m")
        if cfg.id:
            tei_child(bibl, "idno", cfg.id, type="volume")
        if doc.div.n:
            tei_child(bibl, "biblScope", f"Document {doc.div.n}", unit="document", n=doc.div.n)
        tei_child(bibl, "idno", doc.source_name, type="file")
        source = doc.source_note()
        if source is not None:
            note = tei_child(bibl, "note", type="source")
            note.text = " ".join(" ".join(p.text.split()) for p in source.paragraphs)
        enc = tei_child(h, "encodingDesc")
        app_info = tei_child(enc, "appInfo")
        app = tei_child(app_info, "application", ident="teiwright", version=__version__)
        tei_child(app, "label", "teiwright")
        profile = tei_child(h, "profileDesc")
        creation = tei_child(profile, "creation")
        if doc.date is not None:
            creation.append(self._date_element(doc.date, doc.date_label or _date_value(doc.date)))
        else:
            tei_child(creation, "date", "undated", type="undated")
        lang = tei_child(profile, "langUsage")
        tei_child(lang, "language", "English" if cfg.language == "en" else cfg.language,
             ident=cfg.language)
        rev = tei_child(h, "revisionDesc")
        change = tei_child(rev, "change", f"Converted from plain text by teiwright {__version__}.")
        if cfg.change_date:
            change.set("when", cfg.change_date)
        return h

    # -- blocks ------------------------------------------------------------------------

    def visit(self, node: Block) -> etree._Element:
        method: Callable[[Any], etree._Element] | None = getattr(
            self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise TypeError(f"TEI writer has no visitor for {type(node).__name__}")
        return method(node)

    def visit_Div(self, div: Div) -> etree._Element:
        el = etree.Element(tei("div"), type=div.type)
        if div.n:
            el.set("n", div.n)
        if div.xml_id:
            el.set(XML_ID, div.xml_id)
        for pb in div.leading:
            el.append(self.visit(pb))
        if div.label:
            tei_child(el, "note", div.label, type="label", rend="inline")
        if div.head is not None:
            el.append(self.container("head", div.head))
        if div.opener is not None:
            if div.type == "document" or div.opener.salute is not None:
                el.append(self.visit(div.opener))
            elif div.opener.dateline is not None:  # attachment: dateline stands alone
                el.append(self.container("dateline", div.opener.dateline))
        for block in div.blocks:
            el.append(self.visit(block))
        if div.closer is not None:
            el.append(self.visit(div.closer))
        return el

    def visit_Opener(self, opener: Opener) -> etree._Element:
        el = etree.Element(tei("opener"))
        if opener.dateline is not None:
            el.append(self.container("dateline", opener.dateline))
        if opener.salute is not None:
            el.append(self.container("salute", opener.salute))
        return el

    def visit_P(self, p: P) -> etree._Element:
        el = self.container("p", p)
        if p.rend:
            el.set("rend", p.rend)
        return el

    def visit_PageBreak(self, block: PageBreak) -> etree._Element:
        return self.milestone(block.pb)

    def visit_List(self, lst: List) -> etree._Element:
        el = etree.Element(tei("list"))
        if lst.type:
            el.set("type", lst.type)
        if lst.head is not None:
            el.append(self.container("head", lst.head))
        for item in lst.items:
            if item.sublist is None:
                el.append(self.container("item", item))
                continue
            item_el = tei_child(el, "item")
            sub = self.visit(item.sublist)
            head = self.container("head", item)
            sub.insert(0, head)
            item_el.append(sub)
        return el

    def visit_Quote(self, quote: Quote) -> etree._Element:
        el = etree.Element(tei("quote"))
        for p in quote.paragraphs:
            el.append(self.visit(p))
        return el

    def visit_Closer(self, closer: Closer) -> etree._Element:
        el = etree.Element(tei("closer"))
        signed = self.container("signed", closer.signed)
        names = [s for s in closer.signed.spans() if isinstance(s, PersName) and s.corresp]
        if names:
            signed.set("corresp", f"#{names[0].corresp}")
        for aff in closer.affiliations:
            tei_child(signed, "lb")
            signed.append(self.container("affiliation", aff))
        el.append(signed)
        return el

    # -- inline ------------------------------------------------------------------------

    def container(self, name: str, node: TextContainer) -> etree._Element:
        el = etree.Element(tei(name))
        self.render_inline(el, node)
        return el

    def render_inline(self, el: etree._Element, node: TextContainer) -> None:
        spans = sorted(node.spans(), key=lambda s: (s.start, -s.end, _rank(s)))
        marks = sorted(node.milestones(), key=lambda m: m.offset)
        self._fill(el, node.text, spans, marks, 0, len(node.text))

    def _fill(self, el: etree._Element, text: str, spans: list[Span],
              marks: list[Milestone], lo: int, hi: int) -> None:
        """Write text[lo:hi] into ``el`` with the spans and milestones inside that range."""
        out = _Cursor(el)
        pos = lo
        k = 0
        i = 0
        while i < len(spans):
            s = spans[i]
            j = i + 1
            while j < len(spans) and spans[j].end <= s.end:
                j += 1
            while k < len(marks) and marks[k].offset <= s.start:
                out.text(text[pos:marks[k].offset])
                pos = marks[k].offset
                out.element(self.milestone(marks[k]))
                k += 1
            out.text(text[pos:s.start])
            inner_start = k
            while k < len(marks) and marks[k].offset < s.end:
                k += 1
            child = self._span_element(s)
            self._fill(child, text, spans[i + 1:j], marks[inner_start:k], s.start, s.end)
            out.element(child)
            pos = s.end
            i = j
        for m in marks[k:]:
            out.text(text[pos:m.offset])
            pos = m.offset
            out.element(self.milestone(m))
        out.text(text[pos:hi])

    def _span_element(self, s: Span) -> etree._Element:
        el = etree.Element(tei(s.tag))
        if isinstance(s, PersName) and s.corresp:
            el.set("corresp", f"#{s.corresp}")
        elif isinstance(s, Gloss) and s.target:
            el.set("target", f"#{s.target}")
        elif isinstance(s, Hi):
            el.set("rend", s.rend)
        elif isinstance(s, Ref):
            el.set("target", s.target)
        elif isinstance(s, Date):
            _date_attrs(el, s)
        return el

    def _date_element(self, date: Date, text: str) -> etree._Element:
        el = etree.Element(tei("date"))
        _date_attrs(el, date)
        el.text = text
        return el

    def milestone(self, m: Inline) -> etree._Element:
        if isinstance(m, Pb):
            el = etree.Element(tei("pb"), n=m.n)
            ident = f"pg_{m.n}"
            while ident in self._page_ids:
                ident += "_"
            self._page_ids.add(ident)
            el.set(XML_ID, ident)
            return el
        if isinstance(m, Note):
            el = etree.Element(tei("note"), n=m.n)
            el.set(XML_ID, m.xml_id)
            if m.type:
                el.set("type", m.type)
            if len(m.paragraphs) == 1:
                self.render_inline(el, m.paragraphs[0])
            else:
                for p in m.paragraphs:
                    el.append(self.visit(p))
            return el
        raise TypeError(f"TEI writer has no milestone for {type(m).__name__}")


class _Cursor:
    """Appends text and children to an element in document order (lxml text/tail)."""

    def __init__(self, el: etree._Element) -> None:
        self.el = el
        self.last: etree._Element | None = None

    def text(self, s: str) -> None:
        if not s:
            return
        if self.last is None:
            self.el.text = (self.el.text or "") + s
        else:
            self.last.tail = (self.last.tail or "") + s

    def element(self, child: etree._Element) -> None:
        self.el.append(child)
        self.last = child


_RANK = {Hi: 0, Ref: 1, PersName: 2, PlaceName: 2, Date: 3, Gloss: 4}


def _rank(s: Span) -> int:
    """Nesting order for spans over the same characters: outermost first."""
    return _RANK.get(type(s), 5)


def _date_value(d: Date) -> str:
    return d.when or "–".join(v for v in (d.from_ or d.not_before, d.to or d.not_after) if v)


def _date_attrs(el: etree._Element, d: Date) -> None:
    for attr, value in (("when", d.when), ("from", d.from_), ("to", d.to),
                        ("notBefore", d.not_before), ("notAfter", d.not_after),
                        ("calendar", d.calendar)):
        if value:
            el.set(attr, value)


def responsibility_and_publication(file_desc: etree._Element, title_stmt: etree._Element,
                                   config: VolumeConfig, resp: str) -> None:
    """The header parts a document and a volume share: the editors, teiwright as the
    encoder (``resp`` says what it did), and who publishes under which licence."""
    for editor in config.editors:
        tei_child(title_stmt, "editor", editor)
    statement = tei_child(title_stmt, "respStmt")
    tei_child(statement, "resp", resp)
    tei_child(statement, "name", f"teiwright {__version__}", type="software")
    publication = tei_child(file_desc, "publicationStmt")
    tei_child(publication, "publisher", config.publisher)
    availability = tei_child(publication, "availability", status="free")
    tei_child(availability, "licence", config.licence, target=config.licence_url)


def tei_child(parent: etree._Element, name: str, text: str | None = None,
              **attrs: str) -> etree._Element:
    """A new TEI element ``name`` at the end of ``parent``, with its text and attributes:
    how every teiwright module that writes TEI (documents, volume, registers) builds it."""
    el = etree.SubElement(parent, tei(name), attrs)
    if text is not None:
        el.text = text
    return el


ELEMENT_ONLY = {
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt",
    "availability", "sourceDesc", "bibl", "encodingDesc", "appInfo", "application",
    "profileDesc", "langUsage", "revisionDesc", "text", "body", "div", "opener", "closer",
    "list",
}
"""Elements whose content we always write as elements only: safe to indent."""
BLOCK_CHILDREN = {"p", "list"}
"""Children that make a mixed-content parent (``note``, ``item``, ``quote``) a block."""


def indent_blocks(el: etree._Element, level: int = 0, step: str = "  ") -> None:
    """Indent element-only content; mixed content (text with markup) stays untouched.

    A ``signed`` or ``head`` holding nothing but a ``persName`` has no text of its own,
    yet indenting it would put whitespace into running text: so only elements that are
    element-only by design, or hold only paragraphs and lists, are indented.
    """
    children = list(el)
    if not children or (el.text and el.text.strip()):
        return
    name = etree.QName(el).localname
    if name not in ELEMENT_ONLY and not all(
            isinstance(c.tag, str) and etree.QName(c).localname in BLOCK_CHILDREN
            for c in children):
        return
    if any(c.tail and c.tail.strip() for c in children):
        return
    inner = "\n" + step * (level + 1)
    el.text = inner
    for c in children:
        c.tail = inner
        indent_blocks(c, level + 1, step)
    children[-1].tail = "\n" + step * level


def serialize(tree: etree._ElementTree) -> bytes:
    """Deterministic UTF-8 bytes with an XML declaration and a final newline."""
    root = tree.getroot()
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>']
    prolog = []
    node = root.getprevious()
    while node is not None:  # processing instructions and comments before the root
        prolog.append(etree.tostring(node, encoding="UTF-8", with_tail=False))
        node = node.getprevious()
    parts.extend(reversed(prolog))
    parts.append(etree.tostring(root, encoding="UTF-8", with_tail=False))
    return b"\n".join(parts) + b"\n"


__all__ = ["TeiWriter", "indent_blocks", "serialize", "tei"]
