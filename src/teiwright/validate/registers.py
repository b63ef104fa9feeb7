"""The ids of persons and terms registers, for the Schematron link rules.

A register may be teiwright's TEI (``listPerson/person[@xml:id]``, ``term[@xml:id]``),
a FRUS list (``persName[@xml:id]``, ``term[@xml:id]``) or a CSV file whose header names
its kind (``id,name,…`` for persons, ``id,term,…`` for terms). Only the ids matter here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..errors import InputError
from ..xmlsafe import parse_file

TEI = "http://www.tei-c.org/ns/1.0"
_NS = {"t": TEI}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass(slots=True)
class RegisterIds:
    """Known person and term ids (without ``#``)."""

    persons: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)

    def add(self, path: Path) -> None:
        """Add the ids of one register file, XML or CSV."""
        path = Path(path)
        if path.suffix.lower() == ".csv":
            self._add_csv(path)
            return
        root = parse_file(path).getroot()
        persons = cast("list[str]", root.xpath("//t:person/@xml:id | //t:persName/@xml:id",
                                               namespaces=_NS))
        terms = cast("list[str]", root.xpath("//t:term/@xml:id", namespaces=_NS))
        if not persons and not terms:
            raise InputError(f"{path}: no person or term ids found (not a register?)")
        self.persons.update(str(i) for i in persons)
        self.terms.update(str(i) for i in terms)

    def _add_csv(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read register ({exc})") from None
        rows = list(csv.DictReader(io.StringIO(text)))
        header = rows[0].keys() if rows else set()
        if "id" not in header or not {"name", "term"} & set(header):
            raise InputError(f"{path}: a CSV register needs columns id and name or term")
        target = self.persons if "name" in header else self.terms
        target.update(r["id"].strip().lstrip("#") for r in rows if r["id"].strip())

    @staticmethod
    def param(ids: set[str]) -> str:
        """Space-separated ids with a space at both ends, as the Schematron expects."""
        return f" {' '.join(sorted(ids))} " if ids else ""


def load_register_ids(paths: list[Path] | tuple[Path, ...]) -> RegisterIds:
    ids = RegisterIds()
    for path in paths:
        ids.add(Path(path))
    return ids
