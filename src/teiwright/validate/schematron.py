"""Schematron rules through lxml's bundled ISO Schematron (XSLT 1.0 + EXSLT).

Why this implementation: it ships inside lxml, which teiwright already needs, is
maintained with it, runs in-process (no Java, no second XSLT engine) and compiles the
schema once into an XSLT that libxslt runs quickly on each document. ``pyschematron``
needs Python ≥ 3.12, and no maintained Schematron-to-XSLT 2/3 compiler is packaged on
PyPI for saxonche. Our rules are written for the ``exslt`` query binding: EXSLT's date
functions check ISO 8601 values and its regular expressions match the date's words.

The compiled stylesheet reports findings as SVRL; each ``failed-assert`` or
``successful-report`` becomes a ``Problem`` at the line and column of its element.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml.isoschematron import Schematron

from ..errors import InputError
from ..xmlsafe import parse_file
from .positions import SourcePositions
from .registers import RegisterIds
from .report import Problem

SVRL = "http://purl.oclc.org/dsdl/svrl"
_AXSL = "http://www.w3.org/1999/XSL/Transform"


class SchematronRules:
    """A Schematron schema compiled once; ``check`` runs it on one document."""

    def __init__(self, path: Path, registers: RegisterIds | None = None) -> None:
        self.rule = path.name
        try:
            compiled = Schematron(parse_file(path), store_xslt=True)
        except (etree.SchematronParseError, etree.XSLTParseError) as exc:
            raise InputError(f"{path}: not a usable Schematron schema: {exc}") from None
        xslt = compiled.validator_xslt
        _locate_attributes(xslt)
        self._transform = etree.XSLT(xslt)
        registers = registers or RegisterIds()
        self._params = {
            "person-ids": etree.XSLT.strparam(RegisterIds.param(registers.persons)),
            "term-ids": etree.XSLT.strparam(RegisterIds.param(registers.terms)),
        }

    def check(self, name: str, tree: etree._ElementTree,
              positions: SourcePositions) -> list[Problem]:
        # profile_run spelled out (its default) so the stubs do not match the params to it
        svrl = self._transform(tree, profile_run=False, **self._params)
        problems = []
        for finding in svrl.getroot().iter(f"{{{SVRL}}}failed-assert",
                                           f"{{{SVRL}}}successful-report"):
            el = _element_at(tree, finding.get("location", ""))
            line, column = positions.of(el) if el is not None else (1, 1)
            severity = "warning" if finding.get("role") in ("warning", "warn", "info") else "error"
            message = " ".join(finding.findtext(f"{{{SVRL}}}text", "").split())
            problems.append(Problem(name, line, column, severity, message,
                                    finding.get("id") or self.rule))
        return problems


def _locate_attributes(xslt: etree._ElementTree) -> None:
    """Make SVRL locations of attributes include their element's path.

    The XSLT 1 skeleton writes an attribute's location as ``/@when`` alone; prefixing
    the parent's path lets a finding on ``date/@when`` point at its ``date``.
    """
    for template in xslt.getroot().iterfind(f"{{{_AXSL}}}template"):
        if template.get("match") == "@*" and template.get("mode") == "schematron-get-full-path":
            parent = etree.Element(f"{{{_AXSL}}}apply-templates", select="parent::*",
                                   mode="schematron-get-full-path")
            template.insert(0, parent)


def _element_at(tree: etree._ElementTree, location: str) -> etree._Element | None:
    """The element an SVRL location points to (an attribute's parent for attributes)."""
    if not location:
        return None
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found:
        return None
    node = found[0]
    if isinstance(node, etree._Element):
        return node
    parent = getattr(node, "getparent", None)
    return parent() if parent is not None else None
