"""Validation of TEI documents: teiwright's RELAX NG (or XSD) grammar plus its Schematron.

``validate_paths`` is the library entry point (the ``teiwright validate`` command and
``teiwright build`` use it); ``ValidationReport.format`` renders the result for people
(``text``), programs (``json``) and CI (``junit``, ``github``).
"""

from __future__ import annotations

from .report import FORMATS, Problem, ValidationReport
from .runner import Validator, expand_paths, validate_paths
from .schemas import RNG, SCHEMA_DIR, SCHEMATRON, XSD, load_grammar

__all__ = [
    "FORMATS",
    "RNG",
    "SCHEMATRON",
    "SCHEMA_DIR",
    "XSD",
    "Problem",
    "ValidationReport",
    "Validator",
    "expand_paths",
    "load_grammar",
    "validate_paths",
]
