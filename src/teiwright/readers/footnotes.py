"""Footnotes: split the numbered list off the end of a document, and find each marker.

FRUS web copies put a document's footnotes last, as an indented numbered list, and
leave the markers glued to the text (``State1``, ``(Europe/NATO),2``, ``Nixon1 2``).
Real numbers look much the same (``Telegram 311``, ``RG 59``, ``1973``), so markers
are placed as a whole: every note's candidate positions are collected, and the
cheapest increasing assignment wins, where a marker glued to a word or punctuation
costs nothing, one glued to a year (``December 19733``) costs a little, and a note
left unplaced costs most. Among equal costs the earliest position wins, which is
the rule a reader applies: note K's marker is the first plausible K after note K-1's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

NOTE_ITEM = re.compile(r"^[ \t]{1,3}(\d{1,6})\.[ \t]+(\S.*)$")
"""``  1. Source: …``: the first line of a footnote."""
NOTE_CONTINUATION = re.compile(r"^[ \t]{4,}(\S.*)$")
"""``    Source: …``: a further paragraph of the footnote above."""

GLUE_BEFORE = set(".,;:)]’”\"'!?…") | {"\u00a0"}
"""Characters a marker may follow (besides letters) in FRUS copies."""
STOP_AFTER = set(".,;:)]’”\"'!?—–-/ \t\n") | {"\u00a0"}
"""Characters that may follow a marker."""

YEAR = re.compile(r"1[7-9]\d\d|20\d\d")
"""A year a marker may be glued to (``in December 19733 was``)."""

COST_GLUED = 0
COST_CHAINED = 0
COST_YEAR = 2
COST_DECIMAL = 3
COST_UNPLACED = 10
MAX_COST_GAP = 32 * COST_UNPLACED
"""States costlier than the cheapest by more than this are dropped: only an assignment
that leaves 32 more notes unplaced than the best one could come back from there, and
keeping such states made placement quadratic in the number of notes."""


@dataclass(slots=True)
class RawNote:
    """A footnote as read from the list: number, paragraphs and their source lines."""

    n: int
    paragraphs: list[tuple[str, int]] = field(default_factory=list)
    """(text, 1-based line number) per paragraph."""


def split_notes(lines: list[str]) -> int:
    """Index of the first line of the trailing footnote list, or ``len(lines)`` if none.

    The list is the longest tail of the document made only of note items, indented
    continuation lines and blank lines, that starts with note 1.
    """
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip() or NOTE_CONTINUATION.match(line):
            continue
        m = NOTE_ITEM.match(line)
        if not m:
            break
        if m.group(1) == "1":
            start = i
    # the list must begin with an item, not a continuation
    return start


def parse_notes(lines: list[str], first_line: int) -> list[RawNote]:
    """Parse the footnote list; ``first_line`` is the 1-based number of ``lines[0]``."""
    notes: list[RawNote] = []
    blank = False
    for i, line in enumerate(lines):
        lineno = first_line + i
        if not line.strip():
            blank = True
            continue
        m = NOTE_ITEM.match(line)
        if m and (not notes or int(m.group(1)) == notes[-1].n + 1 or blank is False):
            notes.append(RawNote(int(m.group(1)), [(m.group(2).rstrip(), lineno)]))
        else:
            text = line.strip()
            if not notes:
                continue
            if blank:
                notes[-1].paragraphs.append((text, lineno))
            else:
                prev, pl = notes[-1].paragraphs[-1]
                notes[-1].paragraphs[-1] = (prev + "\n" + text, pl)
        blank = False
    return notes


@dataclass(slots=True, frozen=True)
class Candidate:
    """A place where note ``n``'s marker may stand in the joined text stream."""

    start: int
    end: int
    cost: int
    chained: bool = False
    """Preceded by a space right after the previous note's marker (``Nixon1 2``)."""


def index_candidates(stream: str) -> dict[int, list[Candidate]]:
    """Every plausible marker position in ``stream``, by the note number it could be.

    One pass over the digit runs, so that documents with thousands of notes cost no
    more than a scan per document.
    """
    found: dict[int, list[Candidate]] = {}
    for m in re.finditer(r"\d+", stream):
        s, e = m.start(), m.end()
        after = stream[e] if e < len(stream) else " "
        if after not in STOP_AFTER:
            continue
        run = m.group()
        before = stream[s - 1] if s else "\n"
        if before.isalpha() or before in GLUE_BEFORE:
            cost = COST_GLUED
            if before == "." and s >= 2 and stream[s - 2].isdigit() and _continues(stream, e):
                cost = COST_DECIMAL  # "3.5 million" reads as a decimal, not "3." + marker
            found.setdefault(int(run), []).append(Candidate(s, e, cost))
        elif before == " " and s >= 2 and stream[s - 2].isdigit():
            found.setdefault(int(run), []).append(Candidate(s - 1, e, COST_CHAINED, chained=True))
        if 5 <= len(run) <= 10 and YEAR.match(run) and run[4] != "0":
            found.setdefault(int(run[4:]), []).append(Candidate(s + 4, e, COST_YEAR))
    for cands in found.values():
        cands.sort(key=lambda c: c.start)
    return found


def _continues(stream: str, end: int) -> bool:
    """True if the sentence goes on after ``end`` (a lower-case word follows)."""
    rest = stream[end:end + 3].lstrip(" ")
    return bool(rest) and rest[0].islower()


@dataclass(slots=True)
class _State:
    end: int
    cost: int
    placed: Candidate | None
    note: int
    back: _State | None


def place_markers(stream: str, numbers: list[int]) -> list[Candidate | None]:
    """Choose a marker position for each note number, in order; None where none fits.

    Dynamic programming over a Pareto frontier of (position reached, cost): a state
    is kept only if no other state is both earlier and cheaper, so the frontier stays
    small however many notes a document has.
    """
    index = index_candidates(stream)
    frontier: list[_State] = [_State(0, 0, None, -1, None)]
    for idx, n in enumerate(numbers):
        ends = [s.end for s in frontier]
        best_prefix: list[_State] = []
        for s in frontier:  # frontier sorted by end; prefix minimum of cost
            if not best_prefix or s.cost < best_prefix[-1].cost:
                best_prefix.append(s)
            else:
                best_prefix.append(best_prefix[-1])
        new: list[_State] = []
        for c in index.get(n, []):
            if c.chained:
                prev = next((s for s in frontier if s.end == c.start and s.note == idx - 1
                             and s.placed is not None), None)
                if prev is None:
                    continue
                new.append(_State(c.end, prev.cost + c.cost, c, idx, prev))
                continue
            k = bisect_left(ends, c.start + 1) - 1  # states ending at or before c.start
            if k < 0:
                continue
            prev = best_prefix[k]
            new.append(_State(c.end, prev.cost + c.cost, c, idx, prev))
        skipped = [_State(s.end, s.cost + COST_UNPLACED, None, idx, s) for s in frontier]
        merged = sorted(new + skipped, key=lambda s: (s.end, s.cost))
        frontier = []
        for s in merged:
            if not frontier or s.cost < frontier[-1].cost:
                frontier.append(s)
        # costs fall along the frontier, so the hopeless states are a prefix
        floor = frontier[-1].cost + MAX_COST_GAP
        frontier = frontier[bisect_left([-s.cost for s in frontier], -floor):]
    best = min(frontier, key=lambda s: (s.cost, s.end))
    chosen: list[Candidate | None] = []
    state: _State | None = best
    while state is not None and state.note >= 0:
        chosen.append(state.placed)
        state = state.back
    chosen.reverse()
    return chosen
