"""Line and column of an element's start tag in the file it was parsed from.

libxml2 records each element's line but not its column, and reports grammar errors
with column 0; a linter's ``file:line:column`` needs both. The column is found by
looking for the element's start tag on its recorded line.
"""

from __future__ import annotations

import re
from typing import cast

from lxml import etree


class SourcePositions:
    """Maps elements of one parsed document to 1-based (line, column)."""

    def __init__(self, data: bytes, tree: etree._ElementTree) -> None:
        self._lines = data.decode("utf-8", errors="replace").splitlines()
        self._tree = tree

    def of(self, el: etree._Element) -> tuple[int, int]:
        # lxml-stubs 0.5 gives ``sourceline`` no type (``int | None`` only in a comment)
        line = cast("int | None", el.sourceline) or 1
        qname = _qname(el)
        starts = [m.start() + 1 for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>]|$)",
                                                     self._line(line))]
        if not starts:
            return line, self.first_tag(line)
        # Several start tags of this name on one line: take the one in document order.
        same = [e for e in self._tree.iter(el.tag)
                if e.sourceline == el.sourceline and isinstance(e.tag, str)]
        index = next((i for i, e in enumerate(same) if e is el), 0)
        return line, starts[min(index, len(starts) - 1)]

    def first_tag(self, line: int) -> int:
        """Column of the first start tag on ``line`` (1 if none): where grammar errors point."""
        text = self._line(line)
        m = re.search(r"<[^/!?]", text)
        return m.start() + 1 if m else 1

    def _line(self, line: int) -> str:
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""


def _qname(el: etree._Element) -> str:
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local
