"""The FRUS plain-text reader: a document copied from a FRUS web page → the model.

The reader recognises structure only (heading, dateline, lists, quotes, closer,
attachments, page breaks, footnotes, withheld text); names, dates and abbreviations
are the annotators' work. It runs in four steps, each on the output of the last:

1. split the trailing footnote list off the body (``footnotes.split_notes``);
2. take ``[Page N]`` markers out of every line, keeping their offsets;
3. place every footnote marker in the body and take it out (``footnotes.place_markers``);
4. group the clean lines into blocks and classify each block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import (
    Affiliation,
    Closer,
    Date,
    Dateline,
    Div,
    Document,
    Head,
    Hi,
    Item,
    List,
    Milestone,
    Note,
    Opener,
    P,
    PageBreak,
    Pb,
    PlaceName,
    Quote,
    Salute,
    Signed,
    TextContainer,
)
from ..sources import SourceText
from .footnotes import RawNote, parse_notes, place_markers, split_notes
from .lines import Line, fill
from .pages import extract_pages

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_TIME = r"(?:\d{3,4}\s?Z|\d{1,2}(?::\d\d)?(?:\s*[ap]\.\s?m\.)?|noon|midnight|\d{4}\s+hours)"
"""A time of day in a dateline: ``2130Z``, ``9:45 a.m.``, ``noon``, ``1600 hours``."""
HEADING = re.compile(r"^(\d{1,5})\.\s+\S")
"""``25. Memorandum From …``: a FRUS document heading and its number."""
DATE_PART = re.compile(
    rf"^(?:(?:{MONTHS})(?:\s+\d{{1,2}}(?:[–-]\d{{1,2}})?)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{MONTHS}),?\s+\d{{4}}|[Uu]ndated)"
    rf"(?:,?\s+{_TIME}(?:\s*[–-]\s*{_TIME})?)?$"
)
"""The date of a dateline: ``November 20, 1973``, ``16 May 1973``, ``…, 2130Z``, ``Undated``."""
DATE_START = re.compile(rf"(?<=, )(?:{MONTHS}|\d{{1,2}}\s+(?:{MONTHS})|[Uu]ndated)")
"""Where the date of a dateline may begin: after a comma."""
PLACE_PART = re.compile(r"^[A-Z][\w.’'()\-]*(?:\s+[\w.’'()\-]+){0,4}(?:,\s+[A-Z][\w.’'()\-]*"
                        r"(?:\s+[\w.’'()\-]+){0,4}){0,2}$")
"""The place of a dateline: ``Washington``, ``Balboa Heights, Panama Canal Zone``."""
BULLET = re.compile(r"^(\s*)[•◦▪‣·]\s+(.*)$")
LIST_HEAD = re.compile(r"^(?:[A-Z][A-Z ]{2,40}|Subject|Participants):?$")
"""``SUBJECT``, ``PARTICIPANTS:``: a line that heads the list below it."""
INLINE_SUBJECT = re.compile(r"^(SUBJECT|Subject):\s+(\S.*)$")
LABEL = re.compile(r"^(?:Attachment|Enclosure|Annex|Tab [A-Z])(?:\s+\d+)?$")
"""A line that introduces an attached paper."""
QUOTE_START = re.compile(r"^(?:Quote|QUOTE|Begin [Qq]uote|Begin [Tt]ext)\b")
QUOTE_END = re.compile(r"(?:End [Qq]uote|END QUOTE|Unquote|UNQUOTE|End [Tt]ext)\.?$")
SALUTE = re.compile(r"^(?:Dear|My dear)\s.{1,80}[:,]$")
WITHHELD = re.compile(r"\[([^\[\]\n]{0,80}?not declassified[^\[\]\n]{0,40})\]")
"""``[text not declassified]``, ``[1½ pages not declassified]``: withheld text."""
NAME_TOKEN = (r"(?:[A-Z][A-Za-zÀ-ÿ’'\-]+|(?:[A-Z]\.)+|de|del|la|las|los|da|di|du|van|von|y|"
              r"Jr\.|Sr\.|II|III|IV)")
SIGNATURE = re.compile(rf"^{NAME_TOKEN},?(?:\s+{NAME_TOKEN},?){{0,6}}$"
                       r"|^\[(?:name|signature)s? not declassified\]$")
"""A signature line: a name (``S. Morey Bell``, ``W.P. Clements, Jr.``) or a withheld one
(``[name not declassified]``); an editorial line (``[Omitted here is …]``) is no signature."""


@dataclass(slots=True)
class RawBlock:
    """Consecutive non-blank lines, or a lone page marker (``page`` set)."""

    lines: list[Line] = field(default_factory=list)
    page: Pb | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.stripped for line in self.lines)

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


MAX_NOTES = 10_000
"""Most footnotes a document may have. A FRUS document has a few dozen; a list of
millions, which fits in the byte limit, would cost gigabytes of memory."""


class FrusTextReader:
    """Reads one FRUS document in the web-copy plain-text form."""

    name = "frus-text"

    def __init__(self, max_notes: int = MAX_NOTES) -> None:
        self.max_notes = max_notes

    def read(self, source: SourceText) -> Document:
        lines = [line.rstrip() for line in source.text.split("\n")]
        split = split_notes(lines)
        doc = Document(Div(), source_name=Path(source.name).name)
        for message in source.notes:
            doc.warn(0, message, "decoding")
        body = [self._extract(line, i + 1) for i, line in enumerate(lines[:split])]
        raw_notes = parse_notes(lines[split:], split + 1)
        if len(raw_notes) > self.max_notes:
            raise InputError(f"{source.name}: {len(raw_notes)} footnotes, over the limit of "
                             f"{self.max_notes}")
        notes = self._build_notes(raw_notes, doc)
        self._anchor_notes(body, notes, doc)
        blocks = _group(body)
        self._build_div(doc, blocks, source)
        if notes and any(n.offset < 0 for n in notes):
            self._park_unplaced(doc, notes)
        for container in doc.containers():
            _mark_withheld(container)
        return doc

    # -- step 2: page markers ----------------------------------------------------------

    @staticmethod
    def _extract(raw: str, lineno: int) -> Line:
        text, pages = extract_pages(raw)
        milestones: list[Milestone] = [Pb((lineno, lineno), offset=o, n=n) for o, n in pages]
        return Line(text, lineno, milestones)

    # -- step 3: footnotes ---------------------------------------------------------------

    def _build_notes(self, raw_notes: list[RawNote], doc: Document) -> list[Note]:
        notes: list[Note] = []
        seen: set[int] = set()
        source_found = False
        for expected, raw in enumerate(raw_notes, start=1):
            if raw.n != expected:
                doc.warn(raw.paragraphs[0][1], f"footnote {raw.n} where {expected} was expected",
                         "note-sequence")
            paragraphs = []
            for text, lineno in raw.paragraphs:
                line = self._extract(text, lineno)
                paragraphs.append(fill(P(), [line]))
            first_line = raw.paragraphs[0][1]
            note = Note((first_line, raw.paragraphs[-1][1]), offset=-1, n=str(raw.n),
                        paragraphs=paragraphs)
            note.xml_id = f"fn{raw.n}" if raw.n not in seen else f"fn{raw.n}-{expected}"
            seen.add(raw.n)
            if not source_found and any(p.text.startswith("Source:") for p in paragraphs):
                note.type = "source"
                source_found = True
            notes.append(note)
        return notes

    @staticmethod
    def _anchor_notes(body: list[Line], notes: list[Note], doc: Document) -> None:
        if not notes:
            return
        starts: list[int] = []
        pos = 0
        for line in body:
            starts.append(pos)
            pos += len(line.text) + 1
        stream = "\n".join(line.text for line in body)
        chosen = place_markers(stream, [int(n.n) for n in notes])
        # remove markers right to left so earlier offsets stay valid
        for note, cand in reversed(list(zip(notes, chosen, strict=True))):
            if cand is None:
                continue
            idx = _line_at(starts, cand.start)
            line = body[idx]
            start, end = cand.start - starts[idx], cand.end - starts[idx]
            position = sum(1 for ms in line.milestones if ms.offset <= start)
            line.remove(start, end)
            note.offset = start
            line.milestones.insert(position, note)  # keeps source order at equal offsets
        for note, cand in zip(notes, chosen, strict=True):
            if cand is None:
                doc.warn(note.lines[0], f"footnote {note.n}: no marker found in the text; "
                         "the note is kept at the end of the document", "note-unanchored")

    @staticmethod
    def _park_unplaced(doc: Document, notes: list[Note]) -> None:
        targets = [c for c in doc.containers(include_notes=False)]
        target = targets[-1] if targets else None
        if target is None:
            target = doc.div.head = Head(text="")
        prefix = doc.div.xml_id or "d"
        for note in notes:
            if note.offset < 0:
                note.offset = len(target.text)
                target.inlines.append(note)
                if not note.xml_id.startswith(prefix):  # as _build_div does for the others
                    note.xml_id = f"{prefix}{note.xml_id}"

    # -- step 4: blocks --------------------------------------------------------------------

    def _build_div(self, doc: Document, blocks: list[RawBlock], source: SourceText) -> None:
        div = doc.div
        i = 0
        while i < len(blocks) and blocks[i].page is not None:
            div.leading.append(_page_block(blocks[i]))
            i += 1
        if i < len(blocks) and HEADING.match(blocks[i].text):
            first = blocks[i]
            head_lines = [ln.trimmed() for ln in first.lines]
            div.head = fill(Head(), head_lines, " ")
            div.n = HEADING.match(first.text).group(1)  # type: ignore[union-attr]
            div.xml_id = f"d{div.n}"
            i += 1
        else:
            stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(source.name).stem) or "document"
            digits = re.search(r"\d+", stem)
            div.xml_id = f"d{digits.group()}" if digits else f"doc_{stem}"
            doc.warn(blocks[i].lines[0].lineno if i < len(blocks) else 1,
                     "no document heading ('N. Title') found", "no-heading")
        for note in doc.div.head.notes() if doc.div.head else []:
            note.xml_id = f"{div.xml_id}{note.xml_id}"
        rest = blocks[i:]
        signature_at = _signature_index(rest)
        BlockParser(div, rest, signature_at).run()
        prefix = div.xml_id or "d"
        for container in _all_containers(div):
            for note in container.notes():
                if not note.xml_id.startswith(prefix):
                    note.xml_id = f"{prefix}{note.xml_id}"


class BlockParser:
    """Classifies the blocks after the heading into the document's block structure."""

    def __init__(self, div: Div, blocks: list[RawBlock], signature_at: int | None) -> None:
        self.root = div
        self.div = div
        self.blocks = blocks
        self.signature_at = signature_at
        self.i = 0
        self.body_started = False

    def run(self) -> None:
        self._opener(self.div)
        self._keep_body_before_closer()
        while self.i < len(self.blocks):
            self._block()

    def _keep_body_before_closer(self) -> None:
        """TEI wants text between a div's opener and its closer: a signature with only
        page breaks before it is read as a paragraph instead."""
        if self.signature_at is not None and all(
                b.page is not None for b in self.blocks[self.i:self.signature_at]):
            self.signature_at = None

    def _peek(self, k: int = 0) -> RawBlock | None:
        j = self.i + k
        return self.blocks[j] if j < len(self.blocks) else None

    def _next_text_block(self) -> RawBlock | None:
        k = 0
        while (b := self._peek(k)) is not None and b.page is not None:
            k += 1
        return b

    def _opener(self, div: Div) -> None:
        """Dateline and salutation, with any page breaks before them."""
        b = self._next_text_block()
        if b is None:
            return
        dateline = _dateline(b) if b.single else None
        salute_block: RawBlock | None = b
        if dateline is not None:
            self._pages_into(dateline)
            div.opener = Opener(dateline.lines, dateline=dateline)
            self.i += 1
            salute_block = self._next_text_block()
        if salute_block is not None and salute_block.single and SALUTE.match(salute_block.text):
            salute = fill(Salute(), [salute_block.lines[0].trimmed()])
            self._pages_into(salute)
            if div.opener is None:
                div.opener = Opener(salute.lines)
            div.opener.salute = salute
            self.i += 1

    def _pages_into(self, container: TextContainer) -> None:
        """Page breaks before the dateline or salutation go at its start: the writer puts
        the opener before all blocks, so as blocks they would move after it."""
        pages: list[Milestone] = []
        while (b := self._peek()) is not None and b.page is not None:
            b.page.offset = 0
            pages.append(b.page)
            self.i += 1
        container.inlines[0:0] = pages

    def _block(self) -> None:
        b = self.blocks[self.i]
        if b.page is not None:
            self.div.blocks.append(_page_block(b))
            self.i += 1
            return
        if self.i == self.signature_at:
            self.div.closer = closer = _closer(b)
            self.i += 1
            # the writer puts the closer after every block: page breaks that follow the
            # signature go inside it, at its end, so that they stay after it
            last = closer.affiliations[-1] if closer.affiliations else closer.signed
            while (after := self._peek()) is not None and after.page is not None:
                after.page.offset = len(last.text)
                last.inlines.append(after.page)
                self.i += 1
            return
        nxt = self._peek(1)
        text = b.text
        if b.single and LABEL.match(text) and nxt is not None and nxt.page is None \
                and self.i + 1 != self.signature_at:
            self._attachment(b)
            return
        if b.single and nxt is not None and _is_bullets(nxt) and LIST_HEAD.match(text):
            self.div.blocks.append(self._list(nxt, head=b))
            self.i += 2
            self.body_started = True
            return
        if _is_bullets(b):
            self.div.blocks.append(self._list(b))
            self.i += 1
            return
        if b.single and (m := INLINE_SUBJECT.match(text)):
            self.div.blocks.append(_inline_subject(b, m))
            self.i += 1
            return
        if QUOTE_START.match(text) and (end := self._quote_end()) is not None:
            paragraphs = [_paragraph(q) for q in self.blocks[self.i:end + 1] if q.page is None]
            self.div.blocks.append(Quote((paragraphs[0].lines[0], paragraphs[-1].lines[1]),
                                         paragraphs=paragraphs))
            for q in self.blocks[self.i:end + 1]:
                if q.page is not None:
                    self.div.blocks.append(_page_block(q))
            self.i = end + 1
            self.body_started = True
            return
        para = _paragraph(b)
        if b.single and _heading_like(text):
            before_text = not self.body_started and not text.endswith(":")
            para.rend = "center" if before_text or text.isupper() else "sectiontitleital"
        else:
            self.body_started = True
        self.div.blocks.append(para)
        self.i += 1

    def _quote_end(self) -> int | None:
        for j in range(self.i, min(len(self.blocks), self.i + 30)):
            b = self.blocks[j]
            if b.page is None and QUOTE_END.search(b.text):
                return j
            if j == self.signature_at:
                return None
        return None

    def _attachment(self, label: RawBlock) -> None:
        att = Div((label.lines and (label.lines[0].lineno, label.lines[0].lineno)) or (0, 0),
                  type="attachment", label=label.text)
        self.i += 1
        head_block = self.blocks[self.i]
        att.head = fill(Head(), [ln.trimmed() for ln in head_block.lines], " ")
        self.i += 1
        self.root.blocks.append(att)
        self.div = att
        self.body_started = False
        self._opener(att)
        self._keep_body_before_closer()

    def _list(self, b: RawBlock, head: RawBlock | None = None) -> List:
        lst = List((b.lines[0].lineno, b.lines[-1].lineno))
        if head is not None:
            lst.head = fill(Head(), [head.lines[0].trimmed()])
            word = head.text.rstrip(":").strip().lower()
            lst.type = word if word in ("subject", "participants") else None
        first = BULLET.match(b.lines[0].text)
        stack: list[tuple[int, List]] = [(len(first.group(1)) if first else 0, lst)]
        for line in b.lines:
            m = BULLET.match(line.text)
            if m is None:  # a wrapped line of the item above
                items = stack[-1][1].items
                if items:
                    _append_line(items[-1], line.trimmed())
                continue
            depth = len(m.group(1))
            while len(stack) > 1 and depth < stack[-1][0]:
                stack.pop()
            top_depth, top = stack[-1]
            if depth > top_depth and top.items:
                owner = top.items[-1]
                owner.sublist = List((line.lineno, line.lineno))
                stack.append((depth, owner.sublist))
                top = owner.sublist
            top.items.append(fill(Item(), [line.cut(m.start(2))]))
        return lst


def _append_line(item: Item, extra: Line) -> None:
    """Join a wrapped continuation line onto a list item."""
    base = len(item.text) + 1
    for ms in extra.milestones:
        ms.offset += base
        item.inlines.append(ms)
    item.text += "\n" + extra.text


def _group(lines: list[Line]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    current: list[Line] = []

    def close() -> None:
        if current:
            blocks.append(RawBlock(list(current)))
            current.clear()

    for line in lines:
        if not line.text.strip():
            pages = [m for m in line.milestones if isinstance(m, Pb)]
            if pages and not any(not isinstance(m, Pb) for m in line.milestones):
                close()
                for pb in pages:
                    blocks.append(RawBlock([line], page=pb))
                continue
            if line.milestones:  # a note marker on an otherwise empty line
                current.append(line)
                continue
            close()
            continue
        current.append(line)
    close()
    return blocks


def _page_block(b: RawBlock) -> PageBreak:
    assert b.page is not None
    return PageBreak(b.page.lines, pb=b.page)


def _paragraph(b: RawBlock) -> P:
    return fill(P(), [ln.trimmed() for ln in b.lines])


def _is_bullets(b: RawBlock | None) -> bool:
    return b is not None and b.page is None and bool(BULLET.match(b.lines[0].text))


def _heading_like(text: str) -> bool:
    """A short title line: title-case words, no sentence punctuation at its end."""
    words = text.split()
    if not words or len(text) > 100 or len(words) > 12:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.isupper():
        return True
    long_words = [w for w in words if len(w.strip("“”‘’\"'(),.:;")) > 3]
    capitalised = [w for w in long_words if w.strip("“”‘’\"'(")[:1].isupper()]
    if long_words and len(capitalised) < 0.6 * len(long_words):
        return False
    if text.endswith(":"):
        return len(words) <= 4 and not SALUTE.match(text)
    return text[-1] not in ".,;!?”\"’)" and not text[-1].isdigit()


def _dateline(b: RawBlock) -> Dateline | None:
    """Place and date (``Washington, May 1, 1973.``), or a date alone, or None."""
    line = b.lines[0].trimmed()
    text = line.text
    # the final period closes the line, unless it belongs to "p.m."
    bodies = [text[:-1], text] if text.endswith(".") else [text]
    for body in bodies:
        if DATE_PART.match(body):
            dl = fill(Dateline(), [line])
            dl.inlines.append(Date(dl.lines, start=0, end=len(body), source="reader"))
            return dl
        for m in DATE_START.finditer(body):
            place, date = body[:m.start()].rstrip(", "), body[m.start():]
            if m.start() and DATE_PART.match(date) and PLACE_PART.match(place):
                dl = fill(Dateline(), [line])
                dl.inlines.append(PlaceName(dl.lines, start=0, end=len(place), source="reader"))
                dl.inlines.append(Date(dl.lines, start=m.start(), end=len(body),
                                       source="reader"))
                return dl
    return None


def _signature_index(blocks: list[RawBlock]) -> int | None:
    """Index of the closing signature block, if the document ends with one."""
    for j in range(len(blocks) - 1, -1, -1):
        b = blocks[j]
        if b.page is not None:
            continue
        if len(b.lines) <= 4 and SIGNATURE.match(b.lines[0].stripped) and \
                len(b.lines[0].stripped) <= 60 and not LABEL.match(b.lines[0].stripped) and \
                j > 0:
            return j
        return None
    return None


def _closer(b: RawBlock) -> Closer:
    lines = [ln.trimmed() for ln in b.lines]
    signed = fill(Signed(), lines[:1])
    affiliations = [fill(Affiliation(), [ln]) for ln in lines[1:]]
    return Closer((lines[0].lineno, lines[-1].lineno), signed=signed,
                  affiliations=affiliations)


def _inline_subject(b: RawBlock, m: re.Match[str]) -> List:
    """``SUBJECT: Panama`` on one line: a subject list with its head and one item."""
    left, right = b.lines[0].trimmed().split(len(m.group(1)) + 1)
    head = fill(Head(), [left])
    item = fill(Item(), [right.trimmed()])
    return List(head.lines, type="subject", head=head, items=[item])


def _mark_withheld(container: TextContainer) -> None:
    for m in WITHHELD.finditer(container.text):
        container.add(Hi(container.lines, start=m.start(1), end=m.end(1), source="reader"))


def _all_containers(div: Div) -> list[TextContainer]:
    return list(Document(div).containers(include_notes=False))


def _line_at(starts: list[int], pos: int) -> int:
    """Index of the line whose text contains stream offset ``pos``."""
    return bisect_right(starts, pos) - 1
