"""The persons pass alone: plain text in, persName markup and register links out.

Cases live in ``fixtures/persons.txt`` (title, input, expected TEI div), run with only
the reader, this pass and the writer, against the development register plus the seeds'
register (``tei/persons.xml``), so two people share a surname in some cases.
"""

from pathlib import Path

import pytest

from teiwright.annotators import PRESETS, Context, Pipeline
from teiwright.annotators.names import runs, tokenize
from teiwright.annotators.persons import PersonNames
from teiwright.model import Document, PersName
from teiwright.readers.frus_text import FrusTextReader
from teiwright.registers.persons import PersonRegister, load_persons
from teiwright.sources import decode
from teiwright.writers.tei import TeiWriter

from support import DEV_PERSONS, NS, ROOT, fragment, read_fixture_file

CASES = read_fixture_file(Path(__file__).parent / "fixtures" / "persons.txt")


@pytest.fixture(scope="module")
def register(shared) -> PersonRegister:
    dev = load_persons(DEV_PERSONS)
    seeds = load_persons(ROOT / "tei" / "persons.xml")
    ids = {p.id for p in dev.persons}
    return PersonRegister(dev.persons + [p for p in seeds.persons if p.id not in ids])


def annotate(text: str, persons: PersonRegister | None) -> tuple[Document, Context]:
    doc = FrusTextReader().read(decode(text.encode(), "case.txt"))
    ctx = Context(persons=persons)
    PersonNames().apply(doc, ctx)
    return doc, ctx


def div_of(doc: Document) -> str:
    return fragment(TeiWriter().write(doc).getroot().find(".//t:body/t:div", NS))


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.line}" for c in CASES])
def test_persons_fixture(case, register):
    doc, _ = annotate(case.input, register)
    assert div_of(doc) == case.expected, case.title


def names(doc: Document) -> list[tuple[str, str | None]]:
    return [(c.text[s.start:s.end], s.corresp) for c in doc.containers()
            for s in sorted(c.spans(), key=lambda s: s.start) if isinstance(s, PersName)]


def test_names_outside_the_register_become_suggestions_not_markup(register):
    doc, ctx = annotate("1. Memo\n\nGeneral Weyand and Admiral Bagley met General Brown. "
                        "Weyand spoke.\n", register)
    assert names(doc) == [("Brown", "p_BGS_1")]
    assert ctx.suggestions["persons"] == ["Weyand", "Bagley", "Weyand"]


def test_without_a_register_every_name_found_is_tagged_unlinked():
    doc, ctx = annotate("1. Memorandum From the Secretary (Rush)\n\n"
                        "Under Secretary Casey met Mr. Kubisch. Later Casey left; Rush stayed. "
                        "The Hickenlooper amendment was not applied.\n\nRogers\n", None)
    assert names(doc) == [("Rush", None), ("Casey", None), ("Kubisch", None),
                          ("Casey", None), ("Rush", None), ("Rogers", None)]
    assert "persons" not in ctx.suggestions


def test_a_repeat_keeps_its_forenames_without_a_register():
    doc, _ = annotate("1. Memo\n\nDr. Kissinger spoke. Then Henry Kissinger left.\n", None)
    assert names(doc) == [("Kissinger", None), ("Henry Kissinger", None)]


def test_an_ambiguous_surname_is_reported_once_per_document(register):
    doc, _ = annotate("1. Memo\n\nBell spoke. Bell left.\n", register)
    assert names(doc) == []
    assert [w.code for w in doc.warnings] == ["person-ambiguous"]
    assert "p_BB_1 or p_BSM_1" in doc.warnings[0].message


def test_the_year_of_the_dateline_picks_the_office_holder(register):
    text = "1. Memo\n\nWashington, {}.\n\nCopies were sent to Rogers and Secretary Rogers.\n"
    doc, _ = annotate(text.format("March 3, 1975"), register)
    assert names(doc) == [("Rogers", "p_RWD_1"), ("Rogers", "p_RWD_1")]
    doc, _ = annotate(text.format("May 16, 1973"), register)
    assert names(doc) == [("Rogers", "p_RWP_1"), ("Rogers", "p_RWP_1")]


def test_a_bureau_symbol_is_not_an_initial(register):
    doc, _ = annotate("1. Memo\n\nConcurred in by L and H. Kissinger wrote “OK.”\n", register)
    assert names(doc) == [("Kissinger", "p_KHA_1")]


def test_existing_names_and_dates_are_left_alone(register):
    doc = FrusTextReader().read(decode(b"1. Memo\n\nAmbassador Bunker spoke.\n", "case.txt"))
    p = doc.div.blocks[0]
    p.add(PersName(start=11, end=17, source="editor", corresp="p_X_1"))
    PersonNames().apply(doc, Context(persons=register))
    assert [(s.source, s.corresp) for s in p.spans()] == [("editor", "p_X_1")]


def test_tokens_keep_abbreviation_periods_and_drop_sentence_periods():
    toks = tokenize("Gen. Brig. Velasco met W.P. Clements, Jr. in the U.S. today.")
    assert [(t.text, t.kind) for t in toks if t.kind != "punct"][:6] == [
        ("Gen.", "title"), ("Brig.", "title"), ("Velasco", "cap"), ("met", "word"),
        ("W.P.", "init"), ("Clements", "cap")]
    assert ("U.S.", "word") in [(t.text, t.kind) for t in toks]
    assert toks[-1].text == "." and toks[-2].text == "today"


def test_runs_join_hyphenated_surnames_and_stop_at_possessives():
    toks = tokenize("the Anderson-Ward talks and Bunker’s de la Flor visit")
    assert [[toks[i].text for i in r] for r in runs(toks)] == [
        ["Anderson", "Ward"], ["Bunker"], ["de", "la", "Flor"]]


def test_registered_in_the_default_preset_in_the_names_band():
    assert "persons" in PRESETS["default"]
    assert "persons" in Pipeline("default").names
    assert PersonNames.priority == 400


def test_source_note_cues_name_the_drafters(register):
    text = ("1. Memo1\n\nText.\n  1. Source: Files. Secret. Drafted by Whitman, Lyle and "
            "Howard; cleared by W. Ortiz. Concurred in by L and H.\n")
    doc, _ = annotate(text, None)
    assert names(doc) == [("Whitman", None), ("Lyle", None), ("Howard", None),
                          ("W. Ortiz", None)]
    doc, ctx = annotate(text, register)
    assert names(doc) == [("Howard", "p_HRB_1")]
    assert ctx.suggestions["persons"] == ["Whitman", "Lyle", "W. Ortiz"]


def test_dates_in_one_entry_do_not_outweigh_an_undated_namesake(register):
    doc, _ = annotate("1. Memo\n\nPanama, March 3, 1975.\n\nGonzalez spoke.\n", register)
    assert names(doc) == []
    assert [w.code for w in doc.warnings] == ["person-ambiguous"]


def test_runs_end_at_line_breaks():
    toks = tokenize("Henry L.T. Koren\nPanama Canal")
    assert [[toks[i].text for i in r] for r in runs(toks)] == [
        ["Henry", "L.T.", "Koren"], ["Panama", "Canal"]]
