"""Grammar validators: RELAX NG through lxml, XML Schema through xmlschema.

teiwright's own schemas live in the project's ``schema/`` folder (``teiwright.rng``,
``teiwright.xsd``, ``teiwright.sch``); ``--schema`` adds any other RNG or XSD, such as
TEI's ``tei_all.rng``. Each grammar is compiled once and then checks many documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import xmlschema
from lxml import etree

from ..errors import InputError
from ..resources import data_dir
from ..xmlsafe import parse_file
from .positions import SourcePositions
from .report import Problem

SCHEMA_DIR = data_dir("schema")
"""Where teiwright's schemas are: ``schema/`` of the source tree (override with
``TEIWRIGHT_SCHEMA_DIR``)."""
RNG = SCHEMA_DIR / "teiwright.rng"
XSD = SCHEMA_DIR / "teiwright.xsd"
SCHEMATRON = SCHEMA_DIR / "teiwright.sch"


class Grammar(Protocol):
    """A compiled grammar that reports the problems of one parsed document."""

    rule: str

    def check(self, name: str, tree: etree._ElementTree,
              positions: SourcePositions) -> list[Problem]: ...


class RelaxNGGrammar:
    """A RELAX NG schema (XML syntax), validated by libxml2 through lxml."""

    def __init__(self, path: Path) -> None:
        self.rule = path.name
        try:
            self._schema = etree.RelaxNG(parse_file(path))
        except etree.RelaxNGParseError as exc:
            raise InputError(f"{path}: not a usable RELAX NG schema: {exc}") from None

    def check(self, name: str, tree: etree._ElementTree,
              positions: SourcePositions) -> list[Problem]:
        if self._schema.validate(tree):
            return []
        return [Problem(name, e.line or 1, e.column or positions.first_tag(e.line or 1),
                        "error", e.message, self.rule)
                for e in self._schema.error_log]


class XmlSchemaGrammar:
    """An XML Schema 1.0 document, validated by xmlschema (pure Python, local files only)."""

    def __init__(self, path: Path) -> None:
        self.rule = path.name
        parse_file(path)  # refuse DTDs and entities before xmlschema reads the file
        try:
            self._schema = xmlschema.XMLSchema10(str(path.resolve()), allow="local")
        except (xmlschema.XMLSchemaException, OSError) as exc:
            raise InputError(f"{path}: not a usable XML Schema: {exc}") from None

    def check(self, name: str, tree: etree._ElementTree,
              positions: SourcePositions) -> list[Problem]:
        problems = []
        for err in self._schema.iter_errors(tree):
            el = err.elem if isinstance(err.elem, etree._Element) else None
            line, column = positions.of(el) if el is not None else (1, 1)
            problems.append(Problem(name, line, column, "error",
                                    err.reason or err.message, self.rule))
        return problems


def load_grammar(path: Path) -> Grammar:
    """The grammar in ``path``, chosen by its suffix (``.rng`` or ``.xsd``)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such schema file")
    if path.suffix == ".rng":
        return RelaxNGGrammar(path)
    if path.suffix == ".xsd":
        return XmlSchemaGrammar(path)
    raise InputError(f"{path}: unknown schema type (use a .rng or .xsd file)")
