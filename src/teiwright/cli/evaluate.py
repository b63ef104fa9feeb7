"""``teiwright evaluate``: score one encoding of documents against another."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..atomic import write_atomic
from ..evaluate import evaluate as run_evaluation
from ..evaluate import table_rows


@click.command()
@click.argument("system", type=click.Path(exists=True, path_type=Path))
@click.argument("reference", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_out", metavar="FILE",
              help="Write the figures as JSON to FILE ('-' for stdout instead of the table).")
def evaluate(system: Path, reference: Path, json_out: str | None) -> None:
    """Compare SYSTEM's TEI with REFERENCE's (files, or folders of same-named files).

    Prints precision, recall and F1 per element (persName, date, placeName, gloss, pb,
    note), link, date-value and note-anchor accuracy, and text similarity.

    \b
    Example:
      teiwright evaluate out/tei ../shared/frus-dev/gold --json scores.json
    """
    result = run_evaluation(system, reference)
    text = json.dumps(result, indent=1) + "\n"
    if json_out == "-":
        click.echo(text, nl=False)
        return
    if json_out:
        write_atomic(Path(json_out), text.encode("utf-8"))
    prf, acc = table_rows(result)
    console = Console(highlight=False)
    spans = Table(title=f"{result['docs']} documents", title_justify="left")
    for col in ("element", "reference", "system", "precision", "recall", "F1"):
        spans.add_column(col, justify="left" if col == "element" else "right")
    for row in prf:
        spans.add_row(*row)
    console.print(spans)
    rates = Table()
    for col in ("measure", "value", "items"):
        rates.add_column(col, justify="left" if col == "measure" else "right")
    for row in acc:
        rates.add_row(*row)
    console.print(rates)
    if result["missing"]:
        console.print("missing or unreadable: " + " ".join(result["missing"]))
