"""Reading input text: decoding, size limits and line-end normalisation.

Users copy FRUS pages from browsers, PDFs and OCR, so bytes arrive as UTF-8 with or
without a BOM, UTF-16, or a Windows code page. Decoding is strict and explicit: UTF-8
first, UTF-16 with its BOM (or, with a note, without one when every other byte is NUL),
then Windows-1252 with a warning; anything that looks binary is refused rather than
turned into mojibake TEI.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted by default (64 MiB); ``--max-bytes`` changes it."""
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
"""C0 control characters other than tab, line feed, vertical tab, form feed and return:
many of them mean the data is binary, not text."""
NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold (C0 controls, surrogates, U+FFFE/U+FFFF): dropped."""


@dataclass(slots=True)
class SourceText:
    """Decoded, normalised input text and how it was obtained."""

    text: str
    name: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    """Messages about the decoding (a fallback code page, a BOM, CR line ends)."""


def decode(data: bytes, name: str = "-", max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Decode ``data`` into normalised text, or raise ``InputError`` with a one-line reason."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: input is {len(data)} bytes, over the limit of {max_bytes}")
    notes: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
        encoding = "utf-16"
    elif b"\x00" in data and (order := _bomless_utf16(data)):
        try:
            text = data.decode(order)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
        encoding = "utf-16"
        notes.append(f"{name}: no byte order mark; decoded as {order.upper()}")
    else:
        if b"\x00" in data:
            raise InputError(f"{name}: binary data (NUL bytes), not a text document")
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if _truncated_utf8(data):
                raise InputError(f"{name}: truncated UTF-8: the data ends inside a character "
                                 "(a partial copy?)") from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: not UTF-8 (invalid byte at {exc.start}) nor Windows-1252"
                ) from None
            encoding = "cp1252"
            notes.append(f"{name}: not valid UTF-8; decoded as Windows-1252")
    if data.startswith(codecs.BOM_UTF8):
        notes.append(f"{name}: byte order mark removed")
    text = text.lstrip("\ufeff")
    controls = len(CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(f"{name}: {controls} control characters; looks binary, not text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # form feeds and vertical tabs separate pages in some exports: read them as blank lines
    text = text.replace("\f", "\n\n").replace("\v", "\n")
    text, removed = NOT_XML.subn("", text)
    if removed:
        notes.append(f"{name}: {removed} control or non-character code points removed")
    text = text.expandtabs(4)
    if not text.strip():
        raise InputError(f"{name}: empty document (no text)")
    return SourceText(text, name, encoding, notes)


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text saved as UTF-16 without a byte order mark.

    Such text is mostly Latin letters, so every other byte is NUL and the bytes between
    almost never are; binary data has NULs at both parities, or none in a pattern.
    """
    if len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= half * 0.5 and even <= half * 0.01:
        return "utf-16-le"
    if even >= half * 0.5 and odd <= half * 0.01:
        return "utf-16-be"
    return None


def _truncated_utf8(data: bytes) -> bool:
    """UTF-8 cut off inside its last character, rather than Windows-1252 text.

    Decoding such a file as Windows-1252 would turn every accented letter in it into
    mojibake; a BOM or earlier multi-byte characters show it really is UTF-8.
    """
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data" or exc.end != len(body):
            return False
        return len(body) != len(data) or not body[:exc.start].isascii()
    return False


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode one input file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: input is {size} bytes, over the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(data, str(path), max_bytes)
