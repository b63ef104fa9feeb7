"""``teiwright render``: publish TEI as an edition; ``html`` here, other formats join the group."""

from __future__ import annotations

from pathlib import Path

import click

from ..publishers.html import render_site
from .inputs import expand
from .render_pdf import pdf

REGISTER_NAMES = {"persons.xml": "persons", "terms.xml": "terms"}
"""Register files that may sit beside the documents in a TEI folder (as in ``tei/``)."""


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
    documents: list[Path] = []
    registers: dict[str, Path] = {}
    for path in expand(inputs, (".xml",)):
        if path is None:
            raise click.UsageError("render html reads files, not standard input")
        if path.name in REGISTER_NAMES:
            registers.setdefault(REGISTER_NAMES[path.name], path)
        else:
            documents.append(path)
    if not documents:
        raise click.UsageError("no TEI documents (.xml) among the inputs")
    written = render_site(documents, output, site_title=site_title, base_url=base_url,
                          persons=persons or registers.get("persons"),
                          terms=terms or registers.get("terms"))
    pages = sum(1 for p in written if p.suffix == ".html")
    click.echo(f"teiwright render html: {len(documents)} documents, {pages} pages -> {output}",
               err=True)


render.add_command(pdf)
