"""Benchmark ``render html`` against the TEI Stylesheets' ``html.xsl`` on the same TEI.

Both stylesheets are compiled once and run by saxonche in this one process over the
same parsed documents; throughput is documents per second over several warm rounds.
Beside speed, the script counts what each output offers a reader (linked persons,
machine-readable dates, expanded abbreviations, two-way notes, page anchors), so
"faster" can be checked against "richer".

    .venv/bin/python bench/html_bench.py [TEI_DIR] [--rounds 5] [--json out.json]

Without TEI_DIR the dev set is converted first (with its registers).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import html5lib
from html5lib.constants import DataLossWarning

from teiwright.core import Converter
from teiwright.publishers.html import HtmlPublisher, load_document, render_site
from teiwright.publishers.xslt import Stylesheet

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "frus-dev"
PEER = SHARED / "peers" / "tei-stylesheets" / "html" / "html.xsl"

FEATURES: dict[str, str] = {
    "person links with tooltip": "//a[contains(@href, '#p_')][@title]",
    "dates with datetime": "//time[@datetime]",
    "abbreviations expanded": "//abbr[@title]",
    "notes linked back to their reference": "//a[@role='doc-backlink' or @class='link_return']",
    "page breaks with anchors": "//*[@id][starts-with(@id, 'pg_')]",
    "previous/next links": "//a[@rel='prev' or @rel='next']",
}


def convert_dev(folder: Path) -> list[Path]:
    converter = Converter(persons_path=DEV / "persons.xml", terms_path=DEV / "terms.xml")
    paths = []
    for source in sorted((DEV / "text").glob("*.txt")):
        path = folder / f"{source.stem}.xml"
        path.write_bytes(converter.convert_file(source).to_bytes())
        paths.append(path)
    return paths


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def rate(run: Callable[[], list[str]], docs: int, rounds: int) -> tuple[float, list[str]]:
    """Median documents per second over ``rounds`` warm runs (one warm-up run first)."""
    outputs = run()
    times = [timed(run) for _ in range(rounds)]
    return docs / statistics.median(times), outputs


def features(pages: list[str]) -> dict[str, int]:
    # the peer writes xml:lang into HTML, which html5lib's lxml tree can only coerce
    warnings.filterwarnings("ignore", category=DataLossWarning)
    counts = dict.fromkeys(FEATURES, 0)
    for page in pages:
        tree = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
        for name, xpath in FEATURES.items():
            counts[name] += len(tree.xpath(xpath))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tei_dir", nargs="?", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        paths = (sorted(args.tei_dir.glob("*.xml")) if args.tei_dir
                 else convert_dev(Path(tmp)))
        docs = [load_document(p) for p in paths]

        compile_ours = time.perf_counter()
        ours = HtmlPublisher(persons=DEV / "persons.xml", terms=DEV / "terms.xml")
        compile_ours = time.perf_counter() - compile_ours
        ours.stylesheet.set_param("documents", [d.node for d in docs])

        compile_peer = time.perf_counter()
        peer = Stylesheet(PEER)
        compile_peer = time.perf_counter() - compile_peer

        ours_rate, ours_pages = rate(
            lambda: [ours.stylesheet.transform(d.node) for d in docs], len(docs), args.rounds)
        peer_rate, peer_pages = rate(
            lambda: [peer.transform(d.node) for d in docs], len(docs), args.rounds)
        site_rate, _ = rate(
            lambda: [str(p) for p in render_site(paths, Path(tmp) / "site",
                                                 persons=DEV / "persons.xml",
                                                 terms=DEV / "terms.xml")],
            len(docs), args.rounds)

    figures = {
        "documents": len(docs),
        "rounds": args.rounds,
        "compile_s": {"teiwright": round(compile_ours, 3),
                      "tei-stylesheets": round(compile_peer, 3)},
        "docs_per_s": {"teiwright": round(ours_rate, 1), "tei-stylesheets": round(peer_rate, 1),
                       "teiwright full site (parse, compile, write)": round(site_rate, 1)},
        "speedup": round(ours_rate / peer_rate, 1),
        "features": {"teiwright": features(ours_pages), "tei-stylesheets": features(peer_pages)},
    }
    print(f"{len(docs)} documents, median of {args.rounds} warm rounds, one process")
    print(f"{'':44}{'teiwright':>12}{'TEI html.xsl':>14}")
    print(f"{'compile (s)':44}{compile_ours:>12.2f}{compile_peer:>14.2f}")
    print(f"{'documents/s':44}{ours_rate:>12.1f}{peer_rate:>14.1f}")
    print(f"{'speed-up':44}{ours_rate / peer_rate:>11.1f}×")
    print(f"{'full site incl. parse+compile+write (docs/s)':44}{site_rate:>12.1f}")
    for name in FEATURES:
        print(f"{name:44}{figures['features']['teiwright'][name]:>12}"
              f"{figures['features']['tei-stylesheets'][name]:>14}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
