"""Dates: every date in the text tagged with its ISO 8601 value, and the document's own date.

Historians sort and search by date, so a value matters as much as the tag. The
pass first settles the document's date (dateline; else heading; else source note),
because a day named without its year (``On January 17``) can only be read against
it: such a day takes the year that puts it nearest the reference date, so a
December document's ``January 9`` lands in the next year. Where nothing gives a
year, the date is tagged without a value rather than with a guess. The grammar
itself lives in ``dategrammar``.

    before: <p>signed December 19 a set of eight principles</p>
    after:  <p>signed <date when="1973-12-19">December 19</date> a set …</p>
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import Date, Dateline, Div, Document, TextContainer
from . import Band, Context
from .dategrammar import Found, Point, find_dates, parse_exact

GREGORIAN = "gregorian"
OWN_DATE_CUE = re.compile(r"\b(?:[Dd]rafted|[Dd]ated|[Ww]ritten|[Pp]repared|[Aa]pproved|"
                          r"[Ss]igned|[Ss]ent|[Tt]ransmitted)\b[^.;]*$")
"""Words in a source note that tie the date after them to the paper itself."""


@dataclass(frozen=True, slots=True)
class _Reference:
    """What a yearless date is read against: a day, and the years it may fall in."""

    day: dt.date | None
    low: int | None = None
    high: int | None = None

    def year_for(self, point: Point) -> int | None:
        """The year that puts ``point`` nearest the reference day, inside the bounds."""
        if self.day is None or point.month is None:
            return None
        ref: dt.date = self.day
        dated = [(y, replace(point, year=y)) for y in range(ref.year - 1, ref.year + 2)
                 if (self.low is None or y >= self.low) and (self.high is None or y <= self.high)]
        distances = [(abs((_as_day(p) - ref).days), y) for y, p in dated if p.valid()]
        return min(distances)[1] if distances else None


class Dates:
    """Gives dateline dates their value, tags all other dates, and sets ``doc.date``."""

    name = "dates"
    priority = Band.DATES

    def apply(self, doc: Document, ctx: Context) -> None:
        main = _dateline_span(doc.div)
        if main is not None and _set_value(main[1], main[0].text, _Reference(None)):
            main[1].calendar = GREGORIAN
            doc.date = replace(main[1], start=0, end=0, source=self.name)
            doc.date_label = _span_text(main[0], main[1])
        else:
            doc.date, doc.date_label = _fallback_date(doc)
        reference = _reference(doc)
        for div in _divs(doc.div):
            found = _dateline_span(div)
            if found is None:
                continue
            dateline, span = found
            if not _set_value(span, dateline.text, reference) and doc.date is not None:
                _copy_value(doc.date, span)  # ``Undated`` papers go with their covering document
            if _has_value(span):
                span.calendar = GREGORIAN
        for container in doc.containers():
            for date in find_dates(container.text):
                if container.overlaps(date.start, date.end, (Date,)):
                    continue
                span = Date(container.lines, start=date.start, end=date.end, source=self.name)
                _apply(span, date, reference)
                container.add(span)


def _divs(div: Div) -> Iterator[Div]:
    yield div
    for block in div.blocks:
        if isinstance(block, Div):
            yield from _divs(block)


def _dateline_span(div: Div) -> tuple[Dateline, Date] | None:
    if div.opener is None or div.opener.dateline is None:
        return None
    dateline = div.opener.dateline
    spans = [s for s in dateline.spans() if isinstance(s, Date)]
    return (dateline, spans[0]) if spans else None


def _span_text(container: TextContainer, span: Date) -> str:
    return " ".join(container.text[span.start:span.end].split())


def _set_value(span: Date, text: str, reference: _Reference) -> bool:
    """Value a reader-made span from its own words; False if they hold no date."""
    found = parse_exact(text[span.start:span.end])
    if found is None:
        return False
    _apply(span, found, reference)
    return _has_value(span)


def _apply(span: Date, found: Found, reference: _Reference) -> None:
    first, last = found.first, found.last
    if first.year is None:
        year = reference.year_for(first)
        if year is None:
            return
        first = replace(first, year=year)
        if last is not None and last.year is None:
            later = (last.month or 0, last.day or 0) < (first.month or 0, first.day or 0)
            last = replace(last, year=year + 1 if later else year)
    if last is None:
        span.when = first.iso()
    elif found.either:
        span.not_before, span.not_after = first.iso(), last.iso()
    else:
        span.from_, span.to = first.iso(), last.iso()


def _has_value(span: Date) -> bool:
    return bool(span.when or span.from_ or span.not_before)


def _copy_value(source: Date, target: Date) -> None:
    target.when, target.from_, target.to = source.when, source.from_, source.to
    target.not_before, target.not_after = source.not_before, source.not_after


def _fallback_date(doc: Document) -> tuple[Date | None, str]:
    """No dated dateline: the heading's first full date, else what the source note says.

    In the source note a date the editors tie to the paper (``Drafted on March 3,
    1973``) dates it; failing that, its first date, usually the file's span
    (``Central Files, 1970–1973``), which bounds the document rather than dating it
    and so becomes ``notBefore``/``notAfter``. Other full dates there mostly cite
    later publications (``Department of State Bulletin, June 4, 1973``).
    """
    if doc.div.head is not None:
        for found in find_dates(doc.div.head.text):
            if found.last is None and found.first.day is not None and found.first.year:
                return _document_date(found, doc.div.head.text)
    note = doc.source_note()
    dated = [(found, p.text) for p in (note.paragraphs if note is not None else [])
             for found in find_dates(p.text) if found.first.year is not None]
    for found, text in dated:
        before = text[max(0, found.start - 40):found.start]
        if found.first.day is not None and OWN_DATE_CUE.search(before):
            return _document_date(found, text)
    return _document_date(*dated[0]) if dated else (None, "")


def _document_date(found: Found, text: str) -> tuple[Date, str]:
    date = Date(source="dates")
    if found.last is None:
        date.when = found.first.iso()
    else:
        date.not_before, date.not_after = found.first.iso(), found.last.iso()
    return date, " ".join(text[found.start:found.end].split())


def _reference(doc: Document) -> _Reference:
    """The day yearless dates are read against, and the years the document allows.

    A document dated only by bounds, or not at all (an editorial note), is read against
    the first full date of its own text (a report is written near the events it
    reports), kept inside the bounds.
    """
    date = doc.date
    if date is not None and (date.when or date.from_):
        return _Reference(_parse_iso(date.when or date.from_))
    low = int(date.not_before[:4]) if date is not None and date.not_before else None
    high = int(date.not_after[:4]) if date is not None and date.not_after else None
    for container in doc.containers(include_notes=False):
        for found in find_dates(container.text):
            year = found.first.year
            if found.first.day is not None and year is not None and \
                    (low is None or year >= low) and (high is None or year <= high):
                return _Reference(_as_day(found.first), low, high)
    return _Reference(None, low, high)


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = [int(x) for x in value[:10].split("-")] + [0, 0]
    return _as_day(Point(parts[0], parts[1] or None, parts[2] or None))


def _as_day(point: Point) -> dt.date:
    """A point as one day; a missing month or day counts as its middle."""
    assert point.year is not None
    return dt.date(point.year, point.month or 7, point.day or 15)

