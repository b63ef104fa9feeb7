"""Typeset one part of the print volume with Typst, here or in a fresh process.

Typst keeps every layout it memoises until its process ends (the ``typst`` wheel has
no call to evict them), so a 1,000-page book compiled at once holds about a gigabyte.
A volume is therefore typeset a part at a time; :func:`typeset_isolated` runs each part
in a process of its own, so memory stays that of the largest part. This module is
what such a process imports, so it stays light: typst and pikepdf, no Saxon.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, get_args

import pikepdf
import typst

from ..errors import TeiwrightError
from ..resources import data_dir

TYPST_DIR = data_dir("xslt") / "typst"
"""Root of every Typst compile: the stylesheets and ``layout.typ``."""


PdfStandard = Literal["a-2b", "a-2u", "a-2a", "a-3b", "a-3u", "a-3a"]
PDF_STANDARDS: tuple[PdfStandard, ...] = get_args(PdfStandard)
"""PDF/A conformance levels a volume may be written to (None writes plain PDF)."""


class PdfError(TeiwrightError):
    """Typst could not typeset the volume: a character PDF/A cannot embed, or a layout bug."""

    exit_code = 1


@dataclass(frozen=True)
class TypstOptions:
    """How every part of one volume is written, so that the parts can be joined."""

    pdf_standard: PdfStandard | None = "a-2b"
    tagged: bool = True
    timestamp: int | None = None


@dataclass(frozen=True)
class TypesetPart:
    """A typeset part: its PDF, its page count, and where each label is: its page
    (counting from 0) and the height of its destination on the page (PDF points)."""

    pdf: Path
    pages: int
    destinations: dict[str, tuple[int, float]]


def typeset(source: str, pdf: Path, options: TypstOptions) -> TypesetPart:
    """Compile ``source`` (Typst markup importing ``/layout.typ``) to ``pdf``.

    Typst reads fonts only from its wheel and files only under :data:`TYPST_DIR`, so a
    document can neither reach system fonts nor read files outside the layout folder.
    """
    try:
        compiler = typst.Compiler(root=str(TYPST_DIR), font_paths=[], ignore_system_fonts=True)
        data = compiler.compile(source.encode("utf-8"), format="pdf",
                                pdf_standards=options.pdf_standard,
                                timestamp=options.timestamp, pdf_tags=options.tagged)
    except typst.TypstError as exc:
        message = " ".join(str(exc.message).split())
        where = re.search(r":(\d+:\d+)\n", str(exc.diagnostic))
        hint = ("; PDF/A needs a glyph for every character, and the embedded fonts lack "
                "this one: write plain PDF (--pdf-standard none)") if "PDF/A" in message else ""
        raise PdfError(f"typst: {message}{hint}"
                       + (f" (generated source {where.group(1)})" if where else "")) from None
    if not isinstance(data, bytes):
        raise PdfError("typst returned no PDF")
    pdf.write_bytes(data)
    with pikepdf.open(pdf) as book:
        page_index = {page.obj.objgen: i for i, page in enumerate(book.pages)}
        destinations = {name: (page_index[dest[0].objgen],
                               float(dest[3]) if len(dest) > 3 else 0.0)
                        for name, dest in named_destinations(book).items()
                        if isinstance(dest, pikepdf.Array) and dest[0].objgen in page_index}
        return TypesetPart(pdf, len(book.pages), destinations)


def typeset_isolated(source: str, pdf: Path, options: TypstOptions) -> TypesetPart:
    """:func:`typeset` in a Python process of its own that ends with it, freeing Typst's
    memory. The source travels in a file beside ``pdf``, the result as JSON on stdout;
    the child gets this process's import path, so it runs the same teiwright."""
    typ = pdf.with_suffix(".typ")
    typ.write_text(source, encoding="utf-8")
    result = json.loads(run_module(__name__, str(typ), str(pdf), json.dumps(asdict(options))))
    return TypesetPart(pdf, int(result["pages"]), {
        name: (int(page), float(y)) for name, (page, y) in result["destinations"].items()})


def run_module(module: str, *args: str) -> str:
    """``python -m module args`` with this process's import path (so the child runs the
    same teiwright); its stdout, or a :class:`PdfError` with the last line it wrote to
    stderr, without the ``teiwright: error:`` prefix."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-m", module, *args], capture_output=True,
                          text=True, env=env, check=False)
    if done.returncode < 0:  # killed: by the kernel's out-of-memory killer, most often
        raise PdfError(f"the process typesetting the PDF was killed (signal "
                       f"{-done.returncode}); out of memory? try a smaller part size")
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise PdfError(lines[-1].removeprefix("teiwright: ").removeprefix("error: "))
    return done.stdout


def _main(argv: list[str]) -> int:
    """The child of :func:`typeset_isolated`: SOURCE PDF OPTIONS-JSON."""
    source, pdf, options = argv
    try:
        part = typeset(Path(source).read_text(encoding="utf-8"), Path(pdf),
                       TypstOptions(**json.loads(options)))
    except PdfError as exc:
        print(f"teiwright: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"pages": part.pages, "destinations": part.destinations}))
    return 0


def named_destinations(book: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """The PDF's named destinations (its ``/Dests`` name tree), by name."""
    names = book.Root.get("/Names")
    tree = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
    return {str(key): value for key, value in tree_entries(tree, "/Names")}


def tree_entries(node: pikepdf.Object | None,
                 kind: str) -> list[tuple[pikepdf.Object, pikepdf.Object]]:
    """The (key, value) pairs of a PDF name tree (``kind="/Names"``) or number tree
    (``"/Nums"``), leaves in order, intermediate ``/Kids`` followed."""
    if not isinstance(node, pikepdf.Dictionary):
        return []
    pairs: list[tuple[pikepdf.Object, pikepdf.Object]] = []
    flat = node.get(kind)
    if isinstance(flat, pikepdf.Array):
        items = list(flat)
        pairs.extend(zip(items[0::2], items[1::2], strict=False))
    for kid in node.get("/Kids", pikepdf.Array()):
        pairs.extend(tree_entries(kid, kind))
    return pairs


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
