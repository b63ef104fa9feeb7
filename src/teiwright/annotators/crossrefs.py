"""Cross-references: ``Document 33`` and ``footnote 2, Document 21`` become ``ref`` links.

FRUS editors link every mention of another document of the same volume; web
editions turn these into links. This pass only marks references the text states
plainly; a reference to another volume (``Foreign Relations, 1964–1968, vol. XXXI,
… Document 421``) is left alone, since its target lies outside the volume.
"""

from __future__ import annotations

import re

from ..model import Document, Ref
from . import Band, Context

DOC_REF = re.compile(r"(?:(?P<fn>footnotes?\s+(?P<fnn>\d+)),\s+)?Documents?\s+(?P<n>\d+)")
SENTENCE_END = re.compile(r"(?<!\bvol)(?<!\bpp)(?<!\bp)(?<!\bno)\.\s+")
OTHER_VOLUME = re.compile(r"Foreign Relations|\bvol\.\s")


class CrossReferences:
    """Links ``Document N`` (and ``footnote K, Document N``) to ``#dN`` / ``#dNfnK``."""

    name = "crossrefs"
    priority = Band.STRUCTURE

    def apply(self, doc: Document, ctx: Context) -> None:
        for container in doc.containers():
            if "Document" not in container.text:
                continue  # every reference says ``Document``: spares the search elsewhere
            for m in DOC_REF.finditer(container.text):
                before = container.text[:m.start()]
                ends = list(SENTENCE_END.finditer(before))
                if OTHER_VOLUME.search(before[ends[-1].end():] if ends else before):
                    continue
                target = f"#d{m.group('n')}"
                if m.group("fnn"):
                    target += f"fn{m.group('fnn')}"
                container.add(Ref(container.lines, start=m.start(), end=m.end(),
                                  source=self.name, target=target))
