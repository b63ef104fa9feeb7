"""The linters the project keeps clean: ruff over all Python, strict mypy over the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(*args: str) -> None:
    """Run ``python -m <args>`` from the repository root; fail with its output if not clean."""
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, (
        f"{' '.join(args)} exited with {result.returncode}:\n{result.stdout}{result.stderr}")


def test_ruff() -> None:
    _check("ruff", "check", "src", "tests", "bench")


def test_mypy() -> None:
    _check("mypy", "src/teiwright")
