"""``teiwright registers``: move a persons or terms register between its three formats.

Editors keep registers where they like them (a spreadsheet, the volume's FRUS list,
teiwright's own TEI); this command converts between them so each can be edited in
one form and used in another.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

import click
from lxml import etree

from ..atomic import write_atomic
from ..writers.tei import serialize

KINDS = ("persons", "terms")
FORMATS = ("tei", "frus", "csv")


class _Register(Protocol):
    """What both registers offer: the three output formats."""

    def to_tei(self) -> etree._ElementTree: ...

    def to_frus(self) -> etree._ElementTree: ...

    def to_csv(self) -> str: ...


@click.group()
def registers() -> None:
    """Persons and terms registers: convert between TEI, FRUS lists and CSV."""


@registers.command("convert")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Output file, or '-' for stdout.")
@click.option("--kind", type=click.Choice(KINDS), default="persons", show_default=True,
              help="Which register SOURCE holds.")
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True,
              help="tei (teiwright listPerson/list), frus (the volume's list) or csv.")
def convert_register(source: Path, output: Path, kind: str, fmt: str) -> None:
    """Convert the register SOURCE (any of the three formats) to another format.

    \b
    Example:
      teiwright registers convert ../shared/frus-dev/persons.xml -o persons.csv --to csv
    """
    register = _load(kind, source)
    if fmt == "csv":
        data = register.to_csv().encode("utf-8")
    else:
        data = serialize(register.to_tei() if fmt == "tei" else register.to_frus())
    if str(output) == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)
    count = len(getattr(register, kind))
    click.echo(f"teiwright registers: {count} {kind} -> {output}", err=True)


def _load(kind: str, source: Path) -> _Register:
    """The register of ``kind``; terms are imported only when asked for."""
    if kind == "terms":
        from ..registers.terms import load_terms

        return load_terms(source)
    from ..registers.persons import load_persons

    return load_persons(source)
