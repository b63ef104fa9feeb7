"""A benchmark corpus: the dev set scaled up by renumbering copies of its documents.

Copy k of a document gets a new document number (in the heading and the file name) and
its printed pages moved on, so the corpus reads like one long volume: numbers and page
breaks never repeat, and every document still exercises the converter as the original.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEAD = re.compile(r"^(\d+)\.(?= )", re.MULTILINE)
"""The heading's number: the first line that starts with one (a page marker may precede)."""
_PAGE = re.compile(r"\[Page (\d+)\]")


def renumber(text: str, number: int, page_shift: int) -> str:
    """``text`` as document ``number`` with every arabic page number moved by ``page_shift``."""
    text = _HEAD.sub(f"{number}.", text, count=1)
    return _PAGE.sub(lambda m: f"[Page {int(m[1]) + page_shift}]", text)


def make_corpus(source: Path, dest: Path, count: int) -> list[Path]:
    """Write ``count`` documents (``d1.txt`` …) into ``dest`` from the texts in ``source``."""
    originals = sorted(source.glob("*.txt"))
    if not originals:
        raise SystemExit(f"{source}: no .txt documents to scale")
    dest.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in originals]
    written = []
    for i in range(count):
        rounds, idx = divmod(i, len(texts))
        path = dest / f"d{i + 1}.txt"
        path.write_text(renumber(texts[idx], i + 1, rounds * 1000), encoding="utf-8")
        written.append(path)
    return written
