"""TEI → the plain-text form teiwright reads: for round-trip checks and plain exports.

Page breaks come back as ``[Page N]``, notes as glued markers with the numbered list
at the end, lists as ``  •`` items. Converting a text and exporting it again gives the
input back up to whitespace, which is how the tests prove that no text was lost.
"""

from __future__ import annotations

from typing import cast

from lxml import etree

from ..namespaces import TEI_NS

T = f"{{{TEI_NS}}}"


class PlainTextWriter:
    """Renders a TEI document (ours or any with ``div type="document"``) as plain text."""

    name = "text"

    def __init__(self) -> None:
        self.notes: list[etree._Element] = []

    def write(self, tree: etree._ElementTree | etree._Element) -> str:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        self.notes = []
        divs = cast("list[etree._Element]",
                    root.xpath("//t:div[@type='document']", namespaces={"t": TEI_NS}))
        target = divs[0] if divs else root.find(f".//{T}body")
        paragraphs = self.blocks(target if target is not None else root)
        out = "\n\n".join(p for p in paragraphs if p.strip())
        notes = []
        for note in self.notes:
            paras = note.findall(f"{T}p")
            texts = [self.inline(p) for p in paras] if paras else [self.inline(note)]
            first, *rest = texts
            notes.append("  " + note.get("n", "") + ". " + first
                         + "".join("\n\n    " + t for t in rest))
        return out + ("\n" + "\n".join(notes) if notes else "") + "\n"

    def blocks(self, el: etree._Element) -> list[str]:
        out: list[str] = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "pb":
                out.append(f"[Page {child.get('n')}]")
            elif name in ("head", "p", "dateline", "salute") or name == "note":
                out.append(self.inline(child))
            elif name in ("opener", "quote", "div"):
                out.extend(self.blocks(child))
            elif name == "list":
                out.append("\n".join(self.list_lines(child, 2)))
            elif name == "closer":
                out.extend(self.closer_lines(child))
        return out

    def list_lines(self, lst: etree._Element, indent: int) -> list[str]:
        lines: list[str] = []
        head = lst.find(f"{T}head")
        if head is not None and indent == 2:
            lines.extend([self.inline(head), ""])
        for item in lst.findall(f"{T}item"):
            sub = item.find(f"{T}list")
            if sub is not None:
                sub_head = sub.find(f"{T}head")
                lines.append(" " * indent + "• " + (self.inline(sub_head)
                                                     if sub_head is not None else ""))
                lines.extend(self.list_lines(sub, indent + 4))
            else:
                lines.append(" " * indent + "• " + self.inline(item))
        return lines

    def closer_lines(self, closer: etree._Element) -> list[str]:
        """Signature lines: ``lb`` breaks the lines, page breaks and notes as in text."""
        return ["\n".join(self.inline(signed).strip()
                          for signed in closer.iter(f"{T}signed"))]

    def _marker(self, note: etree._Element) -> str:
        self.notes.append(note)
        return note.get("n", "")

    def inline(self, el: etree._Element) -> str:
        parts = [el.text or ""]
        for c in el:
            if isinstance(c.tag, str):
                name = etree.QName(c).localname
                if name == "pb":
                    parts.append(f"[Page {c.get('n')}]")
                elif name == "note":
                    parts.append(self._marker(c))
                elif name == "lb":
                    parts.append("\n")
                else:
                    parts.append(self.inline(c))
            parts.append(c.tail or "")
        return "".join(parts)
