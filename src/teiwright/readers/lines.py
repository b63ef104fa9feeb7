"""Source lines with their milestones: the reader's working material.

A ``Line`` is one input line after page markers and footnote markers have been taken
out; what was taken out stays attached as milestones at character offsets, so the
block parser can cut, join and classify lines without losing track of where a page
broke or a footnote was anchored.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TypeVar

from ..model import Milestone, TextContainer

_C = TypeVar("_C", bound=TextContainer)


@dataclass(slots=True)
class Line:
    """One source line: clean text, its milestones and its 1-based line number."""

    text: str
    lineno: int
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def cut(self, start: int, end: int | None = None) -> Line:
        """The part ``text[start:end]``; milestones outside it move to its nearer edge."""
        end = len(self.text) if end is None else end
        moved = [replace(ms, offset=min(max(ms.offset, start), end) - start)
                 for ms in self.milestones]
        return Line(self.text[start:end], self.lineno, moved)

    def split(self, at: int) -> tuple[Line, Line]:
        """Two lines, ``text[:at]`` and ``text[at:]``; a milestone at ``at`` goes left."""
        left = Line(self.text[:at], self.lineno,
                    [ms for ms in self.milestones if ms.offset <= at])
        right = Line(self.text[at:], self.lineno,
                     [replace(ms, offset=ms.offset - at) for ms in self.milestones
                      if ms.offset > at])
        return left, right

    def trimmed(self) -> Line:
        """The line without surrounding whitespace."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.cut(left, max(left, right))

    def remove(self, start: int, end: int) -> None:
        """Delete ``text[start:end]`` (a footnote marker), shifting later milestones."""
        width = end - start
        self.text = self.text[:start] + self.text[end:]
        for ms in self.milestones:
            if ms.offset >= end:
                ms.offset -= width
            elif ms.offset > start:
                ms.offset = start


def fill(container: _C, lines: list[Line], sep: str = "\n") -> _C:
    """Give ``container`` the joined text of ``lines`` and their milestones."""
    parts: list[str] = []
    pos = 0
    for i, line in enumerate(lines):
        if i:
            parts.append(sep)
            pos += len(sep)
        for ms in line.milestones:
            ms.offset += pos
            container.inlines.append(ms)
        parts.append(line.text)
        pos += len(line.text)
    container.text = "".join(parts)
    if lines:
        container.lines = (lines[0].lineno, lines[-1].lineno)
    return container
