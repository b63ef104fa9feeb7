"""The terms register: the three forms it reads and writes, and what it refuses."""

from pathlib import Path

import pytest
from lxml import etree

from teiwright.core import Converter
from teiwright.errors import HostileXMLError, InputError
from teiwright.registers.terms import Term, TermRegister, load_terms, make_id
from teiwright.writers.tei import serialize

from support import DEV_TERMS, NS, ROOT, SEEDS, run_cli

PROJECT_TERMS = ROOT / "tei" / "terms.xml"


@pytest.fixture(scope="module")
def frus(shared) -> TermRegister:
    return load_terms(DEV_TERMS)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_reads_a_frus_terms_list(frus):
    assert len(frus.terms) == 64
    assert frus.terms[0] == Term("t_ARA_1", "ARA",
                                 "Bureau of Inter-American Affairs, Department of State")
    assert frus.get("t_HAK_1").expansion == "Heinz “Henry” Alfred Kissinger"
    assert frus.get("#t_SS_1").term == "S/S"
    assert frus.get("t_Nodis_1").term == "Nodis"
    assert frus.get("t_CD_1").term == "Controlled Dissem"
    assert frus.get("t_nope") is None


@pytest.mark.parametrize("form", ["tei", "frus", "csv"])
def test_every_form_reads_back_the_same_register(frus, tmp_path, form):
    if form == "csv":
        data: str | bytes = frus.to_csv()
    else:
        data = serialize(getattr(frus, f"to_{form}")())
    again = load_terms(write(tmp_path, f"terms.{form}", data))
    assert again.terms == frus.terms


def test_tei_form_is_a_list_of_term_and_gloss_pairs(frus):
    root = frus.to_tei().getroot()
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    items = root.findall(".//t:body//t:list[@type='terms']/t:item", NS)
    assert len(items) == 64
    assert [c.tag.split("}")[1] for c in items[0]] == ["term", "gloss"]
    assert items[0][1].text == "Bureau of Inter-American Affairs, Department of State"


def test_frus_form_keeps_the_volume_layout(frus):
    div = frus.to_frus().getroot()
    assert div.get("{http://www.w3.org/XML/1998/namespace}id") == "terms"
    first = etree.tostring(div.find(".//t:item", NS), encoding="unicode", with_tail=False)
    assert first.endswith('<hi rend="strong"><term xml:id="t_ARA_1">ARA</term>,</hi> '
                          "Bureau of Inter-American Affairs, Department of State</item>")


def test_csv_makes_ids_for_blank_ones_without_clashes(tmp_path):
    path = write(tmp_path, "t.csv", "\ufeffid,term,expansion\n"
                 "t_ARALA_1,ARA/LA,Office of Latin America\n"
                 ",ARA/LA,Duplicate spelling\n,Nodis,No distribution\n\n")
    reg = load_terms(path)
    assert [t.id for t in reg.terms] == ["t_ARALA_1", "t_ARALA_2", "t_Nodis_1"]
    assert make_id("H.R.", set()) == "t_HR_1"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.csv", "term,expansion\nRG,Record Group\n", "CSV header"),
    ("b.csv", "id,term,expansion\nt_RG_1,RG\n", "3 fields"),
    ("c.csv", "id,term,expansion\nt_RG_1,RG,x\nt_RG_1,RG,y\n", "duplicate term id"),
    ("d.csv", "id,term,expansion\n1 bad,RG,x\n", "not a valid xml:id"),
    ("e.csv", "id,term,expansion\nt_X_1,,x\n", "has no text"),
    ("f.xml", '<div xmlns="http://www.tei-c.org/ns/1.0"><p/></div>', "no <list"),
    ("g.xml", '<list xmlns="http://www.tei-c.org/ns/1.0" type="terms">'
              "<item><term>RG</term> Record Group</item></list>", "without xml:id"),
    ("h.xml", "<list type='terms'><item", "not well-formed"),
])
def test_refuses_broken_registers_with_one_line(tmp_path, name, data, message):
    with pytest.raises(InputError) as exc:
        load_terms(write(tmp_path, name, data))
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_refuses_entities(tmp_path):
    path = write(tmp_path, "evil.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e '
                 '"boom">]><list type="terms"><item>&e;</item></list>')
    with pytest.raises(HostileXMLError):
        load_terms(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_terms(tmp_path / "absent.xml")


def test_project_register_holds_the_seed_abbreviations():
    reg = load_terms(PROJECT_TERMS)
    expansions = {t.term: t.expansion for t in reg.terms}
    assert expansions["GOP"] == "Government of Peru"
    assert expansions["IPC"] == "International Petroleum Company"
    assert expansions["RG"] == "Record Group"
    assert {"IFI", "NSC", "Secto"} <= set(expansions)
    assert reg.get("t_GOP_1") is not None


def test_project_register_glosses_the_seeds(shared):
    conv = Converter(preset="minimal", terms_path=PROJECT_TERMS)
    conv.pipeline().enable("abbreviations")
    found = set()
    for path in sorted(SEEDS.glob("*.txt")):
        tree = conv.convert_file(path).tree
        found |= {(g.text, g.get("target")) for g in tree.iterfind(".//t:gloss", NS)}
    assert found == {("GOP", "#t_GOP_1"), ("IPC", "#t_IPC_1"), ("IFIs", "#t_IFI_1"),
                     ("RG", "#t_RG_1"), ("NSC", "#t_NSC_1"), ("Secto", "#t_Secto_1")}


def test_convert_cli_takes_a_csv_register(tmp_path):
    terms = write(tmp_path, "terms.csv", "id,term,expansion\nt_RG_1,RG,Record Group\n")
    res = run_cli("convert", "-", "--terms", str(terms),
                  input=b"1. Note1\n\nText.\n  1. Source: National Archives, RG 59.\n")
    assert res.returncode == 0, res.stderr
    assert b'<gloss target="#t_RG_1">RG</gloss> 59' in res.stdout


def test_tei_forms_are_valid_tei(tei_all, frus):
    for tree in (etree.parse(str(PROJECT_TERMS)), frus.to_tei()):
        assert tei_all.validate(tree), tei_all.error_log.last_error
    wrapped = frus.to_tei()
    body = wrapped.find(".//t:body", NS)
    body.replace(body[0], frus.to_frus().getroot())
    assert tei_all.validate(wrapped), tei_all.error_log.last_error
