"""Validating many files: schemas compiled once (per worker process), files in parallel.

Every file is read through ``teiwright.xmlsafe``: a DOCTYPE, an entity declaration or
non-XML makes the file *unreadable* (exit code 2), never resolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from lxml import etree

from ..errors import HostileXMLError, InputError
from ..xmlsafe import parse_bytes
from .positions import SourcePositions
from .registers import load_register_ids
from .report import Problem, ValidationReport
from .schemas import RNG, SCHEMATRON, Grammar, load_grammar
from .schematron import SchematronRules


@dataclass(slots=True)
class FileResult:
    name: str
    problems: list[Problem]
    unreadable: bool = False


class Validator:
    """teiwright's RNG and Schematron, plus any extra grammars, ready to check files."""

    def __init__(self, *, extra_schemas: Sequence[Path] = (),
                 registers: Sequence[Path] = ()) -> None:
        self.grammars: list[Grammar] = [load_grammar(RNG)]
        self.grammars += [load_grammar(Path(p)) for p in extra_schemas]
        self.rules = SchematronRules(SCHEMATRON, load_register_ids(list(registers)))

    def check_file(self, path: Path) -> FileResult:
        name = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            return _unreadable(name, 1, 1, f"cannot read ({exc.strerror})", "io")
        try:
            tree = parse_bytes(data, name)
        except HostileXMLError as exc:
            return _unreadable(name, 1, 1, _strip_name(str(exc), name), "hostile-xml")
        except InputError as exc:
            line, column, message = _position(str(exc), name)
            return _unreadable(name, line, column, message, "xml")
        return FileResult(name, self.check_tree(name, data, tree))

    def check_tree(self, name: str, data: bytes, tree: etree._ElementTree) -> list[Problem]:
        positions = SourcePositions(data, tree)
        problems: list[Problem] = []
        for grammar in self.grammars:
            problems += grammar.check(name, tree, positions)
        problems += self.rules.check(name, tree, positions)
        return problems


def validate_paths(paths: Sequence[Path], *, extra_schemas: Sequence[Path] = (),
                   jobs: int = 1, registers: Sequence[Path] = ()) -> ValidationReport:
    """Validate files (folders: their ``*.xml`` files) against teiwright's schemas.

    Raises ``InputError`` for an unusable schema or register or a missing path; problems
    in the documents themselves are in the report.
    """
    files = expand_paths(paths)
    report = ValidationReport(files=[str(f) for f in files])
    validator = Validator(extra_schemas=extra_schemas, registers=registers)
    if jobs > 1 and len(files) > 1:
        results = _parallel(validator, files, jobs)
    else:
        results = [validator.check_file(f) for f in files]
    for result in results:
        report.problems += result.problems
        if result.unreadable:
            report.unreadable.append(result.name)
    return report


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders become their ``*.xml`` files in natural order (d2 < d10)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted((p for p in path.iterdir() if p.is_file() and p.suffix == ".xml"),
                          key=_natural)
        elif path.is_file():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return out


_WORKER: Validator | None = None
"""The validator a forked worker inherits: compiled once, in the parent, before the fork."""


def _check_in_worker(path: Path) -> FileResult:
    assert _WORKER is not None
    return _WORKER.check_file(path)


def _parallel(validator: Validator, files: list[Path], jobs: int) -> list[FileResult]:
    """Check ``files`` in ``jobs`` forked processes that share the compiled schemas."""
    global _WORKER
    _WORKER = validator
    chunk = max(1, len(files) // (jobs * 4))
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
            return list(pool.map(_check_in_worker, files, chunksize=chunk))
    finally:
        _WORKER = None


def _unreadable(name: str, line: int, column: int, message: str, rule: str) -> FileResult:
    return FileResult(name, [Problem(name, max(line, 1), max(column, 1), "error", message, rule)],
                      unreadable=True)


def _strip_name(message: str, name: str) -> str:
    return message[len(name) + 2:] if message.startswith(f"{name}: ") else message


def _position(message: str, name: str) -> tuple[int, int, str]:
    """Split xmlsafe's ``name:line:col: message`` into its parts."""
    m = re.match(rf"{re.escape(name)}:(\d+):(\d+): (.*)", message, re.S)
    if m:
        return int(m.group(1)), int(m.group(2)), m.group(3)
    return 1, 1, _strip_name(message, name)


def _natural(p: Path) -> tuple[object, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name))
