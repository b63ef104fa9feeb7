"""The abbreviations pass: glosses for registered terms, suggestions for unknown ones.

Fixture cases (``fixtures/abbreviations.txt``) run the reader, this pass alone and the
writer, and show the document's head and paragraphs; the other tests build the model
directly to put names and dates in the way.
"""

from pathlib import Path

import pytest

from teiwright.annotators import Band, Context, Pipeline, registry
from teiwright.annotators.abbreviations import Abbreviations, TermMatcher
from teiwright.core import Converter
from teiwright.model import Date, Div, Document, Gloss, P, PersName
from teiwright.registers.terms import Term, TermRegister

from support import NS, fragment, read_fixture_file

CASES = read_fixture_file(Path(__file__).parent / "fixtures" / "abbreviations.txt")

REGISTER = """id,term,expansion
t_ARA_1,ARA,"Bureau of Inter-American Affairs, Department of State"
t_ARALAPAN_1,ARA/LA/PAN,Office of Panamanian Affairs
t_CD_1,Controlled Dissem,Controlled Dissemination
t_CZ_1,CZ,Canal Zone
t_CZG_1,CZG,Canal Zone Group
t_D_1,D,Deputy Secretary of State
t_DOD_1,DOD,Department of Defense
t_GOP_1,GOP,Government of Peru
t_HAK_1,HAK,Henry A. Kissinger
t_HR_1,H.R.,House resolution
t_IFI_1,IFI,international financial institution
t_ISA_1,ISA,"Office of International Security Affairs, Department of Defense"
t_NDA_1,No Dissem Abroad,No dissemination abroad
t_Nodis_1,Nodis,No distribution
t_NSC_1,NSC,National Security Council
t_RG_1,RG,Record Group
t_S_1,S,Office of the Secretary
t_Secto_1,Secto,Telegram from the Secretary
t_SOFA_1,SOFA,Status of Forces Agreement
"""


@pytest.fixture(scope="module")
def register_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("terms") / "terms.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def converter(register_path):
    conv = Converter(preset="minimal", terms_path=register_path)
    conv.pipeline().enable("abbreviations")
    return conv


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.line}" for c in CASES])
def test_abbreviations_fixture(case, register_path):
    result = converter(register_path).convert_text(case.input, "case.txt")
    div = result.tree.getroot().find(".//t:body/t:div", NS)
    shown = [fragment(el) for el in div if el.tag.endswith(("}head", "}p"))]
    assert "\n".join(shown) == case.expected, case.title


def doc_with(text: str, *spans) -> tuple[Document, P]:
    p = P(text=text)
    for span in spans:
        assert p.add(span)
    return Document(Div(n="1", blocks=[p])), p


def run(doc: Document, terms: list[Term] | None) -> Context:
    ctx = Context(terms=TermRegister(terms) if terms is not None else None)
    Abbreviations().apply(doc, ctx)
    return ctx


TERMS = [Term("t_HAK_1", "HAK", "Henry A. Kissinger"), Term("t_DOD_1", "DOD", "Defense"),
         Term("t_SOFA_1", "SOFA", "Status of Forces Agreement")]


def glosses(p: P) -> list[tuple[str, str | None]]:
    return [(p.text[s.start:s.end], s.target) for s in p.spans() if isinstance(s, Gloss)]


def test_never_inside_or_across_a_name_or_a_date():
    text = "Including HAK and DOD, on SOFA Day 1975, DOD agreed."
    name = PersName(start=10, end=13, corresp="p_KHA_1")
    date = Date(start=26, end=40)  # "SOFA Day 1975," a made-up date holding a term
    doc, p = doc_with(text, name, date)
    run(doc, TERMS)
    assert glosses(p) == [("DOD", "t_DOD_1"), ("DOD", "t_DOD_1")]


def test_a_gloss_never_crosses_an_existing_span():
    doc, p = doc_with("The DOD position.", PersName(start=2, end=6))  # "e DO"
    run(doc, TERMS)
    assert glosses(p) == []


def test_unknown_capitals_are_suggested_once_per_document():
    doc, _ = doc_with("The NIE and the USG’s view; the NIE again; DOD and NODIS; IFIs.")
    ctx = run(doc, [*TERMS, Term("t_Nodis_1", "Nodis", "No distribution")])
    assert ctx.suggestions == {"terms": ["NIE", "USG", "NODIS", "IFIs"]}


def test_suggestions_leave_out_numerals_captions_headings_and_numbers():
    doc = Document(Div(n="1", blocks=[
        P(text="SUBJECT"), P(text="SUBJECT: the CIA view"), P(text="PANAMA-U.S. TREATY TALKS"),
        P(text="Volume XXXI, File D740326, and U.S. policy; the CIA again."),
    ]))
    ctx = run(doc, [])
    assert ctx.suggestions == {"terms": ["CIA"]}


def test_without_a_register_nothing_is_glossed_but_capitals_are_suggested():
    doc, p = doc_with("The DOD and the NSC.")
    ctx = run(doc, None)
    assert glosses(p) == []
    assert ctx.suggestions == {"terms": ["DOD", "NSC"]}


def test_register_plural_also_matches_the_singular():
    matcher = TermMatcher([Term("t_IFIs_1", "IFIs", "international financial institutions")])
    text = "one IFI, two IFIs, an IFIx"
    assert [(text[s:e], t.id) for s, e, t in matcher.find(text)] == [
        ("IFI", "t_IFIs_1"), ("IFIs", "t_IFIs_1")]


def test_terms_differing_only_in_case_keep_their_own_ids():
    matcher = TermMatcher([Term("t_Nodis_1", "Nodis", "x"), Term("t_NODIS_1", "NODIS", "y")])
    text = "Nodis and NODIS"
    assert [t.id for _, _, t in matcher.find(text)] == ["t_Nodis_1", "t_NODIS_1"]


def test_runs_after_dates_and_names_in_the_default_preset():
    names = Pipeline("default").names
    priority = {cls.name: cls.priority for cls in registry()}
    assert Abbreviations.priority == Band.TERMS > Band.NAMES > Band.DATES
    here = names.index("abbreviations")
    assert all(priority[n] <= Band.TERMS for n in names[:here])
    assert all(priority[n] >= Band.TERMS for n in names[here + 1:])


def test_a_longer_spelling_that_fails_does_not_hide_a_shorter_term():
    matcher = TermMatcher([Term("t_ARA_1", "ARA", "x"), Term("t_ARALA_1", "ARA/LA", "y")])
    text = "ARA/La Paz and ARA/LA"
    assert [(text[s:e], t.id) for s, e, t in matcher.find(text)] == [
        ("ARA", "t_ARA_1"), ("ARA/LA", "t_ARALA_1")]
