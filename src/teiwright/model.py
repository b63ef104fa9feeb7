"""The document model: what the reader builds, annotators enrich and writers serialise.

Block nodes mirror the TEI elements they become (``P`` → ``<p>``, ``Closer`` →
``<closer>``). Running text lives in *text containers* (``P``, ``Head``, ``Item``, …):
each holds its text as one plain string and its inline markup as stand-off
``Inline`` objects with character offsets into that string. Keeping the text
immutable while annotators add spans makes every pass lossless by construction:
no pass can drop or invent a character, and the writer alone decides how spans
nest into XML.

Two kinds of inline:

* ``Span`` (``PersName``, ``Date``, ``Gloss``, ``PlaceName``, ``Hi``, ``Ref``):
  covers ``text[start:end]``. Spans in one container never cross each other.
* ``Milestone`` (``Pb``, ``Note``): zero width, at ``offset``. A milestone that
  falls strictly inside a span is written inside it, one on a span's edge outside.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(slots=True)
class Node:
    """Base of every model node."""

    lines: tuple[int, int] = (0, 0)
    """First and last 1-based source line this node came from (0 when synthetic)."""


# --------------------------------------------------------------------------- inline


@dataclass(slots=True)
class Inline(Node):
    """Inline markup inside a text container."""

    tag: ClassVar[str] = ""


@dataclass(slots=True)
class Span(Inline):
    """Markup over ``text[start:end]`` of its container."""

    start: int = 0
    """Offset of the first covered character."""
    end: int = 0
    """Offset after the last covered character."""
    source: str = ""
    """Name of the pass that added the span (``reader``, ``persons``, …), for reports."""


@dataclass(slots=True)
class PersName(Span):
    """A person's name; ``corresp`` points into the persons register."""

    tag: ClassVar[str] = "persName"
    corresp: str | None = None
    """Register id without ``#`` (``p_BE_1``), or None when not identified."""


@dataclass(slots=True)
class Date(Span):
    """A date or range with ISO 8601 values."""

    tag: ClassVar[str] = "date"
    when: str | None = None
    from_: str | None = None
    to: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    calendar: str | None = None
    """``gregorian`` when the value was normalised, as FRUS writes it in datelines."""


@dataclass(slots=True)
class PlaceName(Span):
    """A place name (dateline places)."""

    tag: ClassVar[str] = "placeName"


@dataclass(slots=True)
class Gloss(Span):
    """An abbreviation linked to the terms register."""

    tag: ClassVar[str] = "gloss"
    target: str | None = None
    """Register id without ``#`` (``t_RG_1``)."""


@dataclass(slots=True)
class Hi(Span):
    """Highlighted text; ``italic`` marks withheld-text statements as FRUS does."""

    tag: ClassVar[str] = "hi"
    rend: str = "italic"


@dataclass(slots=True)
class Ref(Span):
    """A cross-reference (``Document 33`` → ``#d33``)."""

    tag: ClassVar[str] = "ref"
    target: str = ""


@dataclass(slots=True)
class Milestone(Inline):
    """Zero-width inline at ``offset``."""

    offset: int = 0


@dataclass(slots=True)
class Pb(Milestone):
    """A page break of the printed volume (``[Page N]``)."""

    tag: ClassVar[str] = "pb"
    n: str = ""
    """The page number as printed: arabic (``70``) or roman (``xii``)."""


@dataclass(slots=True)
class Note(Milestone):
    """A footnote, anchored where its marker stood."""

    tag: ClassVar[str] = "note"
    n: str = ""
    xml_id: str = ""
    type: str | None = None
    """``source`` for the source note, else None."""
    paragraphs: list[P] = field(default_factory=list)
    """The note's text, one ``P`` per paragraph."""


# --------------------------------------------------------------------------- containers


@dataclass(slots=True)
class TextContainer(Node):
    """A node that holds running text with stand-off inline markup."""

    text: str = ""
    inlines: list[Inline] = field(default_factory=list)
    """Spans and milestones; any order (the writer sorts)."""

    def spans(self) -> list[Span]:
        return [i for i in self.inlines if isinstance(i, Span)]

    def milestones(self) -> list[Milestone]:
        return [i for i in self.inlines if isinstance(i, Milestone)]

    def notes(self) -> list[Note]:
        return [i for i in self.inlines if isinstance(i, Note)]

    def can_add(self, start: int, end: int) -> bool:
        """True if a span over [start, end) would nest with every existing span."""
        if not 0 <= start < end <= len(self.text):
            return False
        for s in self.spans():
            if (s.start < start < s.end < end) or (start < s.start < end < s.end):
                return False
        return True

    def overlaps(self, start: int, end: int, kinds: tuple[type[Span], ...]) -> bool:
        """True if [start, end) shares a character with a span of one of ``kinds``."""
        return any(s.start < end and start < s.end for s in self.spans() if isinstance(s, kinds))

    def add(self, span: Span) -> bool:
        """Add ``span`` if it nests properly; return whether it was added."""
        if not self.can_add(span.start, span.end):
            return False
        self.inlines.append(span)
        return True


@dataclass(slots=True)
class Block(Node):
    """A block-level node."""


@dataclass(slots=True)
class P(Block, TextContainer):
    """A paragraph; ``rend`` as FRUS uses it (``center``, ``sectiontitleital``, …)."""

    rend: str | None = None


@dataclass(slots=True)
class Head(TextContainer):
    """A heading: the document heading with its number, or a list heading."""


@dataclass(slots=True)
class Dateline(TextContainer):
    """Place and date line of a document (``Washington, November 20, 1973.``)."""


@dataclass(slots=True)
class Salute(TextContainer):
    """A letter's salutation (``Dear Mr. Ambassador:``)."""


@dataclass(slots=True)
class Signed(TextContainer):
    """The signature line of a closer."""


@dataclass(slots=True)
class Affiliation(TextContainer):
    """A line under the signature giving the signer's office."""


@dataclass(slots=True)
class Item(TextContainer):
    """A list item; ``sublist`` holds the items indented beneath it."""

    sublist: List | None = None


@dataclass(slots=True)
class PageBreak(Block):
    """A page break standing between blocks."""

    pb: Pb = field(default_factory=Pb)


@dataclass(slots=True)
class Opener(Block):
    """Dateline and/or salutation at the top of a document."""

    dateline: Dateline | None = None
    salute: Salute | None = None


@dataclass(slots=True)
class List(Block):
    """A list: ``type`` is ``subject``, ``participants`` or None."""

    type: str | None = None
    head: Head | None = None
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Quote(Block):
    """A quoted passage (``Quote … End Quote.`` in telegrams)."""

    paragraphs: list[P] = field(default_factory=list)


@dataclass(slots=True)
class Closer(Block):
    """Signature block at the end of a document."""

    signed: Signed = field(default_factory=Signed)
    affiliations: list[Affiliation] = field(default_factory=list)


@dataclass(slots=True)
class Div(Block):
    """A document (``type="document"``) or an attachment inside one."""

    type: str = "document"
    n: str | None = None
    xml_id: str | None = None
    label: str | None = None
    """Line that introduces an attachment (``Attachment``), kept as FRUS keeps it."""
    head: Head | None = None
    opener: Opener | None = None
    blocks: list[Block] = field(default_factory=list)
    closer: Closer | None = None
    leading: list[PageBreak] = field(default_factory=list)
    """Page breaks that stand before the heading."""


@dataclass(slots=True)
class Warning_:
    """A problem found while converting, with its source line."""

    line: int
    message: str
    code: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message} [{self.code}]"


@dataclass(slots=True)
class Document:
    """One converted document and what is known about it."""

    div: Div
    source_name: str = "-"
    """Name of the input file (for the header's sourceDesc)."""
    warnings: list[Warning_] = field(default_factory=list)
    date: Date | None = None
    """The document's own date (teiHeader/profileDesc/creation), set by the dates pass."""
    date_label: str = ""
    """The words the document's date was read from (``December 19, 1973``)."""

    def warn(self, line: int, message: str, code: str) -> None:
        self.warnings.append(Warning_(line, message, code))

    def title(self) -> str:
        """The heading without its number and note markers, for the header title."""
        if self.div.head is None:
            return f"Document {self.div.n or ''}".strip()
        text = " ".join(self.div.head.text.split())
        number = f"{self.div.n}. "
        return text[len(number):] if self.div.n and text.startswith(number) else text

    def source_note(self) -> Note | None:
        for note in self.notes():
            if note.type == "source":
                return note
        return None

    def notes(self) -> list[Note]:
        """All notes in document order."""
        found = [n for c in self.containers(include_notes=False) for n in c.notes()]
        return sorted(found, key=lambda n: int(n.n) if n.n.isdigit() else 0)

    def containers(self, include_notes: bool = True) -> Iterator[TextContainer]:
        """Every text container in reading order; note paragraphs after their anchor's."""
        for c in _div_containers(self.div):
            yield c
            if include_notes:
                for note in sorted(c.notes(), key=lambda n: n.offset):
                    yield from note.paragraphs


def _div_containers(div: Div) -> Iterator[TextContainer]:
    if div.head is not None:
        yield div.head
    if div.opener is not None:
        if div.opener.dateline is not None:
            yield div.opener.dateline
        if div.opener.salute is not None:
            yield div.opener.salute
    for block in div.blocks:
        yield from block_containers(block)
    if div.closer is not None:
        yield div.closer.signed
        yield from div.closer.affiliations


def block_containers(block: Block) -> Iterator[TextContainer]:
    """Text containers inside one block, in reading order."""
    if isinstance(block, P):
        yield block
    elif isinstance(block, List):
        if block.head is not None:
            yield block.head
        for item in block.items:
            yield from _item_containers(item)
    elif isinstance(block, Quote):
        yield from block.paragraphs
    elif isinstance(block, Div):
        yield from _div_containers(block)


def _item_containers(item: Item) -> Iterator[TextContainer]:
    yield item
    if item.sublist is not None:
        yield from block_containers(item.sublist)
