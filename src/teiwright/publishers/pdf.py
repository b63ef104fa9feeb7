"""The print edition: TEI → Typst markup (XSLT 3.0, ``xslt/typst/``) → PDF (typst).

Two steps, each with one job: the stylesheet decides what the book contains and
escapes every TEI text so that Typst can only set it as text; ``layout.typ`` decides
how the book looks. Typst compiles in-process from the wheel's embedded fonts only,
with ``xslt/typst/`` as its root, so a document can neither reach system fonts nor
read files outside the layout folder. PDF/A and tagged PDF are the default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast, get_args

import typst
from lxml import etree

from .. import xmlsafe
from ..atomic import write_atomic
from ..errors import InputError, TeiwrightError
from ..registers.persons import load_persons
from ..registers.terms import load_terms
from .html import register_xml
from .xslt import XSLT_DIR, Stylesheet, load_xml

TYPST_DIR = XSLT_DIR / "typst"
"""Root of every Typst compile: the stylesheets and ``layout.typ``."""

PdfStandard = Literal["a-2b", "a-2u", "a-2a", "a-3b", "a-3u", "a-3a"]
PDF_STANDARDS: tuple[PdfStandard, ...] = get_args(PdfStandard)
"""PDF/A conformance levels a volume may be written to (None writes plain PDF)."""

TEI = "{http://www.tei-c.org/ns/1.0}"


class PdfError(TeiwrightError):
    """Typst could not typeset the volume: a character PDF/A cannot embed, or a layout bug."""

    exit_code = 1


def render_pdf(tei_files: list[Path], out_pdf: Path, *, title: str | None = None,
               persons: Path | None = None, terms: Path | None = None,
               pdf_standard: str | None = "a-2b", tagged: bool = True,
               fixed_date: str | None = None) -> Path:
    """Typeset ``tei_files`` (in order) as one book and write it atomically to ``out_pdf``.

    ``fixed_date`` (ISO date or date-time) fixes the PDF's timestamps so that the same
    TEI gives the same bytes; without it ``SOURCE_DATE_EPOCH`` is honoured, else now.
    """
    standard = next((s for s in PDF_STANDARDS if s == pdf_standard), None)
    if pdf_standard is not None and standard is None:
        raise InputError(f"unknown PDF standard {pdf_standard!r} "
                         f"(use one of {', '.join(PDF_STANDARDS)} or none)")
    timestamp = _timestamp(fixed_date)
    source = typst_source(tei_files, title=title, persons=persons, terms=terms)
    try:
        compiler = typst.Compiler(root=str(TYPST_DIR), font_paths=[], ignore_system_fonts=True)
        pdf = compiler.compile(source.encode("utf-8"), format="pdf", pdf_standards=standard,
                               timestamp=timestamp, pdf_tags=tagged)
    except typst.TypstError as exc:
        message = " ".join(str(exc.message).split())
        where = re.search(r":(\d+:\d+)\n", str(exc.diagnostic))
        hint = ("; PDF/A needs a glyph for every character, and the embedded fonts lack "
                "this one: write plain PDF (--pdf-standard none)") if "PDF/A" in message else ""
        raise PdfError(f"typst: {message}{hint}"
                       + (f" (generated source {where.group(1)})" if where else "")) from None
    if not isinstance(pdf, bytes):
        raise PdfError("typst returned no PDF")
    write_atomic(out_pdf, pdf)
    return out_pdf


def typst_source(tei_files: Sequence[Path], *, title: str | None = None,
                 persons: Path | None = None, terms: Path | None = None) -> str:
    """The Typst markup of the book; files without a document division are left out."""
    sheet = Stylesheet(TYPST_DIR / "typst.xsl", {"title": title or ""})
    sheet.set_param("documents", load_xml(volume_corpus(tei_files), "volume"))
    if persons is not None or terms is not None:
        register = register_xml(load_persons(persons) if persons else None,
                                load_terms(terms) if terms else None)
        sheet.set_param("register", load_xml(register, "register"))
    return sheet.call("main")


def volume_corpus(tei_files: Sequence[Path]) -> etree._ElementTree:
    """The TEI files as one ``teiCorpus`` in reading order: one document for Saxon.

    Each file is parsed by :mod:`teiwright.xmlsafe` first; files that hold no
    ``div type="document"`` (registers kept beside the documents) are skipped.
    """
    # lxml takes None as the default namespace's prefix; lxml-stubs only allows str
    corpus = etree.Element(f"{TEI}teiCorpus", nsmap=cast("dict[str, str]", {None: TEI[1:-1]}))
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
