"""Volume settings (``teiwright.toml``): what the text itself cannot tell the header.

A FRUS document does not name its volume, its editors or the licence of the
encoding; a project states them once in ``teiwright.toml`` beside its texts:

.. code-block:: toml

    [volume]
    id = "frus1969-76v22"
    title = "Foreign Relations of the United States, 1969–1976, Volume XXII, Panama, 1973–1976"
    editors = ["Bradley Lynn Coleman"]
    publisher = "Office of the Historian, U.S. Department of State"

    [registers]
    persons = "persons.xml"
    terms = "terms.xml"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

PUBLIC_DOMAIN = "https://creativecommons.org/publicdomain/mark/1.0/"


@dataclass(slots=True)
class VolumeConfig:
    """Volume-level metadata for headers, HTML and PDF, and the registers to use."""

    id: str | None = None
    """Volume identifier (``frus1969-76v22``)."""
    title: str | None = None
    editors: list[str] = field(default_factory=list)
    publisher: str = "Office of the Historian, U.S. Department of State"
    """Publisher of the source edition, named in the header's publication statement."""
    licence: str = ("Public domain: a work of the United States Government "
                    "(17 U.S.C. § 105); this encoding is dedicated to the public domain.")
    licence_url: str = PUBLIC_DOMAIN
    language: str = "en"
    persons: Path | None = None
    """Persons register (teiwright listPerson, FRUS persons list or CSV)."""
    terms: Path | None = None
    """Terms register (teiwright list, FRUS terms list or CSV)."""
    change_date: str | None = None
    """ISO date for the header's revision entry; None keeps output free of timestamps."""

    @classmethod
    def load(cls, path: Path) -> VolumeConfig:
        """Read ``teiwright.toml``; register paths are relative to the file."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"{path}: cannot read configuration ({exc})") from None
        volume = data.get("volume", {})
        registers = data.get("registers", {})
        cfg = cls()
        for key in ("id", "title", "publisher", "licence", "licence_url", "language",
                    "change_date"):
            if key in volume:
                setattr(cfg, key, str(volume[key]))
        if "editors" in volume:
            cfg.editors = [str(e) for e in volume["editors"]]
        for key in ("persons", "terms"):
            if key in registers:
                setattr(cfg, key, (path.parent / str(registers[key])).resolve())
        return cfg

    @classmethod
    def find(cls, folder: Path) -> VolumeConfig:
        """The configuration in ``folder`` if it has one, else the defaults."""
        candidate = folder / "teiwright.toml"
        return cls.load(candidate) if candidate.is_file() else cls()
