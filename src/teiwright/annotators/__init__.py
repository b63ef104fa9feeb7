"""Annotators: passes over the document model, each adding one kind of markup.

An annotator is a class with a ``name``, a ``priority`` and ``apply(doc, ctx)``. The
pipeline runs the enabled ones sorted by (priority, registration order), as docutils
sorts its transforms; priorities are the named bands below, never bare numbers.
Annotators never change text, only add spans (see ``model``), so each can be
enabled, disabled, replaced or tested alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Protocol

from ..model import Document

if TYPE_CHECKING:
    from ..registers.persons import PersonRegister
    from ..registers.terms import TermRegister


class Band(IntEnum):
    """Priority bands: lower runs first."""

    STRUCTURE = 100
    """Refines what the reader built (cross-references)."""
    DATES = 300
    """Dates first: month names and years are the least ambiguous spans."""
    NAMES = 400
    """People and places, around the dates already found."""
    TERMS = 500
    """Abbreviations last: never inside a name or a date."""
    LATE = 900
    """Passes that read the finished markup (document date, suggestions)."""


@dataclass(slots=True)
class Context:
    """What annotators share: registers, settings and collected suggestions."""

    persons: PersonRegister | None = None
    terms: TermRegister | None = None
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    """Names or abbreviations seen but not in a register, by annotator, for editors."""


class Annotator(Protocol):
    """The contract every pass fulfils."""

    name: str
    priority: Band
    """One of the named bands (a pass written ``priority = Band.NAMES`` matches exactly)."""

    def apply(self, doc: Document, ctx: Context) -> None: ...


def registry() -> list[type[Annotator]]:
    """All annotators, in registration order (imported late to keep modules independent)."""
    from .abbreviations import Abbreviations
    from .crossrefs import CrossReferences
    from .dates import Dates
    from .persons import PersonNames

    return [CrossReferences, Dates, PersonNames, Abbreviations]


PRESETS: dict[str, list[str]] = {
    "minimal": [],
    "default": ["crossrefs", "dates", "persons", "abbreviations"],
}
"""Named sets of enabled annotators."""


class Pipeline:
    """An ordered, configurable chain of annotators."""

    def __init__(self, preset: str = "default") -> None:
        self._known: dict[str, type[Annotator]] = {cls.name: cls for cls in registry()}
        if preset not in PRESETS:
            raise KeyError(f"unknown preset {preset!r}; known: {', '.join(PRESETS)}")
        self._enabled: list[str] = [n for n in PRESETS[preset] if n in self._known]

    @property
    def names(self) -> list[str]:
        """Enabled annotators in the order they will run."""
        order = {name: i for i, name in enumerate(self._known)}
        return sorted(self._enabled,
                      key=lambda n: (self._known[n].priority, order[n]))

    def add(self, annotator: type[Annotator], enable: bool = True) -> Pipeline:
        """Register a user's annotator class (replacing a built-in one of the same name)."""
        self._known.pop(annotator.name, None)
        self._known[annotator.name] = annotator
        if enable and annotator.name not in self._enabled:
            self._enabled.append(annotator.name)
        return self

    def enable(self, *names: str) -> Pipeline:
        for name in names:
            self._check(name)
            if name not in self._enabled:
                self._enabled.append(name)
        return self

    def disable(self, *names: str) -> Pipeline:
        for name in names:
            self._check(name)
            if name in self._enabled:
                self._enabled.remove(name)
        return self

    def only(self, names: Iterable[str]) -> Pipeline:
        names = list(names)
        for name in names:
            self._check(name)
        self._enabled = names
        return self

    def run(self, doc: Document, ctx: Context) -> Document:
        for name in self.names:
            self._known[name]().apply(doc, ctx)
        return doc

    def _check(self, name: str) -> None:
        if name not in self._known:
            raise KeyError(f"unknown annotator {name!r}; known: {', '.join(self._known)}")
