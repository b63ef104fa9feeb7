"""The ``teiwright`` command: a thin layer over the library, one module per subcommand.

Exit codes are the same for every subcommand: 0 success, 1 some documents failed or
are invalid, 2 usage errors or unreadable input.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import TeiwrightError
from .build import build_command
from .convert import convert
from .evaluate import evaluate
from .package import package
from .registers import registers
from .render import render
from .text import text
from .validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teiwright")
def cli() -> None:
    """Plain-text historical documents to TEI P5, validated and published."""


for command in (convert, text, evaluate, build_command, package, registers, validate, render):
    cli.add_command(command)


def main() -> None:
    """Entry point: run the CLI, turning teiwright's errors into one line and exit code 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("teiwright: aborted", err=True)
        sys.exit(130)
    except TeiwrightError as exc:
        click.echo(f"teiwright: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(1)
