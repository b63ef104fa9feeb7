"""Where teiwright's stylesheets (``xslt/``) and schemas (``schema/``) live.

In a source checkout (and an editable install) they are the repository's top-level
folders; a wheel installs them under ``<prefix>/share/teiwright/`` (see ``data-files`` in
``pyproject.toml``). ``TEIWRIGHT_XSLT_DIR`` / ``TEIWRIGHT_SCHEMA_DIR`` override both.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path


def data_dir(name: str) -> Path:
    """The folder ``xslt`` or ``schema``: override, source tree, then installed copy."""
    override = os.environ.get(f"TEIWRIGHT_{name.upper()}_DIR")
    if override:
        return Path(override)
    source = Path(__file__).resolve().parents[2] / name
    if source.is_dir():
        return source
    for prefix in (sysconfig.get_path("data"), sys.prefix):
        installed = Path(prefix) / "share" / "teiwright" / name
        if installed.is_dir():
            return installed
    return source
