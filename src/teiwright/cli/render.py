"""``teiwright render``: publish TEI as an HTML edition (``html``) or a print PDF (``pdf``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..publishers.html import render_site
from .inputs import split_tei_inputs
from .render_pdf import pdf


@click.group()
def render() -> None:
    """Publish TEI documents as a static HTML edition or a print PDF."""


@render.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the site.")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Persons register; default: a persons.xml among the inputs.")
@click.option("--terms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Terms register; default: a terms.xml among the inputs.")
@click.option("--title", "site_title", help="Site title; default: the volume title.")
@click.option("--base-url", default="", help="Prefix for links (https://…/); default relative.")
def html(inputs: tuple[str, ...], output: Path, persons: Path | None, terms: Path | None,
         site_title: str | None, base_url: str) -> None:
    """Render TEI files (files, folders or globs) as a static HTML edition.

    \b
    Example:
      teiwright render html tei/ -o site/ --title "FRUS Panama"
    """
    documents, registers = split_tei_inputs(inputs, "render html")
    written = render_site(documents, output, site_title=site_title, base_url=base_url,
                          persons=persons or registers.get("persons"),
                          terms=terms or registers.get("terms"))
    pages = sum(1 for p in written if p.suffix == ".html")
    click.echo(f"teiwright render html: {len(documents)} documents, {pages} pages -> {output}",
               err=True)


render.add_command(pdf)
