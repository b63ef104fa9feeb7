"""``teiwright package``: a build folder → a BagIt bag for a repository."""

from __future__ import annotations

from pathlib import Path

import click

from ..package import PackageInfo, make_bag


@click.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--bagit", "bagit_format", is_flag=True, required=True,
              help="Write a BagIt bag (the format repositories ingest).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Bag folder to write (default: OUT/bag).")
@click.option("--source-organization", help="Who holds the content (default: the publisher).")
@click.option("--contact-name", help="Contact person for the deposit.")
@click.option("--contact-email", help="Contact e-mail for the deposit.")
@click.option("--date", "bag_date", metavar="YYYY-MM-DD", help="Bagging date (default: today).")
@click.option("--licence", help="Licence statement (default: the volume's licence).")
@click.option("--overwrite", is_flag=True, help="Replace an existing bag.")
def package(out: Path, bagit_format: bool, output: Path | None,
            source_organization: str | None, contact_name: str | None,
            contact_email: str | None, bag_date: str | None, licence: str | None,
            overwrite: bool) -> None:
    """Package the build in OUT (TEI, volume, registers, schema, report) for deposit.

    \b
    Example:
      teiwright package out/ --bagit --contact-email editor@example.org
    """
    info = PackageInfo(source_organization=source_organization, contact_name=contact_name,
                       contact_email=contact_email, date=bag_date, licence=licence)
    bag = make_bag(out, output or out / "bag", info, overwrite=overwrite)
    click.echo(f"teiwright package: BagIt bag written and validated -> {bag}", err=True)
