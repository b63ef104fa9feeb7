"""``teiwright render pdf``: TEI documents → one print volume (PDF/A, tagged)."""

from __future__ import annotations

from pathlib import Path

import click

from ..publishers.pdf import PDF_STANDARDS, render_pdf
from .inputs import split_tei_inputs


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write.")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Persons register; default: a persons.xml among the inputs.")
@click.option("--terms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Terms register; default: a terms.xml among the inputs.")
@click.option("--title", help="Volume title; default: the one in the TEI headers.")
@click.option("--pdf-standard", type=click.Choice([*PDF_STANDARDS, "none"]), default="a-2b",
              show_default=True, help="PDF/A level, or none for plain PDF.")
@click.option("--tagged/--no-tagged", default=True, show_default=True,
              help="Tagged (accessible) PDF.")
@click.option("--fixed-date", metavar="ISO-DATE",
              help="Timestamp to write instead of now, for byte-identical rebuilds.")
def pdf(inputs: tuple[str, ...], output: Path, persons: Path | None, terms: Path | None,
        title: str | None, pdf_standard: str, tagged: bool, fixed_date: str | None) -> None:
    """Typeset TEI files (files, folders or globs) as one print volume.

    \b
    Example:
      teiwright render pdf tei/ -o volume.pdf --fixed-date 2025-01-01
    """
    documents, registers = split_tei_inputs(inputs, "render pdf")
    render_pdf(documents, output, title=title, persons=persons or registers.get("persons"),
               terms=terms or registers.get("terms"),
               pdf_standard=None if pdf_standard == "none" else pdf_standard,
               tagged=tagged, fixed_date=fixed_date)
    click.echo(f"teiwright render pdf: {len(documents)} files -> {output}", err=True)
