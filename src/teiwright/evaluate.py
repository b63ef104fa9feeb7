"""Compare two TEI encodings of the same documents: how close is a system to a reference?

Both encodings are reduced to one whitespace-free character stream per document (the
text outside notes, then each note's text behind a separator) with the annotations as
offsets into that stream. A character alignment maps system offsets onto reference
offsets, so a span counts as found only where it covers the same reference characters,
and small text differences do not wreck every later span. The figures are the ones the
project's dev-set scorer (``shared/tools/frus_score.py``) reports, computed the same way,
so ``teiwright evaluate`` and the scorer agree to the last digit.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lxml import etree

from .errors import InputError
from .namespaces import TEI_NS
from .xmlsafe import parse_bytes

SPAN_ELEMENTS = ("persName", "date", "gloss", "placeName", "orgName", "time")
"""Elements scored as spans (exact boundaries after alignment)."""
LINKED = ("persName", "gloss")
"""Span elements whose register link (``@corresp``/``@target``) is checked."""
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
NOTE_SEPARATOR = "\u241e"
NOTE_MATCH = 0.9
"""Similarity at which a system note counts as the reference note."""
ACCURACIES = ("head", "docnum", "note", "note_anchor", "note_source", "persName_link",
              "gloss_link", "date_value", "dateline_when")
_WS = re.compile(r"\s+")


def _name(el: etree._Element) -> str | None:
    return etree.QName(el).localname if isinstance(el.tag, str) else None


def _squeeze(text: str | None) -> str:
    return _WS.sub("", text) if text else ""


@dataclass(slots=True)
class Annotation:
    """One span or milestone on the stream: [start, end) with its attributes."""

    start: int
    end: int
    attrs: dict[str, str]
    in_dateline: bool = False


@dataclass(slots=True)
class FlatNote:
    """A note: where it is anchored in the main text, its type and its text."""

    anchor: int
    type: str | None
    text: str = ""


@dataclass
class FlatDocument:
    """A document reduced to a whitespace-free stream plus annotations on it."""

    n: str | None = None
    head: str = ""
    text: str = ""
    """The main text (outside notes)."""
    notes: list[FlatNote] = field(default_factory=list)
    stream: str = ""
    """Main text, then each note's text preceded by the separator."""
    spans: dict[str, list[Annotation]] = field(default_factory=dict)
    pbs: list[tuple[str | None, int]] = field(default_factory=list)

    @classmethod
    def empty(cls) -> FlatDocument:
        return cls()


class _Flattener:
    """Walks a document element once, collecting text and annotation offsets.

    Offsets inside a note are relative to that note's text until ``finish`` moves them
    onto the stream, because the note's position in the stream is known only at the end.
    """

    def __init__(self) -> None:
        self.main: list[str] = []
        self.main_len = 0
        self.notes: list[FlatNote] = []
        self.note_buffers: list[list[str]] = []
        self.note_lens: list[int] = []
        self.spans: list[tuple[str, int, int, dict[str, str], bool, int | None]] = []
        self.pbs: list[tuple[str | None, int, int | None]] = []

    def _emit(self, text: str | None, note: int | None) -> None:
        piece = _squeeze(text)
        if not piece:
            return
        if note is None:
            self.main.append(piece)
            self.main_len += len(piece)
        else:
            self.note_buffers[note].append(piece)
            self.note_lens[note] += len(piece)

    def _pos(self, note: int | None) -> int:
        return self.main_len if note is None else self.note_lens[note]

    def walk(self, el: etree._Element, note: int | None) -> None:
        self._emit(el.text, note)
        for child in el:
            name = _name(child)
            if name == "note" and note is None:
                self.notes.append(FlatNote(self.main_len, child.get("type")))
                self.note_buffers.append([])
                self.note_lens.append(0)
                self.walk(child, len(self.notes) - 1)
            elif name == "pb":
                self.pbs.append((child.get("n"), self._pos(note), note))
            elif name in SPAN_ELEMENTS:
                start = self._pos(note)
                self.walk(child, note)
                # lxml's attribute values are str (the stubs allow bytes)
                items = cast("list[tuple[str, str]]", child.attrib.items())
                attrs = {etree.QName(k).localname: v for k, v in items}
                in_dateline = any(_name(a) == "dateline" for a in child.iterancestors())
                self.spans.append((name, start, self._pos(note), attrs, in_dateline, note))
            elif name is not None:
                self.walk(child, note)
            self._emit(child.tail, note)

    def finish(self, div: etree._Element) -> FlatDocument:
        doc = FlatDocument(n=div.get("n"), text="".join(self.main))
        head = div.find(f"{{{TEI_NS}}}head")
        if head is not None:
            doc.head = _squeeze("".join(_text_outside_notes(head)))
        bases: list[int] = []
        parts = [doc.text]
        length = len(doc.text)
        for flat, buffer in zip(self.notes, self.note_buffers, strict=True):
            flat.text = "".join(buffer)
            length += len(NOTE_SEPARATOR)
            bases.append(length)
            parts += [NOTE_SEPARATOR, flat.text]
            length += len(flat.text)
        doc.notes = self.notes
        doc.stream = "".join(parts)
        for name, start, end, attrs, in_dateline, note in self.spans:
            base = 0 if note is None else bases[note]
            doc.spans.setdefault(name, []).append(
                Annotation(base + start, base + end, attrs, in_dateline))
        doc.pbs = [(n, (0 if note is None else bases[note]) + off) for n, off, note in self.pbs]
        return doc


def _text_outside_notes(el: etree._Element) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if _name(child) not in ("note", None):
            yield from _text_outside_notes(child)
        if child.tail:
            yield child.tail


def flatten(div: etree._Element) -> FlatDocument:
    """Reduce a document element (a ``div``, ``body`` or anything) to a ``FlatDocument``."""
    walker = _Flattener()
    walker.walk(div, None)
    return walker.finish(div)


def document_element(root: etree._Element) -> etree._Element:
    """The document in a TEI file: its first ``div type=document``, else ``body``, else root."""
    if root.get("type") == "document" and _name(root) == "div":
        return root
    divs = cast("list[etree._Element]",
                root.xpath("//t:div[@type='document']", namespaces={"t": TEI_NS}))
    if divs:
        return divs[0]
    body = root.find(f".//{{{TEI_NS}}}body")
    return body if body is not None else root


def load_document(path: Path) -> FlatDocument:
    """Parse one TEI file (complete TEI or a bare document ``div``) safely and flatten it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return flatten(document_element(parse_bytes(data, str(path)).getroot()))


class Alignment:
    """Maps system stream offsets to reference offsets where the characters agree."""

    def __init__(self, system: str, reference: str) -> None:
        self.map: list[int | None] = [None] * (len(system) + 1)
        matcher = difflib.SequenceMatcher(None, system, reference, autojunk=False)
        for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1 + 1):
                    self.map[i1 + k] = j1 + k
        self.similarity = matcher.ratio()

    def __call__(self, offset: int) -> int | None:
        return self.map[offset] if offset < len(self.map) else None


def _link(attrs: dict[str, str]) -> str | None:
    """The register id a span points at, whatever the attribute and pointer form."""
    value = attrs.get("corresp") or attrs.get("ref") or attrs.get("target") or ""
    first = value.split()[0] if value.split() else ""
    return first.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or None


def _date_value(attrs: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Normalised date attributes, compared to the second."""
    return tuple((k, attrs[k][:19]) for k in DATE_ATTRIBUTES if attrs.get(k))


class Scores:
    """Counts gathered over documents; ``summary()`` turns them into figures."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.similarity_sum = 0.0
        self.missing: list[str] = []

    def add(self, reference: FlatDocument, system: FlatDocument) -> None:
        """Score one document pair."""
        align = Alignment(system.stream, reference.stream)
        c = self.count
        c["docs"] += 1
        self.similarity_sum += align.similarity
        c["text.exact"] += system.text == reference.text
        c["head.n"] += 1
        c["head.ok"] += system.head == reference.head
        c["docnum.n"] += 1
        c["docnum.ok"] += (system.n or "") == (reference.n or "")
        self._page_breaks(reference, system, align)
        self._notes(reference, system, align)
        for name in SPAN_ELEMENTS:
            self._spans(name, reference.spans.get(name, []), system.spans.get(name, []), align)

    def _tally(self, key: str, gold: set[Any], found: set[Any]) -> set[Any]:
        hit = gold & found
        self.count[key + ".tp"] += len(hit)
        self.count[key + ".fp"] += len(found) - len(hit)
        self.count[key + ".fn"] += len(gold) - len(hit)
        return hit

    def _page_breaks(self, ref: FlatDocument, sys_: FlatDocument, align: Alignment) -> None:
        self._tally("pb", set(ref.pbs), {(n, align(off)) for n, off in sys_.pbs})

    def _notes(self, ref: FlatDocument, sys_: FlatDocument, align: Alignment) -> None:
        """Pair each reference note with the most similar unused system note."""
        c = self.count
        used: set[int] = set()
        for gold in ref.notes:
            c["note.n"] += 1
            c["note_anchor.gold"] += 1
            c["note_source.gold"] += gold.type == "source"
            best, best_i = 0.0, None
            for i, cand in enumerate(sys_.notes):
                if i in used:
                    continue
                ratio = difflib.SequenceMatcher(None, gold.text, cand.text,
                                                autojunk=False).quick_ratio()
                if ratio > best:
                    best, best_i = ratio, i
            if best_i is None or best < NOTE_MATCH:
                continue
            used.add(best_i)
            match = sys_.notes[best_i]
            c["note.ok"] += 1
            c["note_anchor.n"] += 1
            c["note_anchor.ok"] += align(match.anchor) == gold.anchor
            if gold.type == "source":
                c["note_source.n"] += 1
                c["note_source.ok"] += match.type == "source"
        c["note.extra"] += len(sys_.notes) - len(used)
        c["note.system"] += len(sys_.notes)

    def _spans(self, name: str, gold_list: list[Annotation], sys_list: list[Annotation],
               align: Alignment) -> None:
        c = self.count
        gold = {(a.start, a.end): a for a in gold_list}
        found: dict[tuple[Any, ...], Annotation] = {}
        for a in sys_list:
            start, end = align(a.start), align(a.end)
            key = (start, end) if start is not None and end is not None else ("x", a.start, a.end)
            found[key] = a
        hit = self._tally(name, set(gold), set(found))
        for g in gold.values():
            if name in LINKED and _link(g.attrs):
                c[name + "_link.gold"] += 1
            if name == "date" and _date_value(g.attrs):
                c["date_value.gold"] += 1
                c["dateline_when.gold"] += g.in_dateline
        aligned = [k for k in found if k[0] != "x"]
        c[name + "_overlap.tp_sys"] += sum(
            any(k[0] < ge and gs < k[1] for gs, ge in gold) for k in aligned)
        c[name + "_overlap.tp_gold"] += sum(
            any(k[0] < ge and gs < k[1] for k in aligned) for gs, ge in gold)
        for key in hit:
            g, s = gold[key], found[key]
            if name in LINKED and _link(g.attrs):
                c[name + "_link.n"] += 1
                c[name + "_link.ok"] += _link(s.attrs) == _link(g.attrs)
            if name == "date" and _date_value(g.attrs):
                same = _date_value(s.attrs) == _date_value(g.attrs)
                c["date_value.n"] += 1
                c["date_value.ok"] += same
                if g.in_dateline:
                    c["dateline_when.n"] += 1
                    c["dateline_when.ok"] += same
        if name == "date":  # a dateline date missed altogether is a wrong dateline value
            c["dateline_when.n"] += sum(1 for k, g in gold.items()
                                        if g.in_dateline and _date_value(g.attrs)
                                        and k not in hit)

    def _prf(self, key: str) -> tuple[float, float, float]:
        tp, fp, fn = (self.count[f"{key}.{x}"] for x in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def _accuracy(self, key: str) -> tuple[float, int]:
        """Share right of the items both sides have; 0 when the reference had some but
        the system matched none (a missing feature must not score a perfect 1)."""
        ok, n = self.count[key + ".ok"], self.count[key + ".n"]
        if n:
            return ok / n, n
        return (0.0 if self.count[key + ".gold"] else 1.0), n

    def summary(self) -> dict[str, Any]:
        """The figures, in the scorer's JSON layout (note also gets p/r/f1)."""
        c = self.count
        out: dict[str, Any] = {
            "docs": c["docs"],
            "text_similarity": round(self.similarity_sum / max(c["docs"], 1), 4),
            "text_exact": c["text.exact"],
        }
        for key in ACCURACIES:
            acc, n = self._accuracy(key)
            out[key] = {"acc": round(acc, 4), "n": n}
        note_p = c["note.ok"] / c["note.system"] if c["note.system"] else 1.0
        note_r = c["note.ok"] / c["note.n"] if c["note.n"] else 1.0
        note_f = 2 * note_p * note_r / (note_p + note_r) if note_p + note_r else 0.0
        out["note"].update(extra=c["note.extra"], gold=c["note.n"], system=c["note.system"],
                           p=round(note_p, 4), r=round(note_r, 4), f1=round(note_f, 4))
        for key in ("pb", *SPAN_ELEMENTS):
            p, r, f = self._prf(key)
            gold = c[key + ".tp"] + c[key + ".fn"]
            system = c[key + ".tp"] + c[key + ".fp"]
            out[key] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4),
                        "gold": gold, "system": system}
            if key in SPAN_ELEMENTS:
                tp_gold, tp_sys = c[key + "_overlap.tp_gold"], c[key + "_overlap.tp_sys"]
                out[key]["overlap_r"] = round(tp_gold / gold, 4) if gold else 1.0
                out[key]["overlap_p"] = round(tp_sys / system, 4) if system else 1.0
        out["missing"] = list(self.missing)
        return out


def _natural_key(path: Path) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name))


def pair_files(system: Path, reference: Path) -> list[tuple[Path, Path]]:
    """(reference, system) pairs: two files, or every reference ``*.xml`` with its namesake."""
    if reference.is_file():
        target = system / reference.name if system.is_dir() else system
        return [(reference, target)]
    if not reference.is_dir():
        raise InputError(f"{reference}: no such file or folder")
    if not system.is_dir():
        raise InputError(f"{system}: must be a folder when the reference is a folder")
    refs = sorted(reference.glob("*.xml"), key=_natural_key)
    if not refs:
        raise InputError(f"{reference}: no .xml files to compare against")
    return [(ref, system / ref.name) for ref in refs]


def evaluate(system: Path, reference: Path) -> dict[str, Any]:
    """Score ``system`` (file or folder) against ``reference``; the figures as a dict.

    A system file that is missing or not well-formed scores as an empty document and is
    listed under ``missing``; an unreadable reference is an error.
    """
    scores = Scores()
    for ref_path, sys_path in pair_files(Path(system), Path(reference)):
        ref = load_document(ref_path)
        try:
            found = load_document(sys_path) if sys_path.is_file() else None
        except InputError:
            found = None
        if found is None:
            scores.missing.append(sys_path.stem)
            found = FlatDocument.empty()
        scores.add(ref, found)
    return scores.summary()


TABLE_ROWS: list[tuple[str, str, str]] = [
    ("text kept (similarity)", "text_similarity", ""),
    ("head exact", "head", "acc"),
    ("document number", "docnum", "acc"),
    ("notes found", "note", "acc"),
    ("note anchors", "note_anchor", "acc"),
    ("source note typed", "note_source", "acc"),
    ("persName links", "persName_link", "acc"),
    ("gloss targets", "gloss_link", "acc"),
    ("date values", "date_value", "acc"),
    ("dateline @when", "dateline_when", "acc"),
]
"""Single-figure rows of the terminal table: label, key, field."""


def table_rows(result: dict[str, Any]) -> tuple[list[list[str]], list[list[str]]]:
    """The figures as two tables: P/R/F1 per element, then accuracies."""
    prf = [[key, str(result[key]["gold"]), str(result[key]["system"]),
            f"{result[key]['p']:.3f}", f"{result[key]['r']:.3f}", f"{result[key]['f1']:.3f}"]
           for key in ("persName", "date", "placeName", "gloss", "pb", "note")]
    acc = []
    for label, key, sub in TABLE_ROWS:
        value = result[key] if not sub else result[key][sub]
        n = "" if not sub else str(result[key]["n"])
        acc.append([label, f"{value:.3f}", n])
    return prf, acc
