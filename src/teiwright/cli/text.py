"""``teiwright text``: TEI → the plain-text input form (round trips, plain exports)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..writers.plaintext import PlainTextWriter
from ..xmlsafe import parse_file


@click.command()
@click.argument("tei_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def text(tei_file: Path) -> None:
    """Print a TEI document as plain text, in the form 'convert' reads.

    \b
    Example:
      teiwright text tei/d25.xml > d25.txt
    """
    sys.stdout.write(PlainTextWriter().write(parse_file(tei_file)))
