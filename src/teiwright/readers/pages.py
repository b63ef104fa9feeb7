"""Page markers: ``[Page N]`` wherever it stands, taken out of the text as offsets.

The reader removes markers before anything else looks at the text, so that a name
broken across pages (``Guillermo [Page 767] Lohmann Villena``) or a word split by a
page (``con[Page 75]cluded``) reads whole to every later pass. Only the marker's own
characters go: the whitespace around it stays exactly as it was.
"""

from __future__ import annotations

import re

PAGE_MARKER = re.compile(r"\[Page\s+([0-9]+|[ivxlcdmIVXLCDM]+)\]")
"""``[Page 70]``, ``[Page xii]``: the printed volume's page numbers, arabic or roman."""


def extract_pages(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Return ``text`` without page markers, and (offset, page number) for each marker."""
    out: list[str] = []
    pages: list[tuple[int, str]] = []
    pos = 0
    length = 0
    for m in PAGE_MARKER.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pages.append((length, m.group(1)))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), pages


def is_page_line(line: str) -> str | None:
    """The page number if ``line`` holds nothing but one page marker."""
    m = PAGE_MARKER.fullmatch(line.strip())
    return m.group(1) if m else None
