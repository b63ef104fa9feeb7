"""Run teiwright's XSLT 3.0 stylesheets through saxonche: compile once, transform many.

Every publisher (HTML, PDF) goes through this wrapper so that stylesheets are compiled
once per run, parameters are typed in one place, and outside XML reaches Saxon only
after :mod:`teiwright.xmlsafe` has refused DTDs and entities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TypeAlias

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXdmValue, PyXsltExecutable

from .. import xmlsafe
from ..errors import TeiwrightError
from ..resources import data_dir

XSLT_DIR = data_dir("xslt")
"""The project's stylesheets: ``common/``, ``html/``, ``profiles/``, …"""

ParamValue: TypeAlias = str | bool | int | float | PyXdmNode | Sequence[PyXdmNode]
"""What a stylesheet parameter can be given: an atomic value, a document, or documents."""


class XsltError(TeiwrightError):
    """A stylesheet failed to compile or to transform a document."""


@cache
def processor() -> PySaxonProcessor:
    """The process-wide Saxon processor; saxonche wants one per process."""
    return PySaxonProcessor(license=False)


def load_xml(source: Path | bytes | etree._ElementTree, name: str = "-") -> PyXdmNode:
    """Parse XML for Saxon after the safe parser has vetted it (no DTDs, no entities)."""
    if isinstance(source, Path):
        tree = xmlsafe.parse_file(source)
        name = str(source)
    elif isinstance(source, bytes):
        tree = xmlsafe.parse_bytes(source, name)
    else:
        tree = source
    text = etree.tostring(tree, encoding="unicode")
    try:
        return processor().parse_xml(xml_text=text)
    except PySaxonApiError as exc:
        raise XsltError(f"{name}: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["unknown Saxon error"])[0]


def _xdm(value: ParamValue) -> PyXdmValue | PyXdmNode:
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    if isinstance(value, str):
        return proc.make_string_value(value)
    if isinstance(value, PyXdmNode):
        return value
    sequence = proc.empty_sequence()
    for node in value:
        sequence.add_xdm_item(node)
    return sequence


class Stylesheet:
    """A compiled stylesheet with its global parameters, ready to run many times."""

    def __init__(self, path: Path, params: Mapping[str, ParamValue] | None = None) -> None:
        self.path = path
        try:
            compiler = processor().new_xslt30_processor()
            executable = compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise XsltError(f"{path}: {_first_line(exc)}") from None
        if executable is None:
            raise XsltError(f"{path}: stylesheet did not compile")
        self._executable: PyXsltExecutable = executable
        for key, value in (params or {}).items():
            self.set_param(key, value)

    def set_param(self, name: str, value: ParamValue) -> None:
        """Set a global ``xsl:param`` for every later run."""
        self._executable.set_parameter(name, _xdm(value))

    def transform(self, source: PyXdmNode, name: str = "-") -> str:
        """Apply templates to ``source`` and return the serialised principal result."""
        try:
            result = self._executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            raise XsltError(f"{name}: {_first_line(exc)}") from None
        return result or ""

    def call(self, template: str) -> str:
        """Run the named template ``template`` and return the serialised result."""
        try:
            result = self._executable.call_template_returning_string(template)
        except PySaxonApiError as exc:
            raise XsltError(f"{self.path}#{template}: {_first_line(exc)}") from None
        return result or ""
