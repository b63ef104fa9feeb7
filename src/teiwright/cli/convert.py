"""``teiwright convert``: plain text → one TEI file per input."""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path

import click

from ..atomic import write_atomic
from ..config import VolumeConfig
from ..core import Converter
from ..errors import TeiwrightError
from ..readers.frus_text import MAX_NOTES
from ..sources import DEFAULT_MAX_BYTES, read_source
from .inputs import expand


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output folder (one <stem>.xml per input); stdout when omitted with '-'.")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Persons register: teiwright listPerson, FRUS persons list or CSV.")
@click.option("--terms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Terms register: teiwright list, FRUS terms list or CSV.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Volume settings (teiwright.toml).")
@click.option("--preset", default="default", show_default=True,
              help="Annotator preset: default or minimal.")
@click.option("--disable", multiple=True, metavar="NAME", help="Turn off one annotator.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this many bytes.")
@click.option("--max-notes", default=MAX_NOTES, show_default=True,
              help="Refuse documents with more footnotes than this.")
@click.option("--suggestions", type=click.Path(dir_okay=False, path_type=Path),
              help="Write names and abbreviations missing from the registers here (JSON).")
@click.option("-q", "--quiet", is_flag=True, help="No warnings, only errors and the summary.")
def convert(inputs: tuple[str, ...], output: Path | None, persons: Path | None,
            terms: Path | None, config_path: Path | None, preset: str, disable: tuple[str, ...],
            max_bytes: int, max_notes: int, suggestions: Path | None, quiet: bool) -> None:
    """Convert plain-text documents (files, folders, globs or '-') to TEI P5.

    \b
    Example:
      teiwright convert ../shared/frus-dev/text -o out/ --persons persons.xml
    """
    _exit_on_sigterm()
    files = expand(inputs, (".txt",))
    if not files:
        raise click.UsageError("no .txt inputs found")
    config = VolumeConfig.load(config_path) if config_path else VolumeConfig()
    try:
        converter = Converter(config, preset, tuple(disable), persons, terms, max_bytes,
                              max_notes)
        converter.context()
        converter.pipeline()
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    if output is None and files != [None]:
        raise click.UsageError("give -o OUTPUT for file inputs (stdout is for '-' only)")
    done, failed, warned = 0, 0, 0
    seen: dict[str, Path | None] = {}
    for path in files:
        label = str(path) if path else "<stdin>"
        try:
            if path is None:
                result = converter.convert_text(sys.stdin.buffer.read(), "<stdin>")
            else:
                result = converter.convert_source(read_source(path, max_bytes))
        except TeiwrightError as exc:
            click.echo(f"teiwright: error: {exc}", err=True)
            failed += 1
            continue
        except Exception as exc:  # a bug on one input must not stop the batch
            click.echo(f"teiwright: internal error: {label}: {type(exc).__name__}: "
                       f"{_one_line(exc)}", err=True)
            failed += 1
            continue
        for w in result.warnings:
            warned += 1
            if not quiet:
                click.echo(f"{label}:{w.line}: warning: {w.message} [{w.code}]", err=True)
        data = result.to_bytes()
        if output is None:
            sys.stdout.buffer.write(data)
        else:
            stem = path.stem if path else "stdin"
            if stem in seen:
                click.echo(f"teiwright: error: {label}: output {stem}.xml already written "
                           f"from {seen[stem]}", err=True)
                failed += 1
                continue
            seen[stem] = path
            try:
                write_atomic(output / f"{stem}.xml", data)
            except OSError as exc:
                click.echo(f"teiwright: error: {label}: cannot write {output / stem}.xml "
                           f"({exc.strerror})", err=True)
                failed += 1
                continue
        done += 1
    if suggestions is not None:
        write_suggestions(suggestions, converter.context().suggestions)
    click.echo(f"teiwright convert: {done} converted, {failed} failed, {warned} warnings"
               + (f" -> {output}" if output else ""), err=True)
    if failed:
        sys.exit(1)


def _exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit for this command, so that a stopped batch still
    removes the temporary file of the output it was writing (as Ctrl-C does)."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    click.get_current_context().call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or "(no message)"


def write_suggestions(path: Path, found: dict[str, list[str]]) -> None:
    """Candidates for the registers, each once, with how often it was seen, for editors."""
    counted = {kind: sorted(((name, items.count(name)) for name in set(items)),
                            key=lambda pair: (-pair[1], pair[0]))
               for kind, items in sorted(found.items())}
    data = {kind: [{"text": name, "count": n} for name, n in pairs]
            for kind, pairs in counted.items()}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
