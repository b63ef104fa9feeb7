"""Packaging a build for deposit: a BagIt bag of the TEI, registers and schema.

Repositories (and the Library of Congress, which wrote the format) ingest BagIt: a
folder whose payload sits in ``data/`` with checksum manifests and a ``bag-info.txt``
saying who sent it, when, and under what licence. The ``bagit`` library writes and
checks the bag, so a package that leaves here has already passed the validation the
repository will run on it.

Payload layout: ``tei/`` (one file per document), ``volume.xml``, ``registers/`` (the
persons and terms registers the build used), ``schema/`` (teiwright's RELAX NG, XSD and
Schematron) and ``report.json`` (what the build checked).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import VolumeConfig
from .errors import InputError

CHECKSUMS = ("sha256", "sha512")


@dataclass(slots=True)
class PackageInfo:
    """What ``bag-info.txt`` says about the deposit."""

    source_organization: str | None = None
    """Who holds the content (default: the volume's publisher)."""
    contact_name: str | None = None
    contact_email: str | None = None
    date: str | None = None
    """Bagging date (ISO); None means today."""
    licence: str | None = None
    """Default: the volume's licence and its URL."""
    description: str | None = None
    """Default: the volume title."""
    identifier: str | None = None
    """Default: the volume id."""
    extra: dict[str, str] = field(default_factory=dict)


def _build_report(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except OSError:
        raise InputError(f"{out}: no report.json; run 'teiwright build' into it first") from None
    except ValueError:
        raise InputError(f"{out}/report.json: not valid JSON") from None
    if not isinstance(data, dict):
        raise InputError(f"{out}/report.json: not a build report")
    return data


def payload_files(out: Path) -> dict[str, Path]:
    """Payload path (inside ``data/``) → file to copy, from a build folder ``out``."""
    report = _build_report(out)
    tei = sorted((out / "tei").glob("*.xml"))
    if not tei:
        raise InputError(f"{out}/tei: no TEI files to package")
    files = {f"tei/{p.name}": p for p in tei}
    for name in ("volume.xml", "report.json"):
        if (out / name).is_file():
            files[name] = out / name
    for path in report.get("registers", {}).values():
        if path and Path(path).is_file():
            files[f"registers/{Path(path).name}"] = Path(path)
    if importlib.util.find_spec("teiwright.validate") is not None:
        from .validate import SCHEMA_DIR

        for schema in sorted(SCHEMA_DIR.glob("*")):
            if schema.suffix in (".rng", ".xsd", ".sch"):
                files[f"schema/{schema.name}"] = schema
    return files


def bag_info(info: PackageInfo, config: VolumeConfig) -> dict[str, str]:
    """``bag-info.txt`` fields: reserved BagIt names first, then ours."""
    fields = {
        "Source-Organization": info.source_organization or config.publisher,
        "Bagging-Date": info.date or dt.date.today().isoformat(),
        "External-Description": info.description or config.title or "TEI P5 documents",
    }
    if info.contact_name:
        fields["Contact-Name"] = info.contact_name
    if info.contact_email:
        fields["Contact-Email"] = info.contact_email
    if info.identifier or config.id:
        fields["External-Identifier"] = info.identifier or config.id or ""
    fields["License"] = info.licence or f"{config.licence} <{config.licence_url}>"
    fields["Encoding-Software"] = f"teiwright {__version__}"
    fields.update(info.extra)
    return fields


def make_bag(out: Path, bag_dir: Path, info: PackageInfo | None = None, *,
             config: VolumeConfig | None = None, overwrite: bool = False) -> Path:
    """Write a validated BagIt bag of the build in ``out`` to ``bag_dir``.

    The bag is assembled and validated in a temporary folder beside ``bag_dir`` and
    renamed into place, so ``bag_dir`` is either absent or a complete, valid bag.
    """
    import bagit

    out, bag_dir = Path(out), Path(bag_dir)
    if bag_dir.exists() and not overwrite:
        raise InputError(f"{bag_dir}: already exists (use --overwrite to replace it)")
    report = _build_report(out)
    if config is None:
        config = _config_from_report(report)
    files = payload_files(out)
    bag_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{bag_dir.name}.", dir=bag_dir.parent))
    try:
        for rel, source in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        staging.chmod(0o755)
        bag = bagit.make_bag(str(staging), bag_info(info or PackageInfo(), config),
                             checksums=list(CHECKSUMS))
        bag.validate()
        if bag_dir.exists():
            shutil.rmtree(bag_dir)
        staging.rename(bag_dir)
    except bagit.BagError as exc:
        raise InputError(f"{bag_dir}: bag did not validate ({exc})") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return bag_dir


def _config_from_report(report: dict[str, Any]) -> VolumeConfig:
    """The volume settings the build recorded (title, id, licence) for ``bag-info.txt``."""
    config = VolumeConfig()
    for key, value in report.get("volume", {}).items():
        if key in ("id", "title", "publisher", "licence", "licence_url") and value:
            setattr(config, key, str(value))
    return config
