"""The HTML edition: TEI documents → a static site, through ``xslt/html/html.xsl``.

The stylesheet is compiled once per run and applied to every document in one
process; Python only vets the input (safe parsing, safe file names), hands the
registers to XSLT as one small XML document and writes every file atomically.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from saxonche import PyXdmNode

from .. import xmlsafe
from ..atomic import write_atomic
from ..errors import InputError
from ..namespaces import TEI_NS, XML_ID
from ..registers.persons import PersonRegister, inverted, load_persons
from ..registers.terms import TermRegister, load_terms
from .xslt import XSLT_DIR, Stylesheet, load_xml

STYLESHEET = XSLT_DIR / "html" / "html.xsl"
ASSETS = XSLT_DIR / "html" / "assets"
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
"""Document ids become file names: nothing that could leave the output folder."""


@dataclass(slots=True)
class SiteDocument:
    """One TEI document of the site: where it came from, its id and its parsed form."""

    path: Path
    id: str
    number: str
    node: PyXdmNode


def register_xml(persons: PersonRegister | None, terms: TermRegister | None) -> bytes:
    """The registers as the ``<register>`` document the stylesheets read.

    Whatever form the editor's registers take (teiwright TEI, FRUS lists, CSV),
    the stylesheets see one flat shape, so they never need to know those forms.
    """
    root = etree.Element("register")
    for p in persons.persons if persons else []:
        etree.SubElement(root, "person", id=p.id, name=p.name, sort=inverted(p), role=p.role)
    for t in terms.terms if terms else []:
        etree.SubElement(root, "term", id=t.id, abbr=t.term, expansion=t.expansion)
    return etree.tostring(root, encoding="utf-8")


def load_document(path: Path) -> SiteDocument:
    """Parse one TEI file safely and find the document it holds."""
    tree = xmlsafe.parse_file(path)
    divs = tree.getroot().iter(f"{{{TEI_NS}}}div")
    div = next((d for d in divs if d.get("type") == "document"), None)
    if div is None:
        raise InputError(f"{path}: no <div type=\"document\"> to publish")
    number = (div.get("n") or "").strip()
    ident = div.get(XML_ID) or (f"d{number}" if number else "")
    if not SAFE_NAME.fullmatch(ident):
        raise InputError(f"{path}: document id {ident!r} cannot name a web page")
    return SiteDocument(path, ident, number, load_xml(tree, str(path)))


def _reading_order(doc: SiteDocument) -> tuple[int, int | str, str]:
    """Documents by number (d2 before d10); unnumbered ones after, by id."""
    return (0, int(doc.number), doc.id) if doc.number.isdigit() else (1, doc.id, doc.id)


class HtmlPublisher:
    """The compiled HTML stylesheet with the site's settings, ready for many documents."""

    def __init__(self, *, site_title: str | None = None, base_url: str = "",
                 persons: Path | None = None, terms: Path | None = None,
                 stylesheet: Path = STYLESHEET) -> None:
        people = load_persons(persons) if persons else None
        glossary = load_terms(terms) if terms else None
        self.has_terms = bool(glossary and glossary.terms)
        register = load_xml(register_xml(people, glossary), "register")
        self.stylesheet = Stylesheet(stylesheet, {
            "site-title": site_title or "",
            "base-url": base_url,
            "register": register,
        })

    def render(self, tei_files: Sequence[Path], out_dir: Path) -> list[Path]:
        """Write the site for ``tei_files`` into ``out_dir``; return the files written."""
        docs = sorted((load_document(Path(p)) for p in tei_files), key=_reading_order)
        seen: dict[str, Path] = {}
        for doc in docs:
            if doc.id in seen:
                raise InputError(f"{doc.path}: document id {doc.id!r} already used by "
                                 f"{seen[doc.id]}")
            seen[doc.id] = doc.path
        self.stylesheet.set_param("documents", [d.node for d in docs])
        written: list[Path] = []

        def emit(name: str, html: str) -> None:
            path = out_dir / name
            write_atomic(path, html.encode("utf-8"))
            written.append(path)

        for doc in docs:
            emit(f"{doc.id}.html", self.stylesheet.transform(doc.node, str(doc.path)))
        emit("index.html", self.stylesheet.call("index-page"))
        emit("persons.html", self.stylesheet.call("persons-page"))
        if self.has_terms:
            emit("abbreviations.html", self.stylesheet.call("terms-page"))
        for asset in sorted(ASSETS.iterdir()):
            target = out_dir / "assets" / asset.name
            write_atomic(target, asset.read_bytes())
            written.append(target)
        return written


def render_site(tei_files: list[Path], out_dir: Path, *, site_title: str | None = None,
                base_url: str = "", persons: Path | None = None,
                terms: Path | None = None) -> list[Path]:
    """Render TEI documents as a static HTML edition; every file is written atomically."""
    publisher = HtmlPublisher(site_title=site_title, base_url=base_url, persons=persons,
                              terms=terms)
    return publisher.render(tei_files, out_dir)
