"""The print edition: TEI → Typst markup (XSLT 3.0, ``xslt/typst/``) → PDF (typst).

Three steps, each with one job: the stylesheet decides what the book contains and
escapes every TEI text so that Typst can only set it as text; ``layout.typ`` decides
how the book looks; :mod:`.typst_part` typesets and :mod:`.pdf_join` joins. A volume is
typeset in parts of about :data:`PART_CHARACTERS` characters of text (some 200 pages),
each in a process of its own, because Typst holds on to all the memory a compile used
until its process ends: memory then follows the largest part, not the volume. A part
ends where its layout began a page with a document (:meth:`PrintBook.natural_cut`), so
the joined pages are those of the book typeset in one piece. The documents come first,
so that the front matter (numbered i, ii, …) can list the page each one starts on.
PDF/A and tagged PDF are the default.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from lxml import etree

from .. import xmlsafe
from ..errors import InputError
from ..namespaces import TEI_NS
from ..registers.persons import load_persons
from ..registers.terms import load_terms
from .html import register_xml
from .pdf_join import Part, join_parts
from .typst_part import (
    PDF_STANDARDS,
    TYPST_DIR,
    PdfError,
    TypesetPart,
    TypstOptions,
    run_module,
    typeset,
    typeset_isolated,
)
from .xslt import Stylesheet, load_xml

__all__ = ["PART_CHARACTERS", "PDF_STANDARDS", "PdfError", "PrintBook", "render_pdf",
           "render_pdf_in_child"]

PART_CHARACTERS = 500_000
"""Text per typeset part: about 200 pages, 250 MB of Typst memory (bench/pdf_bench.py)."""

XREF_PREFIX = "teiwright-label:"
"""How the stylesheet writes a link into another part; the join resolves these."""

TEI = f"{{{TEI_NS}}}"

PartKind = Literal["front", "documents", "back"]


def render_pdf(tei_files: list[Path], out_pdf: Path, *, title: str | None = None,
               persons: Path | None = None, terms: Path | None = None,
               pdf_standard: str | None = "a-2b", tagged: bool = True,
               fixed_date: str | None = None,
               part_characters: int = PART_CHARACTERS, isolate: bool | None = None) -> Path:
    """Typeset ``tei_files`` (in order) as one book and write it atomically to ``out_pdf``.

    ``fixed_date`` (ISO date or date-time) fixes the PDF's timestamps so that the same
    TEI gives the same bytes; without it ``SOURCE_DATE_EPOCH`` is honoured, else now.
    ``isolate`` typesets every part in a process of its own; by default only a volume of
    more than one part of documents is. A long-running caller (a web service) should
    pass True: memory Typst takes in this process stays taken, some 15 MB per small
    volume of new text.
    """
    standard = next((s for s in PDF_STANDARDS if s == pdf_standard), None)
    if pdf_standard is not None and standard is None:
        raise InputError(f"unknown PDF standard {pdf_standard!r} "
                         f"(use one of {', '.join(PDF_STANDARDS)} or none)")
    options = TypstOptions(standard, tagged, _timestamp(fixed_date))
    book = PrintBook(tei_files, title=title, persons=persons, terms=terms)
    if isolate is None:
        isolate = len(book.ranges(part_characters)) > 1
    run: Callable[[str, Path, TypstOptions], TypesetPart] = \
        typeset_isolated if isolate else typeset
    with tempfile.TemporaryDirectory(prefix="teiwright-pdf-") as tmp:
        parts: list[Part] = []
        pages: dict[str, int] = {}
        first_page, first, count = 1, 1, len(book.weights)
        while first <= count:
            last = book.last_of_part(first, part_characters)
            source = book.source("documents", first=first, last=last, first_page=first_page)
            done = run(source, Path(tmp) / f"part{first}.pdf", options)
            blank = 1 if first_page % 2 == 0 else 0  # the parity page the join drops
            keep, after = done.pages, last + 1
            if last < count:
                cut = book.natural_cut(done, first, last)
                if cut is not None:
                    after, keep = cut
            pages.update({label: first_page + index - blank
                          for label, (index, _) in done.destinations.items() if index < keep})
            parts.append(Part(done.pdf, skip_first=bool(blank), nested=first > 1, pages=keep))
            first_page += keep - blank
            first = after
        back = book.source("back", first_page=first_page)
        if back:
            blank = 1 if first_page % 2 == 0 else 0
            done = run(back, Path(tmp) / "back.pdf", options)
            pages.update({label: first_page + index - blank
                          for label, (index, _) in done.destinations.items()})
            parts.append(Part(done.pdf, skip_first=bool(blank)))
        front = run(book.source("front", pages=pages), Path(tmp) / "front.pdf", options)
        join_parts([Part(front.pdf), *parts], out_pdf, link_prefix=XREF_PREFIX,
                   link_texts={label: f"Page {n}" for label, n in pages.items()})
    return out_pdf


def render_pdf_in_child(tei_files: list[Path], out_pdf: Path, *, title: str | None = None,
                        persons: Path | None = None, terms: Path | None = None,
                        fixed_date: str | None = None) -> Path:
    """:func:`render_pdf` (PDF/A-2b, tagged) run by ``teiwright render pdf`` in a Python
    process of its own, so that the caller can use Saxon meanwhile (``build`` makes the
    HTML edition beside it); its one-line error becomes a :class:`PdfError`."""
    arguments = ["render", "pdf", *map(str, tei_files), "-o", str(out_pdf)]
    for option, value in (("--title", title), ("--persons", persons), ("--terms", terms),
                          ("--fixed-date", fixed_date)):
        if value is not None:
            arguments += [option, str(value)]
    run_module("teiwright", *arguments)
    return out_pdf


class PrintBook:
    """The TEI of a volume, loaded once, and the Typst source of each of its parts."""

    def __init__(self, tei_files: Sequence[Path], *, title: str | None = None,
                 persons: Path | None = None, terms: Path | None = None) -> None:
        corpus = volume_corpus(tei_files)
        self.weights = [len(etree.tostring(div, method="text", encoding="unicode",
                                           with_tail=False))
                        for div in _documents(corpus.getroot())]
        """The amount of text of each document, in reading order."""
        self._sheet = Stylesheet(TYPST_DIR / "typst.xsl",
                                 {"title": title or "", "xref-prefix": XREF_PREFIX})
        self._sheet.set_param("documents", load_xml(corpus, "volume"))
        if persons is not None or terms is not None:
            register = register_xml(load_persons(persons) if persons else None,
                                    load_terms(terms) if terms else None)
            self._sheet.set_param("register", load_xml(register, "register"))
        self.labels = self._sheet.call("labels").split("\n")
        """The label of each document's heading (its PDF named destination), in order."""

    def ranges(self, part_characters: int) -> list[tuple[int, int]]:
        """Runs of documents (first, last; counting from 1) of about ``part_characters``
        of text each, in reading order; a document is never split."""
        ranges: list[tuple[int, int]] = []
        first = 1
        while first <= len(self.weights):
            ranges.append((first, self.last_of_part(first, part_characters)))
            first = ranges[-1][1] + 1
        return ranges

    def last_of_part(self, first: int, part_characters: int) -> int:
        """The last document of a part that starts with document ``first``: as many as
        fit in ``part_characters`` of text, and at least one."""
        last, size = first, self.weights[first - 1]
        while last < len(self.weights) and size + self.weights[last] <= part_characters:
            size += self.weights[last]
            last += 1
        return last

    def natural_cut(self, done: TypesetPart, first: int,
                    last: int) -> tuple[int, int] | None:
        """Where a typeset part of documents ``first``..``last`` may end so that the next
        part continues the page flow exactly: at the last document (in its second half)
        that the layout itself began at the top of a page. Returns (that document, the
        number of the part's pages before it); None when there is none, and the next
        part then opens a page of its own after ``last``.

        The part's first page starts with its first label (the Documents section, or
        the first document) at the top, which gives the height of "top of a page".
        """
        labels = self.labels[first - 1:last]
        opening = done.destinations.get("tw:documents" if first == 1 else labels[0])
        if opening is None:
            return None
        top = opening[1]
        starts = [(number, done.destinations[label][0])
                  for number, label in enumerate(labels, start=first)
                  if number > first and label in done.destinations
                  and abs(done.destinations[label][1] - top) < 0.5]
        if not starts or starts[-1][1] < done.pages / 2:
            return None
        return starts[-1]

    def source(self, kind: PartKind, *, first: int = 1, last: int = 0, first_page: int = 1,
               pages: dict[str, int] | None = None) -> str:
        """The Typst markup of one part: ``front`` (with the ``pages`` that sections and
        documents start on, by label), documents ``first`` to ``last``, or ``back``.
        Empty when the part has nothing to print (a volume without an index)."""
        self._sheet.set_param("part", kind)
        self._sheet.set_param("from", first)
        self._sheet.set_param("to", last or len(self.weights))
        self._sheet.set_param("first-page", first_page)
        if pages is not None:
            listing = etree.Element("pages")
            for label, number in pages.items():
                etree.SubElement(listing, "page", id=label, n=str(number))
            self._sheet.set_param("pages", load_xml(etree.ElementTree(listing), "pages"))
        return self._sheet.call("main")


def _documents(corpus: etree._Element) -> list[etree._Element]:
    """The outermost document divisions, in reading order (as ``typst.xsl`` takes them)."""
    return [div for div in corpus.iter(f"{TEI}div") if div.get("type") == "document"
            and not any(a.get("type") == "document" for a in div.iterancestors(f"{TEI}div"))]


def volume_corpus(tei_files: Sequence[Path]) -> etree._ElementTree:
    """The TEI files as one ``teiCorpus`` in reading order: one document for Saxon.

    Each file is parsed by :mod:`teiwright.xmlsafe` first; files that hold no
    ``div type="document"`` (registers kept beside the documents) are skipped.
    """
    # lxml takes None as the default namespace's prefix; lxml-stubs only allows str
    corpus = etree.Element(f"{TEI}teiCorpus", nsmap=cast("dict[str, str]", {None: TEI_NS}))
    for path in tei_files:
        root = xmlsafe.parse_file(Path(path)).getroot()
        if root.find(f".//{TEI}div[@type='document']") is not None:
            corpus.append(root)
    if len(corpus) == 0:
        raise InputError('no TEI documents (div type="document") among the inputs')
    return etree.ElementTree(corpus)


def _timestamp(fixed_date: str | None) -> int | None:
    """UNIX seconds for the PDF's dates: the fixed date, SOURCE_DATE_EPOCH, or None (now)."""
    if fixed_date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        return int(epoch) if epoch.isdigit() else None
    try:
        when = datetime.fromisoformat(fixed_date)
    except ValueError:
        raise InputError(f"fixed date {fixed_date!r} is not an ISO date or date-time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp())
