"""Assembling a volume: one TEI file with front matter and every document, FRUS style.

A FRUS volume is published as one TEI document: the persons and abbreviations
lists in ``front``, the documents in ``body``. The per-document files are
what a user corrects and validates; the volume is what a repository or the Office of the
Historian's own tools take in, and inside it every ``persName/@corresp`` and
``gloss/@target`` resolves to an ``xml:id`` in the front matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from lxml import etree

from . import __version__
from .config import VolumeConfig
from .namespaces import TEI_NS, XML_ID, XML_LANG
from .writers.tei import (
    indent_blocks,
    responsibility_and_publication,
    serialize,
    tei,
    tei_child,
)
from .xmlsafe import parse_bytes

if TYPE_CHECKING:
    from .registers.persons import PersonRegister
    from .registers.terms import TermRegister


@dataclass(slots=True)
class Volume:
    """The assembled volume and what assembling it noticed."""

    tree: etree._ElementTree
    documents: int = 0
    warnings: list[str] = field(default_factory=list)
    """Duplicate ids dropped, files without a document, in input order."""

    def to_bytes(self) -> bytes:
        return serialize(self.tree)


def assemble_volume(documents: Iterable[tuple[str, bytes]], config: VolumeConfig, *,
                    persons: PersonRegister | None = None,
                    terms: TermRegister | None = None) -> Volume:
    """Build the volume from ``(name, TEI bytes)`` pairs, in the order given.

    Each file's ``div type="document"`` is copied into the body. An ``xml:id`` already
    used earlier in the volume is removed from the later element (and reported), so the
    volume stays valid when two documents repeat, say, the page break they share.
    """
    # lxml takes None as the default namespace's prefix; lxml-stubs only allows str
    root = etree.Element(tei("TEI"), nsmap=cast("dict[str, str]", {None: TEI_NS}))
    root.set(XML_LANG, config.language)
    text = etree.Element(tei("text"))
    front = etree.SubElement(text, tei("front"))
    seen: set[str] = set()
    warnings: list[str] = []
    sections = [] if persons is None or not persons.persons else [persons.to_frus().getroot()]
    if terms is not None and terms.terms:
        sections.append(terms.to_frus().getroot())
    for section in sections:
        _claim_ids(section, seen, "front matter", warnings)
        front.append(section)
    body = etree.SubElement(text, tei("body"))
    compilation = etree.SubElement(body, tei("div"), type="compilation")
    count = 0
    for name, data in documents:
        doc_root = parse_bytes(data, name).getroot()
        div = doc_root.find(f".//{{{TEI_NS}}}div[@type='document']")
        if div is None:
            warnings.append(f"{name}: no div type=\"document\"; left out of the volume")
            continue
        _claim_ids(div, seen, name, warnings)
        compilation.append(div)
        count += 1
    if count == 0:
        etree.SubElement(compilation, tei("p")).text = "This volume has no documents yet."
    if not len(front):
        text.remove(front)
    root.append(_header(config, count))
    root.append(text)
    indent_blocks(root)
    return Volume(etree.ElementTree(root), count, warnings)


def assemble_files(paths: Iterable[Path], config: VolumeConfig, *,
                   persons: PersonRegister | None = None,
                   terms: TermRegister | None = None) -> Volume:
    """``assemble_volume`` over TEI files on disk."""
    return assemble_volume(((str(p), Path(p).read_bytes()) for p in paths), config,
                           persons=persons, terms=terms)


def _claim_ids(el: etree._Element, seen: set[str], where: str, warnings: list[str]) -> None:
    for node in el.iter():
        value = node.get(XML_ID)
        if value is None:
            continue
        if value in seen:
            del node.attrib[XML_ID]
            warnings.append(f"{where}: xml:id {value!r} already used in the volume; dropped")
        else:
            seen.add(value)


def _header(config: VolumeConfig, count: int) -> etree._Element:
    h = etree.Element(tei("teiHeader"))
    file_desc = tei_child(h, "fileDesc")
    title_stmt = tei_child(file_desc, "titleStmt")
    tei_child(title_stmt, "title", config.title or "Untitled volume", type="volume")
    responsibility_and_publication(file_desc, title_stmt, config,
                                   "Assembled and encoded in TEI P5 from plain text by")
    bibl = tei_child(tei_child(file_desc, "sourceDesc"), "bibl")
    if config.title:
        tei_child(bibl, "title", config.title, level="m")
    if config.id:
        tei_child(bibl, "idno", config.id, type="volume")
    tei_child(bibl, "biblScope", f"{count} documents", unit="document")
    enc = tei_child(h, "encodingDesc")
    app = tei_child(tei_child(enc, "appInfo"), "application", ident="teiwright",
                    version=__version__)
    tei_child(app, "label", "teiwright")
    profile = tei_child(h, "profileDesc")
    lang = tei_child(profile, "langUsage")
    tei_child(lang, "language", "English" if config.language == "en" else config.language,
         ident=config.language)
    return h

