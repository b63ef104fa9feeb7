"""Hostile XML for everything that reads XML: refused in one line, nothing fetched.

Each attack is aimed at a secret the parser must never open (a FIFO: opening it for
reading would block, so a hang would expose a read) and at a local port that must
never see a connection.
"""

from __future__ import annotations

import codecs
import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from teiwright.errors import HostileXMLError, TeiwrightError
from teiwright.registers.persons import load_persons
from teiwright.registers.terms import load_terms
from teiwright.xmlsafe import MAX_XML_BYTES, parse_bytes, parse_file

from support import run_cli

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


@dataclass(frozen=True)
class Target:
    """What an attack reaches for: a file path and a local URL."""

    secret: Path
    url: str


LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
ATTACKS: dict[str, Callable[[Target], bytes]] = {
    "external entity, file": lambda t: (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{t.secret}">]><TEI {TEI}>&x;</TEI>').encode(),
    "external entity, network": lambda t: (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{t.url}/x">]><TEI {TEI}>&x;</TEI>').encode(),
    "external DTD, network": lambda t: (
        f'<!DOCTYPE TEI SYSTEM "{t.url}/tei.dtd"><TEI {TEI}/>').encode(),
    "parameter entity": lambda t: (
        f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file://{t.secret}"> %p;]><TEI {TEI}/>').encode(),
    "billion laughs": lambda t: (
        f'<!DOCTYPE TEI [<!ENTITY l0 "ha">{LAUGHS}]><TEI {TEI}>&l9;</TEI>').encode(),
    "DOCTYPE after 8 kB of comment": lambda t: (
        f'<!--{"x" * 8192}--><!DOCTYPE TEI SYSTEM "{t.url}/tei.dtd">'
        f'<TEI {TEI}/>').encode(),
    "DTD default attribute, late": lambda t: (
        f'<!--{"x" * 8192}--><!DOCTYPE TEI [<!ATTLIST TEI rend CDATA "injected">]>'
        f'<TEI {TEI}/>').encode(),
    "entity in UTF-16": lambda t: codecs.BOM_UTF16_LE + (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE TEI [<!ENTITY x SYSTEM '
        f'"file://{t.secret}">]><TEI {TEI}>&x;</TEI>').encode("utf-16-le"),
    "huge attribute value": lambda t: b'<TEI a="' + b"x" * (20 * 1024 * 1024) + b'"/>',
    "deep nesting": lambda t: b"<a>" * 100_000 + b"</a>" * 100_000,
}


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    secret = tmp_path / "secret"
    os.mkfifo(secret)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield Target(secret, f"http://127.0.0.1:{server.getsockname()[1]}")
        server.settimeout(0.2)
        with pytest.raises(TimeoutError):  # nobody may have connected
            server.accept()


def refused(call: Callable[[], object]) -> str:
    """Run ``call``, expect teiwright's refusal quickly, and return its message."""
    start = time.perf_counter()
    with pytest.raises(TeiwrightError) as info:
        call()
    assert time.perf_counter() - start < 5
    message = str(info.value)
    assert message and "\n" not in message
    return message


@pytest.mark.parametrize("attack", ATTACKS)
def test_xmlsafe_refuses(attack: str, target: Target):
    data = ATTACKS[attack](target)
    message = refused(lambda: parse_bytes(data, "hostile.xml"))
    assert message.startswith("hostile.xml")


@pytest.mark.parametrize("attack", ["external entity, file", "DTD default attribute, late",
                                    "entity in UTF-16", "deep nesting"])
def test_refusals_are_hostile_xml_errors(attack: str, target: Target):
    with pytest.raises(HostileXMLError):
        parse_bytes(ATTACKS[attack](target), "hostile.xml")


def test_xinclude_stays_an_inert_element(target: Target):
    data = (f'<TEI {TEI} xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<xi:include href="file://{target.secret}" parse="text"/></TEI>').encode()
    root = parse_bytes(data).getroot()
    assert etree.QName(root[0]).localname == "include"


@pytest.mark.parametrize("attack", ["external entity, file", "external DTD, network",
                                    "billion laughs"])
def test_text_command_refuses(attack: str, target: Target, tmp_path: Path):
    hostile = tmp_path / "hostile.xml"
    hostile.write_bytes(ATTACKS[attack](target))
    res = run_cli("text", str(hostile), timeout=60)
    assert res.returncode == 2 and res.stdout == b""
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "not accepted" in lines[0]


@pytest.mark.parametrize("loader", [load_persons, load_terms])
@pytest.mark.parametrize("attack", ["external entity, file", "parameter entity",
                                    "billion laughs", "DTD default attribute, late",
                                    "deep nesting"])
def test_registers_refuse(loader: Callable[[Path], object], attack: str, target: Target,
                          tmp_path: Path):
    hostile = tmp_path / "register.xml"
    hostile.write_bytes(ATTACKS[attack](target))
    assert str(hostile) in refused(lambda: loader(hostile))


def test_convert_with_a_hostile_register(target: Target, tmp_path: Path):
    hostile = tmp_path / "persons.xml"
    hostile.write_bytes(ATTACKS["external entity, network"](target))
    doc = tmp_path / "d1.txt"
    doc.write_text("1. Memo\n\nText.\n")
    res = run_cli("convert", str(doc), "-o", str(tmp_path / "out"), "--persons", str(hostile),
                  timeout=60)
    assert res.returncode == 2
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "persons.xml" in lines[0] and "not accepted" in lines[0]
    assert not (tmp_path / "out").exists()


def test_oversized_xml_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(MAX_XML_BYTES + 1)  # sparse: reading it would cost the memory
    assert "larger than" in refused(lambda: parse_file(big))


@pytest.mark.parametrize("command", [("validate",), ("render", "html", "-o", "{out}")],
                         ids=["validate", "render html"])
@pytest.mark.parametrize("attack", ["external entity, file", "external DTD, network",
                                    "parameter entity", "billion laughs",
                                    "DTD default attribute, late", "entity in UTF-16"])
def test_publishing_commands_refuse(command: tuple[str, ...], attack: str, target: Target,
                                    tmp_path: Path):
    hostile = tmp_path / "d1.xml"
    hostile.write_bytes(ATTACKS[attack](target))
    out = tmp_path / "out"
    args = [arg.format(out=out) for arg in command]
    res = run_cli(*args, str(hostile), timeout=60)
    assert res.returncode != 0
    assert b"not accepted" in res.stdout + res.stderr
    assert not out.exists()
