"""Expanding command-line inputs (files, folders, globs, ``-``) into a sorted file list."""

from __future__ import annotations

import glob
from pathlib import Path

from ..errors import InputError

REGISTER_NAMES = {"persons.xml": "persons", "terms.xml": "terms"}
"""Register files that may sit among the TEI documents given to ``render``."""


def expand(inputs: tuple[str, ...], suffixes: tuple[str, ...]) -> list[Path | None]:
    """Files named, files with ``suffixes`` in named folders (sorted), matches of globs.

    ``-`` stands for standard input and comes back as None.
    """
    out: list[Path | None] = []
    for raw in inputs:
        if raw == "-":
            out.append(None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in suffixes)
            out.extend(_natural(found))
        elif path.is_file():
            out.append(path)
        elif any(ch in raw for ch in "*?["):
            matches = [Path(m) for m in glob.glob(raw, recursive=True)]
            out.extend(_natural(sorted(p for p in matches if p.is_file())))
        else:
            raise InputError(f"{raw}: no such file or folder")
    return out


def _natural(paths: list[Path]) -> list[Path]:
    """Sort d2 before d10."""
    import re

    def key(p: Path) -> tuple[object, ...]:
        return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", str(p)))

    return sorted(paths, key=key)


def split_tei_inputs(inputs: tuple[str, ...], command: str) -> tuple[list[Path], dict[str, Path]]:
    """TEI documents and registers (``persons.xml``, ``terms.xml``) among the inputs."""
    documents: list[Path] = []
    registers: dict[str, Path] = {}
    for path in expand(inputs, (".xml",)):
        if path is None:
            raise InputError(f"{command} reads files, not standard input")
        if path.name in REGISTER_NAMES:
            registers.setdefault(REGISTER_NAMES[path.name], path)
        else:
            documents.append(path)
    if not documents:
        raise InputError(f"{command}: no TEI documents (.xml) among the inputs")
    return documents, registers
