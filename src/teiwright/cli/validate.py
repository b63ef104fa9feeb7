"""``teiwright validate``: check TEI files against teiwright's schema and rules, for CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..validate import FORMATS, validate_paths
from .inputs import expand


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (file:line:column lines), json, junit (XML) or github (annotations).")
@click.option("--schema", "schemas", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also validate against this RELAX NG (.rng) or XML Schema (.xsd) file.")
@click.option("-r", "--register", "registers", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Persons or terms register (TEI, FRUS or CSV); links are checked "
                   "against the registers given.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
def validate(inputs: tuple[str, ...], fmt: str, schemas: tuple[Path, ...],
             registers: tuple[Path, ...], jobs: int, output: Path | None) -> None:
    """Validate TEI files, folders or globs; exit 0 valid, 1 invalid, 2 unreadable.

    \b
    Example:
      teiwright validate tei/ out/*.xml -r tei/persons.xml -r tei/terms.xml
    """
    files = [p for p in expand(inputs, (".xml",)) if p is not None]
    if not files:
        raise click.UsageError("no .xml inputs found")
    report = validate_paths(files, extra_schemas=list(schemas), jobs=jobs or os.cpu_count() or 1,
                            registers=list(registers))
    text = report.format(fmt)
    if output is not None:
        from ..atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))
        click.echo(report.summary(), err=True)
    else:
        sys.stdout.write(text)
    sys.exit(report.exit_code)
