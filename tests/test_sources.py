"""Decoding inputs: encodings, BOMs, line ends, and refusing what is not text."""

import codecs

import pytest

from teiwright.errors import InputError
from teiwright.sources import decode


def test_utf8_bom_and_crlf_are_normalised():
    src = decode(codecs.BOM_UTF8 + b"1. Memo\r\n\r\nText\rmore")
    assert src.text == "1. Memo\n\nText\nmore"
    assert any("byte order mark" in n for n in src.notes)


def test_utf16_with_bom():
    assert decode("1. Memo — ok".encode("utf-16")).text == "1. Memo — ok"


def test_windows_1252_fallback_warns():
    src = decode("1. Memo “quoted” café".encode("cp1252"))
    assert src.text == "1. Memo “quoted” café"
    assert src.encoding == "cp1252" and src.notes


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x00abc", "binary"),
    (bytes(range(1, 9)) * 50, "control characters"),
])
def test_refused_inputs(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data, "x.txt")


def test_size_limit():
    with pytest.raises(InputError, match="over the limit"):
        decode(b"a" * 100, "x.txt", max_bytes=10)


def test_form_feeds_and_tabs():
    assert decode(b"1. Memo\fText\tx").text == "1. Memo\n\nText    x"


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(order):
    """Text a Windows tool saved as "Unicode" without a BOM: every other byte is NUL."""
    src = decode("1. Memo — café, Panamá\n\nText.".encode(order), "x.txt")
    assert src.text == "1. Memo — café, Panamá\n\nText."
    assert src.encoding == "utf-16" and any("no byte order mark" in n for n in src.notes)


@pytest.mark.parametrize("data", [
    b"\x00\x00abc\x00", bytes(range(256)) * 4, b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00",
    "1. Memo".encode("utf-16-le") + b"\x00",  # odd length
])
def test_nul_bytes_that_are_not_utf16_stay_binary(data):
    with pytest.raises(InputError, match="binary"):
        decode(data, "x.bin")
