"""Parsing XML that comes from outside: no DTDs, no entities, no network, bounded size.

Every XML file teiwright reads (TEI to validate or render, registers) goes through
here, so a hostile file (external entities, billion laughs, network DTDs) is refused
with one clear error instead of being resolved.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from lxml import etree

from .errors import HostileXMLError, InputError

MAX_XML_BYTES = 256 * 1024 * 1024
HUGE_HINT = re.compile(r"^Resource limit exceeded: |,? (?:use|try) XML_PARSE_HUGE.*$")


def _parser() -> etree.XMLParser:
    # collect_ids=False: a repeated xml:id is a validity problem (reported by the
    # Schematron rules at its place), not a reason to refuse the file as malformed
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_blank_text=False,
                           collect_ids=False)


def parse_bytes(data: bytes, name: str = "-") -> etree._ElementTree:
    """Parse ``data`` safely; DOCTYPEs and entity declarations are refused outright."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{name}: XML file larger than {MAX_XML_BYTES} bytes")
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise HostileXMLError(f"{name}: DOCTYPE or entity declarations are not accepted")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        col = exc.position[1] if exc.position else 0
        msg = " ".join(exc.msg.split())  # libxml2 messages may span lines
        if "XML_PARSE_HUGE" in msg:  # libxml2's depth and size limits
            reason = HUGE_HINT.sub("", msg)
            raise HostileXMLError(f"{name}:{line}:{col}: exceeds a safety limit ({reason})"
                                  ) from None
        raise InputError(f"{name}:{line}:{col}: not well-formed XML: {msg}") from None
    # the byte check above cannot see a DOCTYPE late in the file or in UTF-16/32;
    # the parser resolved nothing, but a DTD could still have added default attributes
    docinfo = root.getroottree().docinfo
    # lxml-stubs 0.5 does not declare DocInfo.doctype
    if cast(Any, docinfo).doctype or docinfo.internalDTD is not None:
        raise HostileXMLError(f"{name}: DOCTYPE or entity declarations are not accepted")
    return etree.ElementTree(root)


def parse_file(path: Path) -> etree._ElementTree:
    """Read and parse one XML file safely; the tree keeps ``path`` as its base URL."""
    try:
        if Path(path).stat().st_size > MAX_XML_BYTES:  # refuse before reading it all
            raise InputError(f"{path}: XML file larger than {MAX_XML_BYTES} bytes")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    tree = parse_bytes(data, str(path))
    tree.getroot().getroottree().docinfo.URL = str(path)
    return tree
