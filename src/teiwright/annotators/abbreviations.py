"""Abbreviations: each registered term in the text becomes ``<gloss target="#id">``.

FRUS editors link every abbreviation to the volume's list of abbreviations, in the
text, the heads and the footnotes alike, so readers get the expansion and search gets
the link. The pass runs after dates and names and never puts a gloss inside or across
one of them, a place name or a cross-reference. The rules, as the FRUS editors apply them:

* Case as the register writes it: ``Nodis`` matches ``Nodis`` but not ``NODIS``. An
  all-capitals term also matches its mixed-case spelling with at least two capitals
  (``DoD`` for ``DOD``), which editors link to the same entry.
* Whole words only: never inside a word (``CZ`` not in ``CZG``), but ``/`` and dashes
  separate words (``48/Secto``, ``DOA–DOD``), and the longest registered term wins
  (``ARA/LA/PAN`` before ``ARA``). Single-letter terms (``D``, ``S``) are too ambiguous
  (initials, list labels) and are never matched.
* Plurals join the gloss (``IFIs`` for ``IFI``, and ``IFI`` for a register's ``IFIs``);
  possessives stay outside it (``<gloss>ISA</gloss>’s``).
* A lower-case word of two or more letters glued to an all-capitals term (``DODhas``, a
  web-copy artefact where a space was lost) leaves the term glossed and the word outside.

All-capitals tokens the register does not know (``NIE``, ``USG``) are collected in
``ctx.suggestions["terms"]``, once per document, for the editor to add or dismiss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Date, Document, Gloss, PersName, PlaceName, Ref, TextContainer
from ..registers.terms import Term, TermRegister
from . import Band, Context

BLOCKING = (PersName, Date, PlaceName, Ref, Gloss)
"""Spans a gloss may neither enter nor cross (and earlier glosses)."""
LEFT = r"(?<![^\W_])(?<!&)"
"""No letter, digit or ``&`` just before a term."""
CAPS_TOKEN = re.compile(r"(?=[A-Z])" + LEFT + r"(?<![.’'])(?<![A-Z0-9&]/)"
                        r"[A-Z][A-Z0-9&]*(?:/[A-Z0-9&]+)*s?(?![^\W_])")
"""A capitals token for suggestions: ``NIE``, ``U/SM``, ``IFIs``; not after a full stop
(``U.S``) nor inside a slash compound. (The leading lookahead only makes the search
skip most characters before testing what precedes them.)"""
ROMAN = re.compile(r"^(?=[IVXLC]+$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
LONG_WORD = re.compile(r"\b[^\W\d_]{3,}\b")


@dataclass(slots=True, frozen=True)
class _Form:
    """One spelling that stands for a term: the term itself or its singular."""

    text: str
    term: Term

    @property
    def capitals(self) -> bool:
        """All capitals (``DOD``, ``ARA/LA``): the forms that take plurals and variants."""
        return not any(c.islower() for c in self.text)


class TermMatcher:
    """Finds registered terms in a string, with the case and boundary rules above."""

    def __init__(self, terms: list[Term]) -> None:
        self._forms: dict[str, list[_Form]] = {}
        for term in terms:
            if sum(c.isalnum() for c in term.term) < 2:
                continue
            spellings = [term.term]
            if re.fullmatch(r"[A-Z0-9/&.\-]*[A-Z]{2}s", term.term):
                spellings.append(term.term[:-1])
            for text in spellings:
                self._forms.setdefault(text.lower(), []).append(_Form(text, term))
        self._lengths = sorted({len(k) for k in self._forms}, reverse=True)
        self._pattern = re.compile(f"{LEFT}{_trie(self._forms)}" if self._forms else "(?!)",
                                   re.IGNORECASE)
        """Where some form starts; ``_longest`` then decides which one, if any, applies."""

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """``(start, end, term)`` for every occurrence, left to right, never overlapping."""
        found: list[tuple[int, int, Term]] = []
        pos = 0
        while (m := self._pattern.search(text, pos)) is not None:
            hit = self._longest(text, m.start())
            found += [hit] if hit else []
            pos = hit[1] if hit else m.start() + 1
        return found

    def _longest(self, text: str, start: int) -> tuple[int, int, Term] | None:
        """The longest form at ``start`` that passes the case and boundary rules.

        A longer spelling that fails them (``ARA/La`` in ``ARA/La Paz``, if ``ARA/LA``
        is registered) must not hide a shorter one that passes (``ARA``)."""
        for length in self._lengths:
            if start + length > len(text):
                continue
            forms = self._forms.get(text[start:start + length].lower())
            hit = forms and self._accept(text, start, start + length, forms)
            if hit:
                return hit
        return None

    @staticmethod
    def _accept(text: str, start: int, end: int,
                forms: list[_Form]) -> tuple[int, int, Term] | None:
        written = text[start:end]
        form = next((f for f in forms if f.text == written), None)
        if form is None:
            form = next((f for f in forms if f.capitals and _variant(written)), None)
        if form is None:
            return None
        rest = text[end:end + 2]
        if not rest or not rest[0].isalnum():
            return start, end, form.term
        if not form.capitals or not written[-1].isupper():
            return None
        if rest[0] == "s" and (len(rest) == 1 or not rest[1].isalnum()):
            return start, end + 1, form.term
        if len(rest) == 2 and rest.isalpha() and rest.islower():
            return start, end, form.term
        return None


_MATCHERS: dict[int, tuple[TermRegister, TermMatcher]] = {}


def matcher_for(register: TermRegister) -> TermMatcher:
    """The matcher of ``register``, built once per register object, not per document
    (a register is not changed once loaded)."""
    cached = _MATCHERS.get(id(register))
    if cached is None or cached[0] is not register:
        cached = (register, TermMatcher(register.terms))
        _MATCHERS[id(register)] = cached
    return cached[1]


class Abbreviations:
    """Glosses registered abbreviations and suggests unknown ones.

    ``RG 59, Box 3, DOA–DODhas``  →  ``<gloss target="#t_RG_1">RG</gloss> 59, Box 3,
    DOA–<gloss target="#t_DOD_1">DOD</gloss>has``; ``DOA`` goes to the suggestions.
    """

    name = "abbreviations"
    priority = Band.TERMS

    def apply(self, doc: Document, ctx: Context) -> None:
        matcher = matcher_for(ctx.terms) if ctx.terms is not None else None
        unknown: list[str] = []
        for container in doc.containers():
            if matcher is not None:
                for start, end, term in matcher.find(container.text):
                    if not container.overlaps(start, end, BLOCKING):
                        container.add(Gloss(container.lines, start=start, end=end,
                                            source=self.name, target=term.id))
            for token in unknown_abbreviations(container):
                if token not in unknown:
                    unknown.append(token)
        if unknown:
            ctx.suggestions.setdefault("terms", []).extend(unknown)


def unknown_abbreviations(container: TextContainer) -> list[str]:
    """All-capitals tokens not covered by a span, that read as abbreviations.

    Left out: tokens with digits (archive numbers such as ``D740326``), roman numerals
    (``XXXI``), captions (``SUBJECT:``, or alone on a line) and lines set in capitals
    (``TREATY NEGOTIATIONS``), where capitals mark a heading, not an abbreviation.
    """
    text = container.text
    tokens: list[str] = []
    for m in CAPS_TOKEN.finditer(text):
        token = m.group()
        if (sum(c.isupper() for c in token) < 2 or any(c.isdigit() for c in token)
                or ROMAN.match(token) or text[m.end():m.end() + 1] == ":"
                or container.overlaps(m.start(), m.end(), BLOCKING)
                or _heading(text, m.start(), token)):
            continue
        tokens.append(token)
    return tokens


def _heading(text: str, pos: int, token: str) -> bool:
    """True if the line around ``pos`` is a caption (``SUBJECT``) or mostly capitals."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if line.strip(" .:") == token:
        return True
    caps = len(CAPS_WORD.findall(line))
    return caps >= 2 and 2 * caps > len(LONG_WORD.findall(line))


_Trie = dict[str, "_Trie"]
"""Next character → the rest; ``""`` marks the end of a word."""


def _trie(words: Iterable[str]) -> str:
    """A regex for ``words`` with shared prefixes factored out: ``(?:ara(?:/(?:la|pan))?)``.

    The regex engine tries the branches of an alternation one by one at every position,
    so a flat list of sixty terms costs sixty tests per character; the trie a few.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(root)


def _branches(node: _Trie) -> str:
    alternatives = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not alternatives:
        return ""
    group = "(?:" + "|".join(alternatives) + ")"
    return group + "?" if "" in node else group


def _variant(written: str) -> bool:
    """A mixed-case spelling of an all-capitals term: ``DoD``, ``SecState``, ``ARA/PanCan``.

    Each part (between slashes or spaces) starts with a capital and has two of them, so
    an ordinary word (``Sofa``, the ``La`` of ``ARA/La Paz``) never passes for a term."""
    return all(part[:1].isupper() and sum(c.isupper() for c in part) >= 2
               for part in re.split(r"[/ ]", written))

