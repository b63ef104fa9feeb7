"""teiwright's speed and memory on a corpus of the dev set scaled to N documents.

Measures, each in a fresh process so its peak memory is its own:

* convert (the build's convert stage) on one core and on all cores: documents/s;
* validate (RELAX NG + Schematron) on all cores: documents/s;
* html (the whole site): documents/s;
* pdf (a volume of the first ``--pdf-docs`` documents): pages/s;
* the whole ``teiwright build`` (convert, volume, validate, html, pdf), and the same
  without the PDF: seconds.

A stage whose memory passes ``--max-mib`` is stopped and reported as failed.

Usage: python bench/run.py [--docs 2000] [--pdf-docs 200] [--json bench/results.json]
A stage whose module is missing is reported as unavailable, not as a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from memory import tree_rss_mib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("TEIWRIGHT_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "frus-dev"
ALL_STAGES = ("volume", "validate", "html", "pdf")
TARGETS = {"convert_1core": ("docs_per_s", 300.0), "pipeline": ("seconds", 60.0),
           "pipeline_no_pdf": ("seconds", 60.0)}
"""The issue's goals: ≥ 300 documents/s on one core; the whole build < 60 s."""


def _peak_mib() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)  # Linux reports KiB


def _registers() -> dict[str, Path]:
    return {"persons": DEV / "persons.xml", "terms": DEV / "terms.xml"}


def measure(stage: str, corpus: Path, work: Path, jobs: int, pdf_docs: int) -> dict[str, Any]:
    """Run one stage in this process and time it (called in a child process)."""
    from teiwright.build import BuildOptions, build

    tei_dir = work / "base" / "tei"
    tei = sorted(tei_dir.glob("*.xml"), key=lambda p: int(p.stem[1:]))
    if stage.startswith("convert"):
        opts = BuildOptions(jobs=jobs, skip=ALL_STAGES, force=True, **_registers())
        report = build(corpus, work / stage, opts)
        seconds = report.stages["convert"].seconds
        n = len(report.documents)
        return {"docs": n, "seconds": seconds, "docs_per_s": n / seconds, "jobs": jobs}
    if stage.startswith("pipeline"):
        skip = ("pdf",) if stage == "pipeline_no_pdf" else ()
        opts = BuildOptions(jobs=jobs, force=True, skip=skip, **_registers())
        report = build(corpus, work / stage, opts)
        stages = {k: {"status": v.status, "seconds": round(v.seconds, 2)}
                  for k, v in report.stages.items()}
        return {"docs": len(report.documents), "seconds": report.seconds, "jobs": jobs,
                "stages": stages, "exit_code": report.exit_code}
    t0 = time.perf_counter()
    if stage == "validate":
        from teiwright.validate import validate_paths

        validate_paths(tei, jobs=jobs, registers=list(_registers().values()))
        seconds = time.perf_counter() - t0
        return {"docs": len(tei), "seconds": seconds, "docs_per_s": len(tei) / seconds,
                "jobs": jobs}
    if stage == "html":
        from teiwright.publishers.html import render_site

        files = render_site(tei, work / "html", site_title="bench", **_registers())
        seconds = time.perf_counter() - t0
        return {"docs": len(tei), "files": len(files), "seconds": seconds,
                "docs_per_s": len(tei) / seconds}
    if stage == "pdf":
        from pypdf import PdfReader

        from teiwright.publishers.pdf import render_pdf

        pdf = render_pdf(tei[:pdf_docs], work / "volume.pdf", title="bench",
                         fixed_date="2026-01-01", **_registers())
        seconds = time.perf_counter() - t0
        pages = len(PdfReader(str(pdf)).pages)
        return {"docs": min(pdf_docs, len(tei)), "pages": pages, "seconds": seconds,
                "pages_per_s": pages / seconds}
    raise SystemExit(f"unknown stage {stage}")


MODULES = {"validate": "teiwright.validate", "html": "teiwright.publishers.html",
           "pdf": "teiwright.publishers.pdf"}


def _child(stage: str, args: argparse.Namespace, corpus: Path, work: Path,
           jobs: int) -> dict[str, Any]:
    """Run ``measure`` in a new interpreter; its JSON line plus its peak memory."""
    import importlib.util

    module = MODULES.get(stage)
    if module and importlib.util.find_spec(module) is None:
        return {"status": "unavailable", "detail": f"{module} not installed"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage, "--corpus",
           str(corpus), "--work", str(work), "--jobs", str(jobs), "--pdf-docs",
           str(args.pdf_docs)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        peak = _watch(proc, args.max_mib)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if peak > args.max_mib:
        return {"status": "failed", "detail": f"stopped: memory above {args.max_mib} MiB"}
    if proc.returncode != 0:
        tail = (stderr.strip().splitlines() or ["?"])[-1]
        return {"status": "failed", "detail": tail[:200]}
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    # the child knows its own exact peak; the sampled sum also counts its children
    result["peak_mib"] = max(result["peak_mib"], round(peak, 1))
    result["status"] = "ok"
    return result


def _watch(proc: subprocess.Popen[str], limit_mib: int) -> float:
    """Wait for ``proc``; kill it if its memory passes ``limit_mib`` (the machine is
    shared: a runaway stage must fail, not push everyone else into swap or the OOM killer).
    Returns the highest memory seen, over the stage and the processes it started."""
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mib(proc.pid))
        if peak > limit_mib:
            proc.kill()
            proc.wait()
            break
        time.sleep(0.05)
    return peak


def table(results: dict[str, Any]) -> str:
    lines = [f"teiwright benchmark: {results['docs']} documents, {results['cores']} cores, "
             f"Python {results['python']}",
             f"{'stage':<15} {'status':<12} {'items':>6} {'seconds':>8} {'rate':>16} "
             f"{'peak MiB':>9}"]
    for name, r in results["stages"].items():
        if r["status"] != "ok":
            lines.append(f"{name:<15} {r['status']:<12} {r.get('detail', '')}")
            continue
        if "pages_per_s" in r:
            rate = f"{r['pages_per_s']:.1f} pages/s"
            items = r["pages"]
        elif "docs_per_s" in r:
            rate = f"{r['docs_per_s']:.1f} docs/s"
            items = r["docs"]
        else:
            rate, items = "", r["docs"]
        lines.append(f"{name:<15} {'ok':<12} {items:>6} {r['seconds']:>8.2f} {rate:>16} "
                     f"{r['peak_mib']:>9.1f}")
        for stage, sub in r.get("stages", {}).items():  # the pipeline's own stages
            lines.append(f"  {stage:<13} {sub['status']:<12} {'':>6} {sub['seconds']:>8.2f}")
    for name, (key, goal) in TARGETS.items():
        r = results["stages"].get(name, {})
        if r.get("status") == "ok":
            met = r[key] >= goal if key.endswith("_per_s") else r[key] < goal
            lines.append(f"goal {name} {key} {'>=' if key.endswith('_per_s') else '<'} "
                         f"{goal:g}: {'met' if met else 'NOT met'} ({r[key]:.1f})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--pdf-docs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--max-mib", type=int, default=6000,
                        help="Stop a stage whose memory passes this many MiB.")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--stages", default="convert_1core,convert_all,validate,html,pdf,"
                        "pipeline_no_pdf,pipeline", help="Comma-separated stages to measure.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = measure(args.child, args.corpus, args.work, args.jobs, args.pdf_docs)
        result["peak_mib"] = _peak_mib()
        print(json.dumps(result))
        return

    sys.path.insert(0, str(HERE))
    from corpus import make_corpus
    from teiwright.build import BuildOptions, build

    results: dict[str, Any] = {"docs": args.docs, "cores": os.cpu_count(),
                               "python": sys.version.split()[0], "stages": {}}
    with tempfile.TemporaryDirectory(prefix="teiwright-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        make_corpus(DEV / "text", corpus, args.docs)
        # the TEI the later stages read: one build, not timed
        build(corpus, work / "base", BuildOptions(jobs=args.jobs, skip=ALL_STAGES,
                                                   **_registers()))
        for stage in args.stages.split(","):
            jobs = 1 if stage == "convert_1core" else args.jobs
            print(f"measuring {stage} ...", file=sys.stderr, flush=True)
            results["stages"][stage] = _child(stage, args, corpus, work, jobs)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
