"""The print volume at scale: the dev set repeated into a ~1,000-page book.

Converts ``--docs`` renumbered copies of the dev documents (bench/corpus.py) to TEI,
then runs ``render_pdf`` on them in a fresh process pinned to one core (the processes
that typeset its parts inherit the pin), so its time and memory are the publisher's
own. Memory is the peak of the sum over the render process and its children, sampled
from /proc every 20 ms; the largest single process is reported beside it. Reports
pages, seconds, pages/s, how many footnotes ended on another page than their reference
and how many document headings are split over two pages (both should be 0). On a
shared machine the wall time follows the load; the CPU time of the render and its
children is reported beside it.
The issue's goal: a 1,000-page volume in < 15 s and < 1 GB on one core.

    .venv/bin/python bench/pdf_bench.py [--docs 560] [--json bench/pdf_results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import make_corpus
from memory import tree_rss_mib

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("TEIWRIGHT_SHARED", HERE.parent.parent / "shared"))
DEV = SHARED / "frus-dev"
TARGETS = {"seconds": 15.0, "peak_mib": 1024.0, "pages": 1000}

_RENDER = """
import os, sys, time
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from teiwright.publishers.pdf import render_pdf
files = sorted(Path(sys.argv[1]).glob("d*.xml"), key=lambda p: int(p.stem[1:]))
start = time.perf_counter()
render_pdf(files, Path(sys.argv[2]), persons=Path(sys.argv[3]), terms=Path(sys.argv[4]),
           fixed_date="2025-01-01")
print(time.perf_counter() - start)
"""


def convert(texts: list[Path], out: Path) -> None:
    """The corpus as TEI, as ``teiwright convert`` writes it (not timed)."""
    from teiwright.atomic import write_atomic
    from teiwright.config import VolumeConfig
    from teiwright.core import Converter

    conv = Converter(VolumeConfig(), persons_path=DEV / "persons.xml",
                     terms_path=DEV / "terms.xml")
    for path in texts:
        write_atomic(out / f"{path.stem}.xml", conv.convert_file(path).to_bytes())


def run_sampled(command: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``command``; return its result and the peak memory of its process tree."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss_mib(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    sampler.join()
    return subprocess.CompletedProcess(command, process.returncode, out, err), peak


def headings_split(pdf: Path, tei: Path) -> int:
    """How many document headings do not stand whole on the page they start on."""
    import pypdf
    from lxml import etree

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from support import split_headings

    heads = {}
    for path in tei.glob("d*.xml"):
        div = etree.parse(str(path)).find(".//{*}div[@type='document']")
        heads[div.get("{http://www.w3.org/XML/1998/namespace}id")] = "".join(div.xpath(
            "*[local-name()='head'][1]//text()[not(ancestor::*[local-name()='note'])]"))
    return len(split_headings(pypdf.PdfReader(pdf), heads))


def footnotes_apart(pdf: Path) -> tuple[int, int]:
    """(footnotes, footnotes whose entry is on another page than the reference).

    Typst links each footnote entry's number back to its reference: the back link's
    target is the reference's own link rectangle, which no other link targets.
    """
    import pypdf

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from support import footnote_pages

    back = footnote_pages(pypdf.PdfReader(pdf))
    return len(back), sum(1 for i, target in back if i != target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=560, help="documents in the volume")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    import pypdf

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        texts = make_corpus(DEV / "text", work / "text", args.docs)
        convert(texts, work / "tei")
        pdf = work / "volume.pdf"
        run, peak = run_sampled([sys.executable, "-c", _RENDER, str(work / "tei"), str(pdf),
                                 str(DEV / "persons.xml"), str(DEV / "terms.xml")])
        if run.returncode:
            raise SystemExit(f"render failed:\n{run.stderr}")
        seconds = float(run.stdout.strip().splitlines()[-1])
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        pages = len(pypdf.PdfReader(pdf).pages)
        notes, apart = footnotes_apart(pdf)
        split = headings_split(pdf, work / "tei")
        results = {"documents": args.docs, "pages": pages, "seconds": round(seconds, 2),
                   "cpu_seconds": round(child.ru_utime + child.ru_stime, 2),
                   "load_average": round(os.getloadavg()[0], 2),
                   "pages_per_s": round(pages / seconds, 1), "peak_mib": round(peak, 1),
                   "largest_process_mib": round(child.ru_maxrss / 1024, 1),
                   "pdf_mib": round(pdf.stat().st_size / 2**20, 2), "footnotes": notes,
                   "footnotes_apart": apart, "headings_split": split, "targets": TARGETS,
                   "met": seconds < TARGETS["seconds"] and peak < TARGETS["peak_mib"]
                   and pages >= TARGETS["pages"] and apart == 0 and split == 0}
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"bench total {time.perf_counter() - start:.1f} s", file=sys.stderr)
