"""Errors a user can act on: each prints as one line and maps to an exit code."""

from __future__ import annotations


class TeiwrightError(Exception):
    """Base of teiwright's own errors; ``str()`` is the one-line message."""

    exit_code = 2


class InputError(TeiwrightError):
    """An input that cannot be converted faithfully (empty, binary, undecodable, too big)."""


class HostileXMLError(TeiwrightError):
    """XML that asks for entities, DTDs or network access, or exceeds safe limits."""
