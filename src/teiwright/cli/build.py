"""``teiwright build``: the whole pipeline over a folder, with progress and a summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..build import OPTIONAL_STAGES, BuildOptions, BuildReport, Progress, build, parse_shard
from ..errors import InputError


@click.command("build")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Output folder: tei/, volume.xml, html/, volume.pdf, "
              "report.json.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="all cores", help="Parallel workers.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where documents are converted.")
@click.option("--scheduler", metavar="ADDRESS",
              help="An existing Dask scheduler (tcp://HOST:PORT); implies --executor dask.")
@click.option("--shard", metavar="I/N", help="Process only documents I, I+N, I+2N, ….")
@click.option("--skip", type=click.Choice(OPTIONAL_STAGES), multiple=True,
              help="Leave out a stage (repeatable).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Volume settings (default: SRC/teiwright.toml).")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Persons register (overrides the config).")
@click.option("--terms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Terms register (overrides the config).")
@click.option("--preset", default="default", show_default=True, help="Annotator preset.")
@click.option("--disable", multiple=True, metavar="NAME", help="Turn off one annotator.")
@click.option("--base-url", default="", help="Base URL of the published HTML edition.")
@click.option("--force", is_flag=True, help="Redo every document and stage.")
@click.option("-q", "--quiet", is_flag=True, help="Only the summary.")
def build_command(src: Path, output: Path, jobs: int, executor: str, scheduler: str | None,
                  shard: str | None, skip: tuple[str, ...], config_path: Path | None,
                  persons: Path | None, terms: Path | None, preset: str,
                  disable: tuple[str, ...], base_url: str, force: bool, quiet: bool) -> None:
    """Build SRC (a folder of .txt documents, optional teiwright.toml) into OUTPUT.

    Runs convert → volume → validate → html → pdf. Unchanged documents are not redone.
    Exit code 1 when a document failed or is invalid.

    \b
    Example:
      teiwright build examples/seeds -o out/
    """
    options = BuildOptions(jobs=jobs, executor=executor, scheduler=scheduler,
                           shard=parse_shard(shard) if shard else None, skip=skip,
                           config_path=config_path, persons=persons, terms=terms,
                           preset=preset, disabled=disable, base_url=base_url, force=force)
    err = Console(stderr=True, highlight=False)
    if not err.is_terminal:  # logs and CI: keep the summary's columns unwrapped
        err.width = 120
    progress = Progress(tty=err.is_terminal, quiet=quiet,
                        echo=lambda line: click.echo(line, err=True))
    try:
        report = build(src, output, options, progress)
    except KeyError as exc:
        raise InputError(str(exc.args[0])) from None
    _summary(report, err)
    sys.exit(report.exit_code)


def _summary(report: BuildReport, console: Console) -> None:
    stages = Table(title=f"teiwright build -> {report.output}", title_justify="left")
    for col in ("stage", "status", "items", "seconds", "details"):
        stages.add_column(col, justify="right" if col in ("items", "seconds") else "left")
    for name, stage in report.stages.items():
        stages.add_row(name, stage.status, str(stage.items or ""), f"{stage.seconds:.2f}",
                       stage.message)
    console.print(stages)
    totals = report.totals()
    docs = Table()
    for col in ("documents", "converted", "unchanged", "failed", "valid", "invalid",
                "warnings", "errors", "time (s)"):
        docs.add_column(col, justify="right")
    docs.add_row(*(str(totals[k]) for k in ("documents", "converted", "unchanged", "failed",
                                             "valid", "invalid", "warnings", "errors")),
                 f"{report.seconds:.2f}")
    console.print(docs)
