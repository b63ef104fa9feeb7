"""The persons register: who may be named, under which forms, with which id and role.

Three formats are read and written, so an editor can start from whatever they have:

* teiwright's own TEI ``listPerson`` (``tei/persons.xml``): ``person/@xml:id`` with a
  structured full ``persName`` (``forename``/``surname``/``genName``), a surname form,
  variant forms and a ``note type="role"``;
* a FRUS persons list (``div xml:id="persons"``, ``list type="names"``): each ``item``
  holds ``hi/persName[@xml:id]`` in inverted form (``Bunker, Ellsworth``) then the roles;
* CSV with the columns ``id,name,role,variants`` (variants separated by ``;``).

``load_persons`` detects the format from the content, not the file name.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from ..errors import InputError
from ..namespaces import TEI_NS, XML_ID
from ..writers.tei import tei, tei_child
from ..xmlsafe import parse_file

NS = {"t": TEI_NS}
# lxml takes None as the default namespace's prefix; lxml-stubs only allows str
DEFAULT_NS = cast("dict[str, str]", {None: TEI_NS})
CSV_FIELDS = ("id", "name", "role", "variants")

SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV", "V.")
"""Generational suffixes written after the name (``Bergold, Jr.``)."""
PARTICLES = frozenset({"de", "del", "della", "la", "las", "los", "y", "van", "von", "der",
                       "den", "da", "di", "du", "le", "st.", "mac"})
"""Lower-case words that belong to a compound surname (``de la Flor``, ``Calle y Calle``)."""
NICKNAME = re.compile(r"[“\"]([^”\"]+?),?[”\"]")
SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Person:
    """One person of the register."""

    id: str
    """Register id without ``#`` (``p_BE_1``)."""
    name: str
    """Display order (``Ellsworth Bunker``), suffix included (``Harry E. Bergold, Jr.``)."""
    surname: str = ""
    """The family name as written, compound names whole (``Torrijos Herrera``)."""
    forenames: str = ""
    """Given names and initials (``Robert B.``); nicknames in quotes are kept."""
    variants: list[str] = field(default_factory=list)
    """Other forms the person is written under (``Omar Torrijos``, ``Harry Bergold``)."""
    role: str = ""
    """Offices held, as the register states them."""
    suffix: str = ""
    """``Jr.``, ``III``… (kept out of ``forenames`` so initials line up)."""

    @property
    def nicknames(self) -> list[str]:
        """Quoted short forms of a forename (``Harold “Harry” Earl`` → ``Harry``)."""
        return NICKNAME.findall(self.forenames)

    @property
    def given(self) -> list[str]:
        """Forename words without quotes or nicknames, for initial agreement."""
        return NICKNAME.sub(" ", self.forenames).replace(".", ". ").split()


@dataclass(slots=True)
class PersonRegister:
    """An ordered collection of persons with lookup by id."""

    persons: list[Person] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for p in self.persons:
            if p.id in seen:
                raise InputError(f"persons register: duplicate id {p.id!r}")
            seen.add(p.id)

    def get(self, id: str) -> Person | None:
        """The person with this id (with or without a leading ``#``), or None."""
        key = id.lstrip("#")
        return next((p for p in self.persons if p.id == key), None)

    def __len__(self) -> int:
        return len(self.persons)

    def to_tei(self) -> etree._ElementTree:
        """The register as a complete TEI document with one ``listPerson``."""
        root = etree.Element(tei("TEI"), nsmap=DEFAULT_NS)
        header = tei_child(root, "teiHeader")
        file_desc = tei_child(header, "fileDesc")
        tei_child(tei_child(file_desc, "titleStmt"), "title", "Persons")
        tei_child(tei_child(file_desc, "publicationStmt"), "p", "Persons register for teiwright.")
        tei_child(tei_child(file_desc, "sourceDesc"), "p", "Compiled by the editors.")
        body = tei_child(tei_child(root, "text"), "body")
        lst = tei_child(body, "listPerson")
        for p in self.persons:
            el = tei_child(lst, "person")
            el.set(XML_ID, p.id)
            full = tei_child(el, "persName", type="full")
            last: etree._Element | None = None
            if p.forenames:
                last = tei_child(full, "forename", p.forenames)
            if last is not None:
                last.tail = " "
            last = tei_child(full, "surname", p.surname or p.name)
            if p.suffix:
                last.tail = ", "
                tei_child(full, "genName", p.suffix)
            if p.surname and p.surname != p.name:
                tei_child(el, "persName", p.surname, type="surname")
            for v in p.variants:
                tei_child(el, "persName", v, type="variant")
            if p.role:
                tei_child(el, "note", p.role, type="role")
        _indent(root)
        return etree.ElementTree(root)

    def to_frus(self) -> etree._ElementTree:
        """The register as a FRUS persons list (``div xml:id="persons"``)."""
        root = etree.Element(tei("div"), nsmap=DEFAULT_NS, type="section",
                             subtype="index")
        root.set(XML_ID, "persons")
        tei_child(root, "head", "Persons")
        lst = tei_child(root, "list", type="names")
        for p in self.persons:
            item = tei_child(lst, "item")
            hi = tei_child(item, "hi", rend="strong")
            name = tei_child(hi, "persName", inverted(p))
            name.set(XML_ID, p.id)
            name.tail = ","
            hi.tail = f" {p.role}" if p.role else None
        _indent(root)
        return etree.ElementTree(root)

    def to_csv(self) -> str:
        """The register as CSV (``id,name,role,variants``)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for p in self.persons:
            writer.writerow([p.id, inverted(p), p.role, ";".join(p.variants)])
        return out.getvalue()


def inverted(p: Person) -> str:
    """``Bunker, Ellsworth`` / ``Bergold, Harold “Harry” Earl, Jr.``: FRUS's list order."""
    parts = [p.surname or p.name]
    if p.forenames:
        parts.append(p.forenames)
    if p.suffix:
        parts.append(p.suffix)
    return ", ".join(parts)


def person_from_inverted(id: str, text: str, role: str = "",
                         variants: Iterable[str] = ()) -> Person:
    """Build a person from ``Surname, Forenames[, Suffix]`` (or a display-order name)."""
    text = _clean(text).rstrip(",")
    suffix = ""
    if "," not in text:
        return _from_display(id, text, role, list(variants))
    surname, _, rest = (s.strip() for s in text.partition(","))
    for sfx in SUFFIXES:
        for holder in ("surname", "rest"):
            value = surname if holder == "surname" else rest
            if value.endswith(" " + sfx) or value.endswith(", " + sfx) or value == sfx:
                suffix = sfx
                value = value[: -len(sfx)].rstrip(" ,")
                if holder == "surname":
                    surname = value
                else:
                    rest = value
    rest = NICKNAME.sub(lambda m: f"“{m.group(1)}”", rest)
    name = " ".join(x for x in (rest, surname) if x)
    if suffix:
        name += f", {suffix}"
    found = list(variants)
    for nick in NICKNAME.findall(rest):
        form = f"{nick} {surname}"
        if form not in found:
            found.append(form)
    return Person(id, name, surname, rest, found, _clean(role), suffix)


def _from_display(id: str, text: str, role: str, variants: list[str]) -> Person:
    """``Ellsworth Bunker`` / ``Miguel Angel de la Flor Valle``: a particle opens the surname."""
    words = text.split()
    start = next((k for k, w in enumerate(words) if k and w.lower() in PARTICLES),
                 len(words) - 1)
    return Person(id, text, " ".join(words[start:]), " ".join(words[:start]), variants,
                  _clean(role))


# ----------------------------------------------------------------------------- loading


def load_persons(path: Path) -> PersonRegister:
    """Read a register in any of the three formats (detected from the content)."""
    path = Path(path)
    try:
        head = path.read_bytes()[:2048].lstrip()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith(b"<"):
        return _from_xml(path)
    return _from_csv(path)


def _from_xml(path: Path) -> PersonRegister:
    root = parse_file(path).getroot()
    if root.xpath("//t:listPerson", namespaces=NS):
        persons = cast("list[etree._Element]",
                       root.xpath("//t:listPerson/t:person", namespaces=NS))
        return PersonRegister([_from_tei_person(el) for el in persons])
    items = cast("list[etree._Element]",
                 root.xpath("//t:list[@type='names']/t:item[.//t:persName[@xml:id]]",
                            namespaces=NS))
    if items:
        return PersonRegister([_from_frus_item(el) for el in items])
    raise InputError(f"{path}: neither a teiwright listPerson nor a FRUS persons list")


def _from_tei_person(el: etree._Element) -> Person:
    ident = el.get(XML_ID) or ""
    if not ident:
        raise InputError("persons register: a person has no xml:id")
    full = el.find("t:persName[@type='full']", NS)
    if full is None:
        full = el.find("t:persName", NS)
    if full is None:
        raise InputError(f"persons register: {ident} has no persName")
    surname = _clean(_text(full.find("t:surname", NS)))
    forenames = _clean(_text(full.find("t:forename", NS)))
    suffix = _clean(_text(full.find("t:genName", NS)))
    if not surname:
        return _from_display(ident, _clean(_text(full)), _role(el), _variants(el))
    name = " ".join(x for x in (forenames, surname) if x) + (f", {suffix}" if suffix else "")
    return Person(ident, name, surname, forenames, _variants(el), _role(el), suffix)


def _variants(el: etree._Element) -> list[str]:
    return [_clean(_text(v)) for v in el.findall("t:persName[@type='variant']", NS)]


def _role(el: etree._Element) -> str:
    note = el.find("t:note", NS)
    if note is None:
        note = el.find("t:occupation", NS)
    return _clean(_text(note))


def _from_frus_item(item: etree._Element) -> Person:
    name_el = cast("list[etree._Element]",
                   item.xpath(".//t:persName[@xml:id]", namespaces=NS))[0]
    parent = name_el.getparent()
    assert parent is not None  # name_el lies inside item
    holder = parent if parent is not item else name_el
    role = (holder.tail or "") + "".join(
        etree.tostring(s, method="text", encoding="unicode") for s in holder.itersiblings())
    # the XPath selected persName elements with an xml:id
    return person_from_inverted(name_el.get(XML_ID, ""), _text(name_el), role.strip(" ,"))


def _from_csv(path: Path) -> PersonRegister:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read persons CSV ({exc})") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or not {"id", "name"} <= set(rows[0]):
        raise InputError(f"{path}: persons CSV needs the columns {','.join(CSV_FIELDS)}")
    persons = []
    for row in rows:
        if not (row.get("id") or "").strip():
            continue
        variants = [v.strip() for v in (row.get("variants") or "").split(";") if v.strip()]
        persons.append(person_from_inverted(row["id"].strip(), row.get("name") or "",
                                            row.get("role") or "", variants))
    return PersonRegister(persons)


# ----------------------------------------------------------------------------- helpers




def _text(el: etree._Element | None) -> str:
    # lxml yields str text here (the stubs allow bytes)
    return "" if el is None else "".join(cast("Iterator[str]", el.itertext()))


def _clean(s: str) -> str:
    return SPACES.sub(" ", s).strip()


def _indent(el: etree._Element, level: int = 0) -> None:
    """Indent the register's structure; names stay on one line with their spaces."""
    children = list(el)
    mixed = bool(el.text and el.text.strip()) or any(c.tail and c.tail.strip() for c in children)
    if not children or mixed or el.tag == tei("persName"):
        return
    inner = "\n" + "  " * (level + 1)
    el.text = inner
    for child in children:
        child.tail = inner
        _indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level
