"""Persons: find people's names and link each ``persName`` to the persons register.

A separate pass because who a name is depends on the whole document (a full name in
the signature settles a bare surname in the heading) and on the register, neither of
which the reader knows. It runs in three steps over the document:

1. *find*: in every run of name-shaped words (``names.runs``), a register surname
   with the forenames that agree with it (``S. Morey Bell``, ``Omar Torrijos``), or a
   title followed by a name (``Under Secretary Casey``), a name standing alone in a
   signature or in a heading's parentheses, or after a source note's ``Drafted by``;
   then bare repeats of the names found so far;
2. *resolve*: a surname shared by several people is settled by the forenames written,
   a full name elsewhere in the document, or the title and the year against the offices
   the register gives; what stays ambiguous is left untagged, with a warning, since
   FRUS links every ``persName`` and a guess would be worse than a gap;
3. *emit*: titles stay outside the element, as FRUS writes ``Secretary <persName>``.

With a register, FRUS practice is followed: every ``persName`` points into the list,
so names the register lacks go to ``ctx.suggestions["persons"]`` for an editor instead
of into the text. Without a register every name found is tagged, unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Dateline, Document, Head, PersName, Signed, TextContainer
from ..registers.persons import Person, PersonRegister
from . import Band, Context
from .names import (
    HYPHENS,
    HYPOCORISMS,
    MODIFIERS,
    OFFICE_WORDS,
    PARTICLES,
    SUFFIX,
    THINGS,
    TITLES,
    Token,
    fold,
    runs,
    sentence_start,
    tokenize,
)

YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
FROM_YEAR = re.compile(r"\bfrom\s+(?:[A-Z][a-z]+\s+(?:\d{1,2},\s+)?)?(\d{4})")
UNTIL_YEAR = re.compile(r"\b(?:until|to)\s+(?:[A-Z][a-z]+\s+(?:\d{1,2},\s+)?)?(\d{4})")
WORD = re.compile(r"[^\W\d_]+")
CUES = frozenset({"drafted", "approved", "cleared", "initialed", "signed", "prepared"})
"""Verbs of FRUS source notes followed by ``by`` and the people who did it."""


@dataclass(slots=True)
class Mention:
    """A name found in a container, before it becomes a ``PersName``."""

    container: TextContainer
    start: int
    end: int
    key: str
    """Folded surname word that mentions of one person share (``flor`` for both
    ``de la Flor`` and ``Miguel Angel de La Flor Valle``)."""
    candidates: list[Person] = field(default_factory=list)
    """Register persons the name may be; empty for a name the register lacks."""
    forenames: bool = False
    """Whether forenames were written (the identification is then firm)."""
    title: str = ""
    """Title words just before the name (``Foreign Minister``)."""
    place_like: bool = False
    """A bare surname after ``in`` (``in Jordan``): kept only if the document also names
    the person with a title or forenames."""
    person: Person | None = None


class PersonIndex:
    """The register arranged for lookup: surname word sequences → persons."""

    def __init__(self, register: PersonRegister) -> None:
        self.register = register
        self.by_surname: dict[tuple[str, ...], list[Person]] = {}
        self.exact: set[tuple[tuple[str, ...], str]] = set()
        self.given: set[str] = set()
        for p in register.persons:
            full = _key_words(p.surname or p.name)
            self._add(full, p, exact=True)
            paternal = _paternal(full)
            if paternal != full:
                self._add(paternal, p, exact=False)
            self.given.update(fold(g).rstrip(".") for g in p.given if len(g.rstrip(".")) > 1)
            self.given.update(fold(n) for n in p.nicknames)
        self.longest = max((len(k) for k in self.by_surname), default=0)
        self.last_words = {k[-1] for k in self.by_surname}
        """The words a registered surname ends with: any other word ends none."""

    def _add(self, key: tuple[str, ...], p: Person, exact: bool) -> None:
        if not key:
            return
        people = self.by_surname.setdefault(key, [])
        if p not in people:
            people.append(p)
        if exact:
            self.exact.add((key, p.id))


_INDEXES: dict[int, tuple[PersonRegister, PersonIndex]] = {}


def index_for(register: PersonRegister) -> PersonIndex:
    """The index of ``register``, built once per register object."""
    cached = _INDEXES.get(id(register))
    if cached is None or cached[0] is not register:
        cached = (register, PersonIndex(register))
        _INDEXES[id(register)] = cached
    return cached[1]


class PersonNames:
    """Tags people's names as ``persName`` and links them to the persons register.

    ``Secretary Rogers said`` → ``Secretary <persName corresp="#p_RWP_1">Rogers</persName> said``
    """

    name = "persons"
    priority = Band.NAMES

    def apply(self, doc: Document, ctx: Context) -> None:
        index = index_for(ctx.persons) if ctx.persons is not None else None
        containers = [c for c in doc.containers() if not isinstance(c, Dateline)]
        year = _document_year(doc)
        finder = _Finder(index, containers)
        for c in containers:
            finder.scan(c)
        finder.repeats(containers)
        mentions = [m for m in finder.mentions if not m.place_like or m.key in finder.firm]
        _resolve(mentions, year)
        suggestions = ctx.suggestions.setdefault("persons", [])
        warned: set[str] = set()
        for m in mentions:
            label = m.container.text[m.start:m.end]
            if index is not None and not m.candidates:
                suggestions.append(label)  # every sighting: editors see how often
                continue
            if index is not None and m.person is None:
                if m.key not in warned:
                    warned.add(m.key)
                    ids = " or ".join(p.id for p in m.candidates)
                    doc.warn(m.container.lines[0], f"{label!r} may be {ids}; left untagged",
                             "person-ambiguous")
                continue
            if m.container.overlaps(m.start, m.end, (PersName,)):
                continue
            m.container.add(PersName(m.container.lines, start=m.start, end=m.end,
                                     source=self.name,
                                     corresp=m.person.id if m.person else None))
        if not suggestions:
            del ctx.suggestions["persons"]


class _Finder:
    """Step 1: collects mentions container by container."""

    def __init__(self, index: PersonIndex | None, containers: list[TextContainer]) -> None:
        self.index = index
        self.containers = containers
        self.mentions: list[Mention] = []
        self.firm: set[str] = set()
        """Surname keys written with a title or forenames somewhere in the document."""
        self.tokens: dict[int, tuple[list[Token], list[list[int]]]] = {}
        """Each container's tokens and name runs, kept for ``repeats``."""

    @cached_property
    def _text(self) -> str:
        """The whole document's text; the newlines keep words of two containers apart."""
        return "\n".join(c.text for c in self.containers)

    def written_lower(self, key: str) -> bool:
        """Whether the document also writes ``key`` as a whole lower-case word: then the
        capitalised word opening a sentence (``Bell``) may be that word (``bell``).

        Looked up for each word asked rather than by collecting all the document's
        words, since a document asks about one or two.
        """
        if not key.islower() or WORD.fullmatch(key) is None:
            return False
        text = self._text
        at = text.find(key)
        while at >= 0:
            end = at + len(key)
            if (at == 0 or not WORD.match(text, at - 1)) and not WORD.match(text, end):
                return True
            at = text.find(key, at + 1)
        return False

    def scan(self, c: TextContainer) -> None:
        toks = tokenize(c.text)
        name_runs = runs(toks)
        self.tokens[id(c)] = (toks, name_runs)
        for run in name_runs:
            used: set[int] = set()
            if self.index is not None:
                self._register_names(c, toks, run, used)
            self._titled_names(c, toks, run, used)
        if isinstance(c, Signed):
            self._whole(c, toks)
        elif isinstance(c, Head):
            self._parenthesised(c, toks)
        self._cued(c, toks)

    # -- names from the register ----------------------------------------------------

    def _register_names(self, c: TextContainer, toks: list[Token], run: list[int],
                        used: set[int]) -> None:
        assert self.index is not None
        index = self.index
        pos = len(run) - 1
        while pos >= 0:
            found = None
            last = toks[run[pos]]  # a registered surname ending here ends on a capital
            if last.kind == "cap" and last.key in index.last_words:
                for length in range(min(index.longest, pos + 1), 0, -1):
                    words = run[pos - length + 1: pos + 1]
                    if not used.isdisjoint(words):
                        continue
                    key = tuple(toks[i].key for i in words)
                    if key in index.by_surname:
                        found = (words, key)
                        break
            if found is None:
                pos -= 1
                continue
            words, key = found
            nxt = run.index(words[-1]) + 1
            if nxt < len(run) and toks[run[nxt]].kind == "cap" \
                    and toks[run[nxt]].gap not in HYPHENS \
                    and toks[run[nxt]].text not in OFFICE_WORDS:
                pos -= 1  # ``Howard Baker``: a forename of someone else
                continue
            first = run.index(words[0])
            found_mention = self._register_mention(c, toks, run, first, words, key)
            if found_mention is None:
                pos = first - 1
                continue
            mention, start_pos = found_mention
            self.mentions.append(mention)
            used.update(run[start_pos: run.index(words[-1]) + 1])
            pos = start_pos - 1

    def _register_mention(self, c: TextContainer, toks: list[Token], run: list[int],
                          first: int, words: list[int], key: tuple[str, ...]
                          ) -> tuple[Mention, int] | None:
        assert self.index is not None
        people = self.index.by_surname[key]
        exact = [p for p in people if (key, p.id) in self.index.exact]
        if exact and len(exact) < len(people) and len(key) > 1:
            people = exact
        best, chosen = 0, people
        for p in people:
            n = _agreeing(toks, run, first, p)
            if n and all(toks[run[k]].kind == "init" for k in range(first - n, first)) \
                    and _office_symbol_before(toks, run[first - n]):
                n = 0
            if n > best:
                best, chosen = n, [p]
            elif n == best and n > 0:
                chosen.append(p)
        start_pos = first - best
        left = run[start_pos - 1] if start_pos > 0 else None
        if left is not None and toks[left].kind == "cap" \
                and toks[left].key in self.index.given and toks[left].text not in OFFICE_WORDS:
            chosen = []  # ``Robert Kennedy`` when the register holds another Kennedy
            while start_pos > 0 and toks[run[start_pos - 1]].kind in ("cap", "init") \
                    and toks[run[start_pos - 1]].text not in OFFICE_WORDS:
                start_pos -= 1
        last = words[-1]
        end = _with_suffix(c.text, toks[last].end)
        if _is_thing(toks, last):
            return None
        title = _title_before(toks, run, start_pos)
        if not best and not title and sentence_start(toks, run[start_pos]) \
                and self.written_lower(toks[last].key):
            return None
        mention = Mention(c, toks[run[start_pos]].start, end, _paternal(key)[-1], chosen,
                          best > 0 and bool(chosen), title)
        first_tok = run[start_pos]
        mention.place_like = not best and not title and first_tok > 0 \
            and toks[first_tok - 1].text == "in" and _next_text(toks, last) not in ("’", "'")
        if best or title:
            self.firm.add(mention.key)
        return mention, start_pos

    # -- names the register does not hold ---------------------------------------------

    def _titled_names(self, c: TextContainer, toks: list[Token], run: list[int],
                      used: set[int]) -> None:
        titles = [k for k, i in enumerate(run) if toks[i].kind == "title"]
        if not titles or toks[run[titles[-1]]].text in MODIFIERS:
            return
        k = titles[-1] + 1
        while k < len(run) and toks[run[k]].text in OFFICE_WORDS:
            k += 1
        name = run[k:]
        if not name or any(i in used for i in name) or toks[name[-1]].kind != "cap":
            return
        if toks[name[0]].kind not in ("cap", "init", "part") or _is_thing(toks, name[-1]):
            return
        if any(toks[i].text in OFFICE_WORDS for i in name):
            return
        last = toks[name[-1]]
        self.mentions.append(Mention(c, toks[name[0]].start, _with_suffix(c.text, last.end),
                                     last.key, title=_title_before(toks, run, k)))
        self.firm.add(last.key)
        used.update(name)

    def _whole(self, c: Signed, toks: list[Token]) -> None:
        """A signature that is nothing but a name (``W.P. Clements, Jr.``)."""
        words = [t for t in toks if t.kind != "punct"]
        if not words or any(t.kind not in ("cap", "init", "part") for t in words
                            if t.text not in ("Jr.", "Sr.")):
            return
        name = [t for t in words if t.kind in ("cap", "init", "part")]
        if name[-1].kind != "cap" or self._covered(c, name[0].start):
            return
        self.mentions.append(Mention(c, name[0].start, _with_suffix(c.text, name[-1].end),
                                     name[-1].key))
        self.firm.add(name[-1].key)

    def _parenthesised(self, c: TextContainer, toks: list[Token]) -> None:
        """``… Affairs (Kubisch) to …``: FRUS headings name the office holder in brackets."""
        for i, t in enumerate(toks[:-2]):
            if t.text != "(":
                continue
            j = i + 1
            while j < len(toks) and toks[j].kind in ("cap", "init", "part"):
                j += 1
            if j == i + 1 or j >= len(toks) or toks[j].text != ")":
                continue
            if toks[j - 1].kind != "cap" or self._covered(c, toks[i + 1].start):
                continue
            if any(toks[k].text in OFFICE_WORDS for k in range(i + 1, j)):
                continue
            self.mentions.append(Mention(c, toks[i + 1].start, toks[j - 1].end,
                                         toks[j - 1].key))
            self.firm.add(toks[j - 1].key)

    def _cued(self, c: TextContainer, toks: list[Token]) -> None:
        """``Drafted by Bell and Bowdler``: source notes name the drafters after a cue."""
        if "by" not in c.text:
            return
        for i, t in enumerate(toks[:-1]):
            if t.text != "by" or i == 0 or toks[i - 1].text.lower() not in CUES:
                continue
            j = i + 1
            while j < len(toks) and toks[j].kind in ("cap", "init"):
                k = j
                while k + 1 < len(toks) and toks[k + 1].kind in ("cap", "init") \
                        and not toks[k + 1].gap.strip():
                    k += 1
                if toks[k].kind == "cap" and not self._covered(c, toks[j].start):
                    self.mentions.append(Mention(c, toks[j].start, toks[k].end, toks[k].key))
                    self.firm.add(toks[k].key)
                j = k + 1
                if j + 1 < len(toks) and toks[j].text in (",", "and") \
                        and toks[j + 1].kind in ("cap", "init"):
                    j += 1
                elif j + 2 < len(toks) and toks[j].text == "," and toks[j + 1].text == "and":
                    j += 2
                else:
                    break

    def _covered(self, c: TextContainer, offset: int) -> bool:
        return any(m.container is c and m.start <= offset < m.end for m in self.mentions)

    # -- bare repeats -------------------------------------------------------------------

    def repeats(self, containers: list[TextContainer]) -> None:
        """Bare surnames of people named with a title or in full elsewhere in the document."""
        known = {m.key: m for m in self.mentions if not m.candidates and m.key in self.firm}
        if not known:
            return
        for c in containers:
            toks, name_runs = self.tokens[id(c)]
            for run in name_runs:
                for i in run:
                    t = toks[i]
                    if t.kind != "cap" or t.key not in known or self._covered(c, t.start):
                        continue
                    if _is_thing(toks, i) or (sentence_start(toks, i)
                                              and self.written_lower(t.key)):
                        continue
                    k = run.index(i)
                    while k > 0 and toks[run[k - 1]].kind in ("cap", "init") \
                            and toks[run[k - 1]].text not in OFFICE_WORDS \
                            and not sentence_start(toks, run[k - 1]) \
                            and not _office_symbol_before(toks, run[k - 1]):
                        k -= 1  # the forenames of a repeat: ``… Henry Kissinger has``
                    start = toks[run[k]].start
                    if not self._covered(c, start):
                        self.mentions.append(Mention(c, start, t.end, t.key))


# ----------------------------------------------------------------------------- resolving


def _resolve(mentions: list[Mention], year: int | None) -> None:
    """Step 2: pick one person per mention, or none when the evidence is not enough."""
    settled: dict[str, set[str]] = {}
    for m in mentions:
        if m.forenames and len(m.candidates) == 1:
            settled.setdefault(m.key, set()).add(m.candidates[0].id)
    for m in mentions:
        if len(m.candidates) == 1:
            m.person = m.candidates[0]
            continue
        if not m.candidates:
            continue
        ids = settled.get(m.key, set())
        named = [p for p in m.candidates if p.id in ids]
        if len(named) == 1:
            m.person = named[0]
            continue
        m.person = _by_office(m.candidates, m.title, year)


def _by_office(people: list[Person], title: str, year: int | None) -> Person | None:
    """The one candidate the register lets hold a matching office in the document's year.

    Offices dated outside the year rule a candidate out; undated ones never do, so a
    register without dates decides only by title, and a tie stays undecided.
    """
    def open_offices(p: Person) -> list[str]:
        return [seg.strip() for seg in p.role.split(";") if _held_in(seg, year)]

    possible = [p for p in people if open_offices(p)]
    if len(possible) == 1:
        return possible[0]
    if title:
        pattern = re.compile(rf"(?<![\w-]){re.escape(title)}\b")
        titled = [p for p in possible if any(pattern.search(o) for o in open_offices(p))]
        if len(titled) == 1:
            return titled[0]
    return None


def _held_in(office: str, year: int | None) -> bool:
    """False only when the office's dates (``from 1974 until 1976``) exclude ``year``."""
    if year is None:
        return True
    since = FROM_YEAR.search(office)
    until = UNTIL_YEAR.search(office)
    return (since is None or int(since.group(1)) <= year) and \
        (until is None or year <= int(until.group(1)))


# ----------------------------------------------------------------------------- helpers


def _key_words(name: str) -> tuple[str, ...]:
    return tuple(fold(name).replace("-", " ").replace("‐", " ").split())


def _paternal(words: tuple[str, ...]) -> tuple[str, ...]:
    """``de la Flor Valle`` → ``de la Flor``; ``Torrijos Herrera`` → ``Torrijos``."""
    for k, w in enumerate(words):
        if w not in PARTICLES:
            return words[:k + 1]
    return words


def _agreeing(toks: list[Token], run: list[int], first: int, p: Person) -> int:
    """How many run words just before the surname are forenames of ``p``."""
    given = [fold(g).rstrip(".") for g in p.given]
    nicks = [fold(n) for n in p.nicknames]
    n = 0
    pos = first - 1
    while pos >= 0:
        t = toks[run[pos]]
        ok = _word_agrees(t, given, nicks) or (
            t.kind == "init" and pos > 0 and _word_agrees(toks[run[pos - 1]], given, nicks))
        # (the second case: an unregistered middle initial, ``Sol M. Linowitz``)
        if not ok:
            break
        n += 1
        pos -= 1
    return n


def _word_agrees(t: Token, given: list[str], nicks: list[str]) -> bool:
    if t.kind == "init":
        letters = [x for x in fold(t.text).split(".") if x]
        return all(any(g.startswith(x) for g in given + nicks) for x in letters)
    if t.kind not in ("cap", "part"):
        return False
    w = t.key
    if w in given or w in nicks:
        return True
    if any(len(g) == 1 and w.startswith(g) for g in given):
        return True  # the register has only the initial: ``J. Patrick``
    return any(full in given for full in HYPOCORISMS.get(w, ()))


def _office_symbol_before(toks: list[Token], i: int) -> bool:
    """``concurred in by L and H. Kissinger``: the initial is a bureau's symbol, not a name."""
    return i >= 2 and toks[i - 1].text in ("and", "or", ",") \
        and toks[i - 2].text.isupper() and toks[i - 2].text.isalpha()


def _title_before(toks: list[Token], run: list[int], pos: int) -> str:
    """The title words directly before run position ``pos`` (``Foreign Minister``)."""
    words: list[str] = []
    k = pos - 1
    while k >= 0 and (toks[run[k]].kind == "title" or toks[run[k]].text in OFFICE_WORDS):
        words.insert(0, toks[run[k]].text)
        k -= 1
    while words and words[0] not in TITLES:
        words.pop(0)
    return " ".join(words)


def _is_thing(toks: list[Token], i: int) -> bool:
    """``Hickenlooper amendment``, ``Nixon Presidential Materials``: named after a person."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and bool(nxt.gap) and not nxt.gap.strip() and nxt.text in THINGS


def _next_text(toks: list[Token], i: int) -> str:
    return toks[i + 1].text if i + 1 < len(toks) else ""


def _with_suffix(text: str, end: int) -> int:
    m = SUFFIX.match(text, end)
    return m.end() if m else end


def _document_year(doc: Document) -> int | None:
    """The year of the dateline, for matching offices held in that year."""
    opener = doc.div.opener
    if opener is not None and opener.dateline is not None:
        m = YEAR.search(opener.dateline.text)
        if m:
            return int(m.group(1))
    return None
