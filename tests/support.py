"""Shared helpers for the tests: fixture files, the shared data folder, the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TEIWRIGHT_SHARED", ROOT.parent / "shared"))
DEV_TEXT = SHARED / "frus-dev" / "text"
DEV_GOLD = SHARED / "frus-dev" / "gold"
DEV_PERSONS = SHARED / "frus-dev" / "persons.xml"
DEV_TERMS = SHARED / "frus-dev" / "terms.xml"
SEEDS = SHARED / "seeds"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
ARTIFACTS = Path(os.environ.get("TEIWRIGHT_ARTIFACTS", ROOT / "test-artifacts"))
"""Where tests leave images for a person to look at (a PDF page, a browser screenshot)."""


def artifact(name: str) -> Path:
    """A path in :data:`ARTIFACTS` for ``name``; each run replaces the last one's file."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


@dataclass
class FixtureCase:
    """One case of a fixture file: title, input and expected output, with its line."""

    line: int
    title: str
    input: str
    expected: str


def read_fixture_file(path: Path) -> list[FixtureCase]:
    """Parse markdown-it-py style fixtures: title, '.', input, '.', expected, '.'."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[FixtureCase] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i + 1
        i += 1
        if i >= len(lines) or lines[i] != ".":
            raise ValueError(f"{path}:{i + 1}: expected '.' after the title")
        parts: list[list[str]] = [[], []]
        for part in parts:
            i += 1
            while i < len(lines) and lines[i] != ".":
                part.append(lines[i])
                i += 1
        i += 1
        cases.append(FixtureCase(start, title, "\n".join(parts[0]), "\n".join(parts[1])))
    return cases


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m teiwright ARGS`` as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "teiwright", *args], input=input,
                          capture_output=True, cwd=cwd, timeout=timeout, check=False)


def fragment(el: etree._Element) -> str:
    """An element serialised without namespace declarations, for readable assertions."""
    text = etree.tostring(el, encoding="unicode", with_tail=False)
    return text.replace(f' xmlns="{TEI_NS}"', "")


def score_dev(converter: object, out: Path) -> dict[str, object]:
    """Convert the dev set with ``converter`` into ``out`` and score it with the reference
    scorer (``../shared/tools/frus_score.py``), so tests check the README's figures."""
    import json

    for path in sorted(DEV_TEXT.glob("*.txt")):
        result = converter.convert_file(path)  # type: ignore[attr-defined]
        (out / f"{path.stem}.xml").write_bytes(result.to_bytes())
    scorer = SHARED / "tools" / "frus_score.py"
    res = subprocess.run([sys.executable, str(scorer), str(DEV_GOLD), str(out)],
                         capture_output=True, text=True, check=True)
    scores: dict[str, object] = json.loads(res.stdout)
    return scores


def footnote_pages(reader: Any) -> list[tuple[int, int]]:
    """(page of the footnote entry, page of its reference) for every footnote of a PDF.

    ``reader`` is a ``pypdf.PdfReader``; the PDF tests and ``bench/pdf_bench.py`` share this.

    Typst links an entry's number back to its reference, and that link's target is the
    top-left corner of the reference's own link rectangle; no other link targets a link.
    """
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    links = []
    for i, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            dest = annot.get("/Dest")
            dest = dest.get_object() if dest is not None else None
            if annot.get("/Subtype") == "/Link" and isinstance(dest, list):
                rect = [float(v) for v in annot["/Rect"]]
                links.append((i, rect, page_of[dest[0].idnum], float(dest[2]), float(dest[3])))
    corners: dict[int, list[tuple[float, float]]] = {}
    for i, rect, *_ in links:
        corners.setdefault(i, []).append((rect[0], rect[3]))
    return [(i, target) for i, _, target, x, y in links
            if any(abs(cx - x) < 0.1 and abs(cy - y) < 1.5 for cx, cy in corners.get(target, []))]


def tagging_problems(pdf: Path) -> list[str]:
    """What is wrong with a tagged PDF's structure tree, read with pikepdf (none: [])."""
    import pikepdf

    problems: list[str] = []
    with pikepdf.open(pdf) as book:
        tree = book.Root.StructTreeRoot
        nums = list(tree.ParentTree.Nums)
        keys = [int(k) for k in nums[0::2]]
        if len(set(keys)) != len(keys):
            problems.append("a parent-tree key is used twice")
        if int(tree.ParentTreeNextKey) <= max(keys, default=-1):
            problems.append("ParentTreeNextKey is not past the last key")
        pages = {page.obj.objgen for page in book.pages}
        used = []
        for page in book.pages:
            if "/StructParents" in page.obj:
                used.append(int(page.obj.StructParents))
            used += [int(a.StructParent) for a in page.obj.get("/Annots", [])
                     if "/StructParent" in a]
        if set(used) - set(keys) or len(set(used)) != len(used):
            problems.append("pages or links point at missing or shared parent-tree keys")
        top = tree.K
        if len(top) != 1 or top[0].S != "/Document":
            problems.append("the tree has no single Document element")
        stack = [(top[0], tree)]
        while stack:
            element, parent = stack.pop()
            if not isinstance(element, pikepdf.Dictionary):
                continue
            if "/Pg" in element and element.Pg.objgen not in pages:
                problems.append("an element names a page the book does not have")
            if element.get("/Type") in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
                continue
            if "/P" in element and element.P.objgen != parent.objgen:
                problems.append(f"a {element.get('/S')} element names the wrong parent")
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                stack.append((kid, element))
        ids = [str(k) for k in tree.IDTree.Names[0::2]] if "/IDTree" in tree else []
        if len(set(ids)) != len(ids):
            problems.append("a structure id is used twice")
    return problems


def split_headings(reader: Any, heads: dict[str, str]) -> list[str]:
    """Labels of the documents whose heading does not stand whole on the page its named
    destination opens (``heads``: label → heading text without notes)."""
    import re

    def flat(text: str) -> str:  # line breaks and hyphenation differ from the TEI
        return re.sub(r"[\s\-\u00ad\u2010]+", "", text)

    split = []
    for label, head in heads.items():
        page = reader.get_destination_page_number(reader.named_destinations[label])
        if flat(head) not in flat(reader.pages[page].extract_text()):
            split.append(label)
    return split
