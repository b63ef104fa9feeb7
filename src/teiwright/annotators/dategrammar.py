"""The date grammar: where a text names a date, and what it says, before any inference.

Kept apart from the annotator so it can be tested on plain strings. It works in two
steps: ``_points`` finds every single date expression (``May 16, 1973 at 9:45 a.m.``,
``22 November``, ``1968``), then ``find_dates`` joins neighbours separated by a dash
into ranges (``November 26–December 2``, ``January 1972–31 December 73``) and drops
the fragments that only count inside a range (``Nov`` alone). A found date may lack
its year (``On January 17``); the annotator supplies it from the document's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from functools import cache

_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")
_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
         "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
MONTHS: dict[str, int] = {name: i for i, name in enumerate(_FULL, start=1)} | _ABBR

FULL = "|".join(_FULL)
ABBR = "|".join(sorted(_ABBR, key=len, reverse=True))
M = rf"(?:{FULL}|(?:{ABBR})\.)(?![\w’'])"
"""A month next to a day: full name, or abbreviation with its period (``Dec. 19``)."""
MA = rf"(?:(?:{FULL})(?![\w’'])|(?:{ABBR})(?![\w’'])\.?)"
"""A month next to a year, or in a range of months (``Nov–Dec 1974``)."""
D = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d\w])"
Y = r"(?:1[7-9]\d\d|20\d\d)(?![\d\w])"
_CLOCK = r"\d{1,2}(?::\d\d)?"
_AMPM = r"\s?[ap]\.\s?m\."
TIME = (rf"(?:(?P<t1>{_CLOCK}(?:{_AMPM})?)\s?[–-]\s?(?P<t2>{_CLOCK}{_AMPM})"
        rf"|(?P<t>{_CLOCK}{_AMPM}|noon|midnight)"
        r"|(?P<z>\d{3,4})\s?Z\b|(?P<hrs>\d{4})\s+hours\b)")
"""``9:45 a.m.``, ``3:30–4:45 p.m.``, ``noon``, ``2130Z`` (UTC, as telegrams give it),
``1600 hours``."""
TIME_LINK = r"(?:,?\s+(?:at\s+)?|\s?[—–-]\s?)"
RANGE_DASH = re.compile(r"\s?[–-]\s?")
RANGE_WORD = re.compile(r"\s+(?:to|through)\s+")
"""``Jan. to Jun. 1974``: ranges in words, trusted only between months (see ``_join``)."""

_LABEL = (r"(?:Telegrams?|Secto|Tosec|Tohak|Hakto|Ref|RG|pp?\.|Box(?:es)?|Lot|Vol\.|"
          r"Volumes?|Documents?|Nos?\.|Numbers?|NSDMs?|NSSMs?|PNA|FRC|Tab|Annex|Job|"
          r"Room|Resolution|Article|Section|Paragraph|para\.|Page|Folder)")
LABELLED = re.compile(rf"\b{_LABEL}\s+(?:[\w/–-]+(?:,\s*|\s+(?:and|or)\s+))*$")
"""A number after a label (``Telegram 1736``, ``telegrams 1191 and 1430``) is no date."""
GLUED = re.compile(r"(?:[$£#/\w–]|(?<!\bmid)-|\d[.,])$")
"""A year glued to what precedes it (``P820043–1526``, ``$1973``) is part of something else;
``mid-1975`` is still the year."""
NOT_A_YEAR_AFTER = re.compile(
    r"^(?:[\w/]|[.,]\d|\s?%|\s*(?:Z|hours|hrs|men|troops|employees|acres|miles|"
    r"dollars|tons|feet|meters|km|people|persons|workers|barrels)\b)")
BARE_MONTH_CUE = re.compile(
    r"(?:\b(?:[Ii]n|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Ss]ince|[Uu]ntil|[Bb]y|"
    r"[Bb]efore|[Aa]fter|[Tt]hrough|[Dd]uring|of|and)\s+|\bmid-)$")
"""Words before a month named alone that make it a date (``last August``, ``in January``);
``and May`` stays a verb's business."""


@dataclass(frozen=True, slots=True)
class Point:
    """One calendar point as the text gives it; any part may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    time: str | None = None
    """``09:45:00`` or ``21:30:00+00:00``; only with a day."""

    def iso(self) -> str | None:
        """The ISO 8601 value, or None while the year is unknown."""
        if self.year is None:
            return None
        value = f"{self.year:04d}"
        if self.month is not None:
            value += f"-{self.month:02d}"
            if self.day is not None:
                value += f"-{self.day:02d}"
                if self.time is not None:
                    value += f"T{self.time}"
        return value

    def valid(self) -> bool:
        if self.day is None or self.month is None:
            return True
        year = self.year if self.year is not None else 2000  # a leap year: 29 February
        return self.day <= calendar.monthrange(year, self.month)[1]


@dataclass(frozen=True, slots=True)
class Found:
    """A date expression at ``text[start:end]``: one point, or a range ``first``–``last``."""

    start: int
    end: int
    first: Point
    last: Point | None = None
    kind: str = ""
    """The form that matched (``mdy``, ``year`` …), for tests and reports."""
    either: bool = False
    """``December 27 or 28``: one of the two ends, not the whole span."""


DIGIT = re.compile(r"[0-9]")
MONTH_STEM = re.compile("|".join((*_ABBR, "May")))
"""Every month name, full or short, starts with one of these (``Sept``, ``September``)."""
HINTS = (DIGIT, MONTH_STEM)
MONTH_FIRST = "[" + "".join(sorted({name[0] for name in MONTHS})) + "]"
"""The letters month names start with."""


@dataclass(frozen=True, slots=True)
class _Form:
    kind: str
    pattern: re.Pattern[str]
    alone: bool = True
    """False for fragments that only stand as one end of a range."""
    needs: tuple[re.Pattern[str], ...] = ()
    """Hints every match contains: a text without one of them is not searched at all,
    which spares most paragraphs most of the eleven patterns."""


def _form(kind: str, first: str, body: str, alone: bool = True, time: bool = False,
          needs: tuple[re.Pattern[str], ...] = (DIGIT, MONTH_STEM)) -> _Form:
    """``first`` is the class of characters a match starts with: tested before the
    lookbehind, it lets the search pass over all other characters cheaply."""
    tail = rf"(?:{TIME_LINK}{TIME})?" if time else ""
    return _Form(kind, re.compile(rf"(?={first})(?<![\w’']){body}{tail}"), alone, needs)


DAYS = rf"(?P<d>{D})(?:(?P<or>[–-]|\s+or\s+)(?P<d2>{D}))?"
"""A day, a run of days (``26–29``) or a choice of two (``27 or 28``)."""

_FORMS = (
    _form("mdy", MONTH_FIRST, rf"(?P<m>{M})\s+{DAYS},?\s+(?P<y>{Y})", time=True),
    _form("dmy", "[0-9]", rf"{DAYS}\s+(?P<m>{M}),?\s+(?P<y>{Y})", time=True),
    _form("tmd", r"[\dnm]", rf"{TIME}\s+on\s+(?P<m>{M})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y}))?"),
    _form("dmyy", "[0-9]", rf"(?P<d>{D})\s+(?P<m>{M})\s+(?P<yy>\d\d)(?!\d)", alone=False),
    _form("my", MONTH_FIRST, rf"(?P<m>{MA}),?\s+(?P<y>{Y})"),
    _form("md", MONTH_FIRST, rf"(?P<m>{M})\s+{DAYS}(?!\s?[–-]?\d)", time=True),
    _form("dm", "[0-9]", rf"{DAYS}\s+(?P<m>{M})"),
    _form("numeric", "[0-9]", r"(?P<nm>1[0-2]|0?[1-9])/(?P<nd>3[01]|[12]\d|0?[1-9])/"
                              r"(?P<ny>\d{4}|\d\d)(?![\d/])", needs=(DIGIT,)),
    _form("decade", "[12]", r"(?P<dec>1[7-9]\d0|20\d0)s(?![\w’'])", needs=(DIGIT,)),
    _form("year", "[12]", rf"(?P<y>{Y})(?:[–-](?P<y2>\d{{4}}|\d\d)(?![\d\w]))?",
          needs=(DIGIT,)),
    _form("month", MONTH_FIRST, rf"(?P<m>{MA})", alone=False, needs=(MONTH_STEM,)),
)


def find_dates(text: str) -> list[Found]:
    """Every date expression in ``text``, left to right, none overlapping another."""
    points = _points(text)
    joined: list[Found] = []
    i = 0
    while i < len(points):
        current, form = points[i]
        if i + 1 < len(points):
            rng = _join(text, current, points[i + 1][0])
            if rng is not None:
                joined.append(rng)
                i += 2
                continue
        if form.alone or _bare_month(text, current):
            joined.append(current)
        i += 1
    return [f for f in joined if f.first.valid() and (f.last is None or f.last.valid())]


def parse_exact(text: str) -> Found | None:
    """The date that is the whole of ``text`` (a dateline's date), or None."""
    found = find_dates(text)
    if len(found) == 1 and found[0].start == 0 and not text[found[0].end:].strip(". "):
        return found[0]
    return None


def _points(text: str) -> list[tuple[Found, _Form]]:
    """Single date expressions, the longest winning where several overlap."""
    candidates: list[tuple[Found, _Form]] = []
    absent = frozenset(hint for hint in HINTS if hint.search(text) is None)
    for form in _searched(absent):
        for m in form.pattern.finditer(text):
            found = _build(form.kind, m, text)
            if found is not None:
                candidates.append((found, form))
    candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
    taken: list[tuple[Found, _Form]] = []
    used = bytearray(len(text))
    for cand, form in candidates:
        if not any(used[cand.start:cand.end]):
            taken.append((cand, form))
            used[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    return sorted(taken, key=lambda c: c[0].start)


@cache
def _searched(absent: frozenset[re.Pattern[str]]) -> tuple[_Form, ...]:
    """The forms that can match in a text that lacks the ``absent`` hints."""
    return tuple(form for form in _FORMS if absent.isdisjoint(form.needs))


def _build(kind: str, m: re.Match[str], text: str) -> Found | None:
    g = m.groupdict()
    if kind == "year":
        if _labelled(text, m.start()) or _glued(text, m.start()) or \
                NOT_A_YEAR_AFTER.match(text[m.end():]) or _enumerator(text, m):
            return None
        first = Point(int(g["y"]))
        if g["y2"] is None:
            return Found(m.start(), m.end(), first, kind=kind)
        to = _expand_year(g["y2"], first.year)
        if to is None or to <= int(g["y"]):
            return None
        return Found(m.start(), m.end(), first, Point(to), kind=kind)
    if kind == "decade":
        if _labelled(text, m.start()) or _glued(text, m.start()):
            return None
        decade = int(g["dec"])
        return Found(m.start(), m.end(), Point(decade), Point(decade + 9), kind=kind)
    if kind == "numeric":
        if _labelled(text, m.start()):
            return None
        year = _expand_year(g["ny"], 1900)
        return Found(m.start(), m.end(), Point(year, int(g["nm"]), int(g["nd"])), kind=kind)
    month = MONTHS[g["m"].rstrip(".")]
    year = int(g["y"]) if g.get("y") else None
    if g.get("yy"):
        year = int(g["yy"]) + 1900
    day = _day(g["d"]) if g.get("d") else None
    times = _times(m) if day is not None else (None, None)
    first = Point(year, month, day, times[0])
    if times[1] is not None and not g.get("d2"):
        return Found(m.start(), m.end(), first, replace(first, time=times[1]), kind=kind)
    if g.get("d2"):
        last = Point(year, month, _day(g["d2"]))
        if last.day is None or day is None or last.day <= day:
            return None
        return Found(m.start(), m.end(), replace(first, time=None), last, kind=kind,
                     either="or" in g["or"])
    return Found(m.start(), m.end(), first, kind=kind)


def _join(text: str, a: Found, b: Found) -> Found | None:
    """``a``–``b`` as one range when only a dash (or ``to`` between months) parts them."""
    gap = text[a.end:b.start]
    months_only = a.first.day is None and b.first.day is None
    if not (RANGE_DASH.fullmatch(gap) or (months_only and RANGE_WORD.fullmatch(gap))):
        return None
    first, last = a.first, b.first
    if a.last is not None or b.last is not None or first.month is None or last.month is None:
        return None
    if first.year is not None and last.year is None:
        return None  # ``May 16, 1973–May 19``: no sure reading
    if first.year is None and last.year is not None:
        first = replace(first, year=last.year - 1 if first.month > last.month else last.year)
    if first.year is not None and last.year is not None and \
            (first.year, first.month, first.day or 0) >= (last.year, last.month, last.day or 0):
        return None
    return Found(a.start, b.end, first, last, kind="range")


def _bare_month(text: str, found: Found) -> bool:
    """A full month name alone is a date after a cue word (``in January``), never ``May``."""
    word = text[found.start:found.end]
    cue = BARE_MONTH_CUE.search(text[max(0, found.start - 20):found.start])
    return word in _FULL and cue is not None and not (word == "May" and "and" in cue.group())


def _labelled(text: str, start: int) -> bool:
    return bool(LABELLED.search(text[max(0, start - 80):start]))


def _glued(text: str, start: int) -> bool:
    return bool(GLUED.search(text[max(0, start - 4):start]))


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


def _enumerator(text: str, m: re.Match[str]) -> bool:
    """``1802. Subject: …``: a number opening the text with a period numbers a telegram
    or a paragraph; it is not a year."""
    return not text[:m.start()].strip() and text[m.end():m.end() + 1] == "."


def _expand_year(token: str, base: int | None) -> int | None:
    """``73`` after 1972 → 1973: a two-digit year takes the century of the year it follows."""
    if len(token) == 4:
        return int(token)
    if base is None:
        return None
    year = base // 100 * 100 + int(token)
    return year + 100 if year < base else year


def _times(m: re.Match[str]) -> tuple[str | None, str | None]:
    """The clock time (or the start and end of a span of time) that follows a date."""
    g = m.groupdict()
    if g.get("t2"):
        end = _clock(g["t2"])
        shared = re.search(_AMPM, g["t2"])  # ``3:30–4:45 p.m.``: both ends in the afternoon
        start = _clock(g["t1"] if re.search(_AMPM, g["t1"]) or shared is None
                       else g["t1"] + shared.group())
        if start is not None and end is not None and start > end and start >= "12":
            start = f"{int(start[:2]) - 12:02d}{start[2:]}"  # ``11:30–1 p.m.``
        return start, end
    if g.get("t"):
        return _clock(g["t"]), None
    clock = g.get("z") or g.get("hrs")
    if not clock:
        return None, None
    hour, minute = int(clock[:-2]), int(clock[-2:])
    if hour > 23 or minute > 59:
        return None, None
    return f"{hour:02d}:{minute:02d}:00" + ("+00:00" if g.get("z") else ""), None


def _clock(token: str) -> str | None:
    """``9:45 a.m.`` → ``09:45:00``; ``noon`` → ``12:00:00``; midnight names no sure day."""
    if token == "noon":
        return "12:00:00"
    m = re.fullmatch(r"(\d{1,2})(?::(\d\d))?\s?([ap])\.\s?m\.", token)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return f"{hour % 12 + (12 if m.group(3) == 'p' else 0):02d}:{minute:02d}:00"
