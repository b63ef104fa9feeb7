"""Join the separately typeset parts of a volume into one PDF that reads as one book.

Concatenating pages is not enough for an archival, accessible book: each part brings
its own structure tree (the tags), page labels, named destinations and bookmarks, and
links from one part to another were written as placeholders (see ``typst.xsl``). The
join keeps the first part's catalogue (PDF/A identification, output intent, language,
metadata), then for every later part

* appends its pages, and its tags as a ``Div`` (a grouping without meaning of its own)
  under the first part's ``Document`` element, with the keys that tie pages and links
  to the tags shifted past those already used;
* merges page labels, named destinations and tag ids (renamed to stay unique);
* appends its bookmarks, under the last top-level bookmark when the part continues it;

and finally turns every placeholder link into a link to the named destination.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..atomic import write_atomic
from .typst_part import PdfError, named_destinations, tree_entries


@dataclass(frozen=True)
class Part:
    """A typeset part as the join takes it."""

    pdf: Path
    skip_first: bool = False
    """Its first page is the blank page that only set the page parity: dropped."""
    nested: bool = False
    """Its top-level bookmarks continue the last top-level bookmark before it."""
    pages: int | None = None
    """Only its first this many pages are kept (the rest is typeset again by the next
    part, see ``PrintBook.natural_cut``); with them go the tags, destinations and
    bookmarks of what stood on the pages left out."""


class _Joiner:
    """The book being assembled, starting from the first part."""

    def __init__(self, first: Part) -> None:
        self.book = pikepdf.open(first.pdf)
        if first.skip_first:
            del self.book.pages[0]
        self.labels = _page_labels(self.book, first.skip_first, 0)
        self.destinations = dict(named_destinations(self.book))
        tree = self.book.Root.get("/StructTreeRoot")
        self.tags = tree if isinstance(tree, Dictionary) else None
        self.parents: list[tuple[int, pikepdf.Object]] = []
        self.ids: list[tuple[str, pikepdf.Object]] = []
        self.next_key = 0
        if self.tags is not None:
            self.document = _document_element(self.tags)
            self.parents = [(int(k), v) for k, v in tree_entries(self.tags.get("/ParentTree"),
                                                                 "/Nums")]
            self.ids = [(str(k), v) for k, v in tree_entries(self.tags.get("/IDTree"), "/Names")]
            self.next_key = int(self.tags.get("/ParentTreeNextKey", 0))
        with self.book.open_outline() as outline:
            self.outline: list[pikepdf.OutlineItem] = list(outline.root)

    def append(self, part: Part, number: int) -> None:
        """Add ``part`` (the ``number``-th, for renaming its tag ids) after the pages so far."""
        with pikepdf.open(part.pdf) as source:
            start = len(self.book.pages)
            skip = 1 if part.skip_first else 0
            end = len(source.pages) if part.pages is None else part.pages
            page_of = {page.obj.objgen: i for i, page in enumerate(source.pages)}
            with warnings.catch_warnings():  # named destinations are merged below
                warnings.simplefilter("ignore", pikepdf.exceptions.PageCopyWarning)
                self.book.pages.extend(list(source.pages)[skip:end])
            offset = self.next_key
            for index in range(start, len(self.book.pages)):
                page = self.book.pages[index]
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + offset
                for annot in page.obj.get("/Annots", Array()):
                    if "/StructParent" in annot:
                        annot.StructParent = int(annot.StructParent) + offset
            self.labels += _page_labels(source, part.skip_first, start, end)
            for name, dest in named_destinations(source).items():
                if _page(dest, page_of) < end:
                    self.destinations[name] = self.book.copy_foreign(dest)
            dropped = {key for page in list(source.pages)[end:] for key in _keys(page.obj)}
            self._append_tags(source, offset, number, end, page_of, dropped)
            self._append_outline(source, part.nested, end, page_of)

    def _append_tags(self, source: pikepdf.Pdf, offset: int, number: int, end: int,
                     page_of: dict[tuple[int, int], int], dropped: set[int]) -> None:
        """Hang the part's tags under ours, without those of the pages from ``end`` on
        (their parent-tree keys are ``dropped``)."""
        theirs = source.Root.get("/StructTreeRoot")
        if self.tags is None or not isinstance(theirs, Dictionary):
            return
        kids = list(_document_element(theirs).K)
        cut = next((i for i, kid in enumerate(kids) if _first_page(kid, page_of) >= end),
                   len(kids))
        removed = {objgen for kid in kids[cut:] for objgen in _subtree(kid)}
        parents = tree_entries(theirs.get("/ParentTree"), "/Nums")
        ids = tree_entries(theirs.get("/IDTree"), "/Names")
        tree = self.book.copy_foreign(theirs)
        assert isinstance(tree, Dictionary)
        group = _document_element(tree)
        group.K = Array(list(group.K)[:cut])
        group.S = Name.Div
        group.P = self.document
        self.document.K.append(group)
        copied = tree_entries(tree.get("/ParentTree"), "/Nums")
        self.parents += [(int(k) + offset, v) for (k, _), (_, v) in zip(parents, copied,
                                                                          strict=True)
                         if int(k) not in dropped]
        copied = tree_entries(tree.get("/IDTree"), "/Names")
        for (key, original), (_, element) in zip(ids, copied, strict=True):
            if original.objgen not in removed:
                renamed = f"{key} ({number})"
                element.ID = String(renamed)
                self.ids.append((renamed, element))
        self.next_key = offset + int(tree.get("/ParentTreeNextKey", 0))
        for mapping in ("/RoleMap", "/ClassMap"):
            mine, ours = tree.get(mapping), self.tags.get(mapping)
            if isinstance(mine, Dictionary):
                merged = ours if isinstance(ours, Dictionary) else Dictionary()
                for name, value in mine.items():
                    if name not in merged:
                        merged[name] = value
                self.tags[mapping] = merged

    def _append_outline(self, source: pikepdf.Pdf, nested: bool, end: int,
                        page_of: dict[tuple[int, int], int]) -> None:
        with source.open_outline() as outline:
            items = [self._copy_item(item, end, page_of) for item in outline.root
                     if _page(item.destination, page_of) < end]
        if nested and self.outline:
            self.outline[-1].children.extend(items)
        else:
            self.outline.extend(items)

    def _copy_item(self, item: pikepdf.OutlineItem, end: int,
                   page_of: dict[tuple[int, int], int]) -> pikepdf.OutlineItem:
        target = item.destination
        if isinstance(target, Array):
            target = cast(Array, self.book.copy_foreign(target))
        copy = pikepdf.OutlineItem(item.title, destination=target)
        copy.children.extend(self._copy_item(child, end, page_of) for child in item.children
                             if _page(child.destination, page_of) < end)
        return copy

    def finish(self, link_prefix: str, link_texts: Mapping[str, str]) -> bytes:
        """Write the merged trees, resolve placeholder links, and return the PDF."""
        root = self.book.Root
        if self.tags is not None:
            self.tags.ParentTree = self.book.make_indirect(
                Dictionary(Nums=Array([x for k, v in sorted(self.parents, key=lambda p: p[0])
                                       for x in (k, v)])))
            self.tags.ParentTreeNextKey = self.next_key
            if self.ids:
                self.tags.IDTree = self.book.make_indirect(Dictionary(Names=_name_array(self.ids)))
        if self.labels:
            root.PageLabels = Dictionary(Nums=Array([x for k, v in self.labels for x in (k, v)]))
        if self.destinations:
            names = root.get("/Names", Dictionary())
            names.Dests = self.book.make_indirect(
                Dictionary(Names=_name_array(list(self.destinations.items()))))
            root.Names = names
        with self.book.open_outline() as outline:
            outline.root[:] = self.outline
        self._resolve_links(link_prefix, link_texts)
        self._hyphens_read_as_hyphens()
        self._count_pages()
        out = io.BytesIO()
        self.book.save(out, deterministic_id=True)
        return out.getvalue()

    def _resolve_links(self, prefix: str, texts: Mapping[str, str]) -> None:
        for page in self.book.pages:
            for annot in page.obj.get("/Annots", Array()):
                action = annot.get("/A")
                uri = str(action.get("/URI", "")) if isinstance(action, Dictionary) else ""
                if not uri.startswith(prefix):
                    continue
                label = uri.removeprefix(prefix)
                if label not in self.destinations:
                    raise PdfError(f"the volume links to {label!r}, which no part typeset")
                del annot["/A"]
                annot.Dest = String(label)
                annot.Contents = String(texts.get(label, label))

    def _hyphens_read_as_hyphens(self) -> None:
        """Map the hyphen glyph to U+002D in every font's ToUnicode table.

        A glyph has one Unicode value per font subset, and Typst gives the hyphen glyph
        that of its first use in the part: U+00AD (soft hyphen) when a line-end
        hyphenation comes before any real hyphen. Copied or searched text then reads
        "long-standing" as "long\u00adstanding" in some parts of the book and not in
        others; as U+002D it reads the same everywhere, as a one-piece compile does.
        """
        done: set[tuple[int, int]] = set()
        for page in self.book.pages:
            fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
            for font in fonts.values():
                table = font.get("/ToUnicode")
                if not isinstance(table, pikepdf.Stream) or table.objgen in done:
                    continue
                done.add(table.objgen)
                data = table.read_bytes()
                fixed = re.sub(rb"(<[0-9A-Fa-f]+>\s*)<00[Aa][Dd]>", rb"\1<002D>", data)
                if fixed != data:
                    table.write(fixed)

    def _count_pages(self) -> None:
        """The XMP packet states the page count; the first part's is no longer true."""
        metadata = self.book.Root.get("/Metadata")
        if not isinstance(metadata, pikepdf.Stream):
            return
        xmp = metadata.read_bytes()
        count = f"<xmpTPg:NPages>{len(self.book.pages)}</xmpTPg:NPages>".encode()
        metadata.write(re.sub(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>", count, xmp))


def join_parts(parts: Sequence[Part], out: Path, *, link_prefix: str,
               link_texts: Mapping[str, str]) -> Path:
    """Join ``parts`` in order into ``out`` (written atomically).

    ``link_prefix`` marks placeholder links (``prefix + label``); ``link_texts`` gives
    the alternative text of each such link, by label.
    """
    joiner = _Joiner(parts[0])
    try:
        for number, part in enumerate(parts[1:], start=2):
            joiner.append(part, number)
        write_atomic(out, joiner.finish(link_prefix, link_texts))
    finally:
        joiner.book.close()
    return out


def _document_element(tree: Dictionary) -> Dictionary:
    """The ``Document`` element at the top of a structure tree (Typst writes one)."""
    top = tree.get("/K")
    element = top[0] if isinstance(top, Array) and len(top) == 1 else top
    if not isinstance(element, Dictionary):
        raise PdfError("a part's structure tree has no single top element to join under")
    if not isinstance(element.get("/K"), Array):
        element.K = Array([element.K]) if "/K" in element else Array()
    return element


def _page(dest: object, page_of: dict[tuple[int, int], int]) -> int:
    """The page index an explicit destination points at (0 when it names no page)."""
    if isinstance(dest, Array) and len(dest) and isinstance(dest[0], Dictionary):
        return page_of.get(dest[0].objgen, 0)
    return 0


def _keys(page: Dictionary) -> list[int]:
    """The parent-tree keys a page and its annotations use."""
    keys = [int(page.StructParents)] if "/StructParents" in page else []
    return keys + [int(a.StructParent) for a in page.get("/Annots", Array())
                   if "/StructParent" in a]


def _first_page(element: pikepdf.Object | None, page_of: dict[tuple[int, int], int]) -> int:
    """The first page a structure element has content on (-1 when none is named)."""
    if not isinstance(element, Dictionary):
        return -1
    if "/Pg" in element:
        return page_of.get(element.Pg.objgen, -1)
    kids = element.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        page = _first_page(kid, page_of)
        if page >= 0:
            return page
    return -1


def _subtree(element: pikepdf.Object) -> list[tuple[int, int]]:
    """The object ids of a structure element and of all elements below it."""
    found: list[tuple[int, int]] = []
    todo: list[pikepdf.Object | None] = [element]
    while todo:
        node = todo.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue
        found.append(node.objgen)
        kids = node.get("/K")
        todo.extend(kids if isinstance(kids, Array) else [kids])
    return found


def _page_labels(book: pikepdf.Pdf, skip_first: bool, start: int,
                 end: int | None = None) -> list[tuple[int, Dictionary]]:
    """The part's page-label ranges re-keyed to the joined book's page indexes.

    A label holds only names, numbers and a string, so a fresh copy can move to
    another PDF; a dropped first page hands its range on to the next page.
    """
    entries = [(int(k), Dictionary({key: value for key, value in v.items()}))
               for k, v in tree_entries(book.Root.get("/PageLabels"), "/Nums")]
    skip = 1 if skip_first else 0
    if skip and entries and all(k != skip for k, _ in entries):
        key, label = max(((k, v) for k, v in entries if k < skip), key=lambda e: e[0])
        moved = Dictionary({k: v for k, v in label.items()})
        moved.St = int(label.get("/St", 1)) + (skip - key)
        entries.append((skip, moved))
    end = len(book.pages) if end is None else end
    return [(start + k - skip, v) for k, v in sorted(entries, key=lambda e: e[0])
            if skip <= k < end]


def _name_array(pairs: list[tuple[str, pikepdf.Object]]) -> Array:
    """A flat name-tree ``/Names`` array: keys in byte order, as the format requires."""
    ordered = sorted(pairs, key=lambda p: bytes(String(p[0])))
    return Array([x for key, value in ordered for x in (String(key), value)])
