"""Name-shaped tokens and the words around them: the lexical half of person recognition.

The persons pass (``persons.py``) decides *who* a name is; this module only says which
stretches of text are shaped like a name and which neighbouring words are titles,
offices or things named after people. It holds English and FRUS usage, never the
names of particular people: those come from the register and the document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    """A word set written as prose, one line per group, for readable lexicons."""
    return frozenset(text.split())


TITLES = _words("""
Mr. Mrs. Ms. Miss Dr. Amb. Ambassador Secretary President Vice General Gen. Brig. Admiral
Adm. Governor Gov. Senator Sen. Congressman Congresswoman Representative Rep. Minister
Foreign Prime Under Deputy Assistant Acting Chairman Chairwoman Colonel Col. Captain Capt.
Major Maj. Lieutenant Lt. Commander Cmdr. Sergeant Sgt. Judge Justice Professor Prof.
Father Rev. Reverend Sir Lord Bishop Cardinal Archbishop Consul Counselor Chancellor Premier
Speaker Chief Interpreter Negotiator Director Coordinator Leader Mayor King Queen Prince
Princess Emperor Pope Envoy Attorney Advocate Comandante Generalissimo Marshal Brigadier
Monsignor Sheikh Senora Senor Señor Señora Mme. Mlle. Commandant
""")
"""Words that stand before a name and stay outside ``persName`` (FRUS: ``Secretary <persName>``)."""

MODIFIERS = _words("Foreign Prime Under Deputy Assistant Acting Vice Chief")
"""Title words that need a head title after them (``Under Secretary``, not ``Under``)."""

OFFICE_WORDS = _words("""
State Defense Treasury Army Navy Air Force Commerce Interior Agriculture Labor Justice
Affairs Staff Security National Economic Political Public Legal Military Naval Canal Zone
Group Working Panama Panamanian Peruvian American Inter-American U.S. US USA USN USAF USMC
Large Protocol Relations Mission Operations Intelligence Council House Senate Foreign
Joint Chiefs Planning Embassy Department Office Bureau General Secretary Permanent
Special Principal Executive Central Latin Western Hemisphere International Congressional
Deputy Assistant Under Vice Acting Minister Ambassador Director Chairman Chief Adviser
Advisor Representative Counselor Treaty Negotiations Negotiator Consulate Delegation
Secretaries Ministers Ambassadors Generals Policy File Files Commandant Corps Marine
""")
"""Capitalised words of office titles (``Secretary of the Army``), never part of a name."""

THINGS = _words("""
amendment Amendment amendments doctrine Doctrine Administration administration
administration’s Administration’s Presidential Library Papers Commission Act Plan Center
Centre Foundation Institute Fund Award Prize Corporation Company Bridge Hall Street Avenue
Field Fields Airport Dam Memorial Building University College School Park Lake River Island
Islands Bay Line Report Round Bill Tower Highway Hospital Library’s Committee Doctrine’s
Treaty Treaties Agreement Lock Locks Canal Dam Prize Medal Trophy Institution Museum
""")
"""Words after a surname that make it a thing named after a person (``Nixon doctrine``)."""

MONTHS = _words("""January February March April May June July August September October
November December""")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
STOP = frozenset({"U.S.", "U.N.", "U.K.", "U.S.S.R.", "A.M.", "P.M.", "I", "The", "A", "An",
                  "In", "On", "At", "For", "He", "She", "It", "We", "They", "His", "Her",
                  "This", "That", "These", "Those", "If", "As", "But", "And", "Or", "Of",
                  "To", "By", "With", "From", "After", "Before", "During", "While", "When",
                  "Tab", "Source", "See", "Document", "Documents", "Telegram", "Memorandum",
                  "Letter", "Secto", "Tosec", "Box", "Vol.", "No.", "Page", "Ibid.", "Ibid",
                  "Quote", "End", "Mr", "Mrs", "God", "Christmas", "Easter", "Jr.", "Sr.",
                  "Then", "Later", "Now", "However", "Also", "Thus", "Meanwhile", "Today",
                  "Yesterday", "Tomorrow", "There", "Here", "Yes", "No", "Not", "So"}
                 ) | MONTHS | DAYS
"""Capitalised words that are never a name (sentence openers, months, citation words)."""

PARTICLES = frozenset({"de", "del", "della", "la", "las", "los", "y", "van", "von", "der",
                       "den", "da", "di", "du", "le", "dos", "das", "e", "bin", "ibn", "al"})
"""Lower-case words inside compound surnames (``de la Flor``, ``Calle y Calle``)."""

SUFFIX = re.compile(r"(?:,\s*|\s+)(?:Jr\.|Sr\.|III\b|II\b|IV\b)")
"""A generational suffix right after a surname (``Bergold, Jr.``); inside ``persName``."""

HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "bill": ("william",),
    "billy": ("william",), "will": ("william",), "jim": ("james",), "jimmy": ("james",),
    "dick": ("richard",), "rick": ("richard",), "tom": ("thomas",), "ted": ("edward",
    "theodore"), "ed": ("edward", "edwin"), "dan": ("daniel",), "jack": ("john",),
    "johnny": ("john",), "joe": ("joseph",), "mike": ("michael",), "chuck": ("charles",),
    "charlie": ("charles",), "tony": ("anthony",), "nick": ("nicholas",), "steve":
    ("stephen", "steven"), "sam": ("samuel",), "ken": ("kenneth",), "larry": ("lawrence",),
    "harry": ("harold", "henry"), "hank": ("henry",), "al": ("albert", "alfred", "alan"),
    "andy": ("andrew",), "pat": ("patrick", "patricia"), "dave": ("david",), "don":
    ("donald",), "fred": ("frederick",), "gene": ("eugene",), "jerry": ("gerald",),
    "ron": ("ronald",), "walt": ("walter",), "pete": ("peter",), "matt": ("matthew",),
    "liz": ("elizabeth",), "kate": ("katherine", "catherine"), "sue": ("susan",),
}
"""Common English short forms of given names, for forename agreement (``Bob`` ~ ``Robert``)."""

LETTER = r"[^\W\d_]"
TOKEN = re.compile(
    r"(?P<space>\s*)"
    rf"(?:(?P<init>(?:[A-Z]\.){{1,3}})(?![^\W\d_])"
    rf"|(?P<word>{LETTER}+(?:[’'](?=[A-Z]){LETTER}+)*)(?P<dot>\.)?"
    r"|(?P<other>\S))")
"""One token with the spaces before it. Each match starts where the previous one ended,
so offsets are running sums and ``findall``'s plain tuples suffice: tokenizing every
container is the persons pass's hottest loop."""
HYPHENS = ("-", "‐")
ABBREVIATIONS = frozenset(t for t in TITLES | STOP if t.endswith("."))


@dataclass(slots=True)
class Token:
    """A word of a container's text with its offsets and shape."""

    start: int
    end: int
    text: str
    kind: str
    """``cap`` (capitalised word), ``init`` (initials), ``part`` (particle), ``title``,
    ``word`` (any other word) or ``punct``."""
    gap: str
    """The characters between the previous token and this one."""

    @property
    def key(self) -> str:
        return fold(self.text)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Case- and accent-insensitive form for comparing names (``López`` ~ ``lopez``)."""
    decomposed = unicodedata.normalize("NFD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; a word keeps its period only if it is an abbreviation."""
    out: list[Token] = []
    pos = 0  # where the previous match ended
    gap = ""  # the text since the previous token
    for space, init, word, dot, other in TOKEN.findall(text):
        start = pos + len(space)
        gap += space
        if init:
            pos = start + len(init)
            out.append(Token(start, pos, init, "word" if init in STOP else "init", gap))
        elif word:
            if dot and word + "." in ABBREVIATIONS:
                word, dot = word + ".", ""
            pos = start + len(word)
            out.append(Token(start, pos, word, _word_kind(word), gap))
            if dot:  # a sentence-final period of a word
                out.append(Token(pos, pos + 1, ".", "punct", ""))
                pos += 1
        else:
            pos = start + 1
            if other in HYPHENS and start > 0 and pos < len(text) \
                    and text[start - 1].isalpha() and text[pos].isalpha():
                gap += other  # joins two words: kept as the next token's gap
                continue
            out.append(Token(start, pos, other, "punct", gap))
        gap = ""
    return out


@lru_cache(maxsize=65536)
def _word_kind(word: str) -> str:
    if word in TITLES:
        return "title"
    if word in PARTICLES:
        return "part"
    if word[0].isupper() and (len(word) == 1 or not word.isupper()) and word not in STOP:
        return "cap"
    return "word"


def runs(tokens: list[Token]) -> list[list[int]]:
    """Maximal runs of name-shaped tokens (indexes) joined by spaces or hyphens.

    A run may hold titles (``Foreign Minister Gen. Brig. Miguel Angel de La Flor Valle``);
    the persons pass decides where the name starts. Particles only count between
    name words, so a run never ends on one.
    """
    found: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(tokens):
        named = tok.kind in ("cap", "init", "title") or (tok.kind == "part"
                                                          and _cap_follows(tokens, i))
        if named and current and _joins(tok.gap):
            current.append(i)
        elif named:
            if current:
                found.append(current)
            current = [i]
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _joins(gap: str) -> bool:
    """Spaces on one line, or a hyphen, join two words into one run."""
    return bool(gap) and "\n" not in gap and (not gap.strip() or gap in HYPHENS)


def _cap_follows(tokens: list[Token], i: int) -> bool:
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "part" and not tokens[j].gap.strip():
        j += 1
    return j < len(tokens) and tokens[j].kind == "cap" and not tokens[j].gap.strip()


def sentence_start(tokens: list[Token], i: int) -> bool:
    """True if token ``i`` opens its container or a sentence (``. Train …``)."""
    j = i - 1
    while j >= 0 and tokens[j].text in ("“", "\"", "(", "‘", "["):
        j -= 1
    return j < 0 or tokens[j].text in (".", "?", "!", ":", ";", "—")
