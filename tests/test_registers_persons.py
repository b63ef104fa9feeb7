"""The persons register: the three formats it reads and writes, and what it refuses."""

import pytest
from lxml import etree

from teiwright.errors import HostileXMLError, InputError
from teiwright.registers.persons import (
    Person,
    PersonRegister,
    load_persons,
    person_from_inverted,
)

from support import DEV_PERSONS, NS, ROOT, run_cli

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def dev(shared) -> PersonRegister:
    return load_persons(DEV_PERSONS)


def test_frus_list_is_read_in_full(dev):
    assert len(dev) == 146
    bunker = dev.get("#p_BE_1")
    assert (bunker.name, bunker.surname, bunker.forenames) == ("Ellsworth Bunker", "Bunker",
                                                               "Ellsworth")
    assert bunker.role.startswith("Ambassador at Large, Department of State")


@pytest.mark.parametrize("inverted,name,surname,forenames,suffix,variants", [
    ("Bergold, Harold “Harry” Earl, Jr.", "Harold “Harry” Earl Bergold, Jr.", "Bergold",
     "Harold “Harry” Earl", "Jr.", ["Harry Bergold"]),
    ("Gammon, Samuel R., III", "Samuel R. Gammon, III", "Gammon", "Samuel R.", "III", []),
    ("Carter Jr., James Earl “Jimmy”", "James Earl “Jimmy” Carter, Jr.", "Carter",
     "James Earl “Jimmy”", "Jr.", ["Jimmy Carter"]),
    ("Snyder, Marion Eugene “Gene,”", "Marion Eugene “Gene” Snyder", "Snyder",
     "Marion Eugene “Gene”", "", ["Gene Snyder"]),
    ("Torrijos Herrera, Omar Efrain", "Omar Efrain Torrijos Herrera", "Torrijos Herrera",
     "Omar Efrain", "", []),
    ("Miguel Angel de la Flor Valle", "Miguel Angel de la Flor Valle", "de la Flor Valle",
     "Miguel Angel", "", []),
])
def test_inverted_and_display_forms(inverted, name, surname, forenames, suffix, variants):
    p = person_from_inverted("p_X_1", inverted)
    assert (p.name, p.surname, p.forenames, p.suffix, p.variants) == (
        name, surname, forenames, suffix, variants)


@pytest.mark.parametrize("fmt,suffix", [("tei", ".xml"), ("frus", ".xml"), ("csv", ".csv")])
def test_every_format_round_trips(dev, tmp_path, fmt, suffix):
    path = tmp_path / f"persons{suffix}"
    if fmt == "csv":
        path.write_text(dev.to_csv(), encoding="utf-8")
    else:
        tree = dev.to_tei() if fmt == "tei" else dev.to_frus()
        path.write_bytes(etree.tostring(tree, encoding="UTF-8"))
    assert load_persons(path).persons == dev.persons


def test_tei_form_is_what_the_publishers_read(dev):
    root = dev.to_tei().getroot()
    person = root.find(".//t:listPerson/t:person", NS)
    assert person.get(XML_ID) == "p_AD_1"
    full = person.find("t:persName[@type='full']", NS)
    assert "".join(full.itertext()) == "David Aaron"
    assert person.find("t:note[@type='role']", NS).text.startswith("Foreign policy adviser")
    assert root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS).text == "Persons"


def test_frus_form_keeps_inverted_names_and_roles(dev):
    item = dev.to_frus().getroot().find(".//t:list[@type='names']/t:item", NS)
    assert "".join(item.itertext()).startswith("Aaron, David, Foreign policy adviser")
    assert item.find("t:hi/t:persName", NS).get(XML_ID) == "p_AD_1"


def test_csv_variants_are_semicolon_separated(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,name,role,variants\np_LS_2,\"Low, Stephen\",NSC Staff,Steve Low;S. Low\n",
                    encoding="utf-8")
    (p,) = load_persons(path).persons
    assert p == Person("p_LS_2", "Stephen Low", "Low", "Stephen", ["Steve Low", "S. Low"],
                       "NSC Staff")
    assert load_persons(path).to_csv().splitlines()[1] == \
        'p_LS_2,"Low, Stephen",NSC Staff,Steve Low;S. Low'


def test_project_register_lists_the_seed_people():
    reg = load_persons(ROOT / "tei" / "persons.xml")
    surnames = {p.surname for p in reg.persons}
    assert {"Rogers", "de la Flor Valle", "Casey", "Kubisch", "Pedersen", "Belcher",
            "Velasco Alvarado", "Nixon", "Kissinger", "Calle y Calle"} <= surnames
    assert all(p.role for p in reg.persons)


@pytest.mark.parametrize("content,error", [
    (b"id,name\np_A_1,\"A, B\"\np_A_1,\"C, D\"\n", "duplicate id"),
    (b"who,what\nx,y\n", "needs the columns"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>", "neither"),
])
def test_bad_registers_are_refused_with_one_line(tmp_path, content, error):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=error):
        load_persons(path)


def test_entities_are_refused(tmp_path):
    path = tmp_path / "evil.xml"
    path.write_bytes(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    with pytest.raises(HostileXMLError):
        load_persons(path)


def test_cli_converts_between_formats(tmp_path, shared):
    csv_path = tmp_path / "persons.csv"
    res = run_cli("registers", "convert", str(DEV_PERSONS), "-o", str(csv_path), "--to", "csv")
    assert res.returncode == 0, res.stderr
    assert b"146 persons" in res.stderr
    res = run_cli("registers", "convert", str(csv_path), "-o", "-", "--to", "tei")
    assert res.returncode == 0
    assert load_persons(csv_path).persons == load_persons(DEV_PERSONS).persons
    root = etree.fromstring(res.stdout)
    assert len(root.findall(".//t:person", NS)) == 146


def test_cli_reports_a_missing_register(tmp_path):
    res = run_cli("registers", "convert", str(tmp_path / "nope.xml"), "-o", "-", "--to", "csv")
    assert res.returncode == 2


def test_tei_registers_are_valid_tei_all(dev, tei_all):
    """The project register and any export stay valid TEI (slow: compiles tei_all)."""
    schema = tei_all
    project = etree.parse(str(ROOT / "tei" / "persons.xml"))
    assert schema.validate(project), schema.error_log.last_error
    assert schema.validate(dev.to_tei()), schema.error_log.last_error
