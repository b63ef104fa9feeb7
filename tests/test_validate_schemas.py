"""teiwright's RNG and XSD: agreement on the fixtures, subset of tei_all, ODD inventory."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from teiwright.core import Converter
from teiwright.validate import RNG, SCHEMA_DIR, XSD, load_grammar, validate_paths
from teiwright.validate.positions import SourcePositions
from teiwright.validate.schemas import Grammar
from teiwright.xmlsafe import parse_bytes as parse_document

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT, SHARED

FIXTURES = Path(__file__).parent / "schema_fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))
RULES = sorted((FIXTURES / "rules").glob("*.xml"))
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
RNG_NS = "{http://relaxng.org/ns/structure/1.0}"
TEI_NS = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def rng() -> Grammar:
    return load_grammar(RNG)


@pytest.fixture(scope="module")
def xsd() -> Grammar:
    return load_grammar(XSD)


@pytest.fixture(scope="module")
def tei_all(shared: Path) -> Grammar:
    return load_grammar(TEI_ALL)


def _problems(grammar: Grammar, path: Path) -> list[str]:
    data = path.read_bytes()
    tree = parse_document(data, str(path))
    return [str(p) for p in grammar.check(str(path), tree, SourcePositions(data, tree))]


def test_enough_fixtures() -> None:
    assert len(VALID) + len(INVALID) + len(RULES) >= 40
    assert len(VALID) >= 20 and len(INVALID) >= 20


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_is_valid_everywhere(path: Path, rng: Grammar, xsd: Grammar,
                                           tei_all: Grammar) -> None:
    assert _problems(rng, path) == []
    assert _problems(xsd, path) == []
    assert _problems(tei_all, path) == [], "our schema must stay a subset of tei_all"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_is_rejected_by_both(path: Path, rng: Grammar, xsd: Grammar) -> None:
    assert _problems(rng, path), "RNG accepted an invalid fixture"
    assert _problems(xsd, path), "XSD accepted an invalid fixture"


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_rule_fixtures_judged_alike(path: Path, rng: Grammar, xsd: Grammar) -> None:
    assert bool(_problems(rng, path)) == bool(_problems(xsd, path))


def test_problem_positions_point_at_the_element(rng: Grammar) -> None:
    path = FIXTURES / "invalid" / "unknown-element.xml"
    [problem] = _problems(rng, path)
    line = int(problem.split(":")[1])
    assert "<foo>" in path.read_text().splitlines()[line - 1]
    assert problem.endswith("[teiwright.rng]")


def _rng_inventory() -> dict[str, set[str]]:
    """Element name → attribute names, following attribute-group refs (``att.*``)."""
    tree = etree.parse(str(RNG))
    defines = {d.get("name"): d for d in tree.iter(f"{RNG_NS}define")}
    out: dict[str, set[str]] = {}

    def walk(node: etree._Element, attrs: set[str]) -> None:
        for child in node:
            if child.tag == f"{RNG_NS}element":
                continue
            if child.tag == f"{RNG_NS}attribute":
                attrs.add(child.get("name"))
            elif child.tag == f"{RNG_NS}ref" and child.get("name").startswith("att."):
                walk(defines[child.get("name")], attrs)
            else:
                walk(child, attrs)

    for el in tree.iter(f"{RNG_NS}element"):
        walk(el, out.setdefault(el.get("name"), set()))
    return out


def test_odd_documents_every_element_and_attribute() -> None:
    odd = etree.parse(str(SCHEMA_DIR / "teiwright.odd"))
    specs = {e.get("ident"): e for e in odd.iter(f"{TEI_NS}elementSpec")}
    inventory = _rng_inventory()
    assert set(specs) == set(inventory)
    for name, attrs in inventory.items():
        documented = {a.get("ident") for a in specs[name].iter(f"{TEI_NS}attDef")}
        assert attrs == documented, name
        assert specs[name].findtext(f"{TEI_NS}desc").strip()


def test_odd_is_valid_tei(tei_all: Grammar) -> None:
    assert _problems(tei_all, SCHEMA_DIR / "teiwright.odd") == []


def test_xsd_was_generated_from_the_rng() -> None:
    """trang copies the RNG's leading comment; a hand-edited XSD would drift from it."""
    comment = re.compile(r"<!--.*?-->", re.S)
    assert comment.search(RNG.read_text())[0] == comment.search(XSD.read_text())[0]
    xsd_elements = set(re.findall(r'<xs:element name="([^"]+)"(?! abstract)', XSD.read_text()))
    assert xsd_elements == set(_rng_inventory())


# ------------------------------------------------------------------ real documents

TEI_DIR = Path(__file__).resolve().parents[1] / "tei"
TEI_FILES = sorted(TEI_DIR.glob("*.xml"))
TEI_REGISTERS = [p for p in (TEI_DIR / "persons.xml", TEI_DIR / "terms.xml") if p.is_file()]


def _all_problems(paths: list[Path], registers: list[Path], tei_all: Grammar) -> list[str]:
    report = validate_paths(paths, extra_schemas=[XSD], registers=registers)
    problems = [str(p) for p in report.problems]
    return problems + [p for path in paths for p in _problems(tei_all, path)]


@pytest.fixture(scope="module")
def dev_outputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The dev set converted with its registers, as ``teiwright convert`` writes it."""
    out = tmp_path_factory.mktemp("dev")
    converter = Converter(persons_path=DEV_PERSONS, terms_path=DEV_TERMS)
    for text in sorted(DEV_TEXT.glob("*.txt")):
        (out / f"{text.stem}.xml").write_bytes(converter.convert_file(text).to_bytes())
    return sorted(out.glob("*.xml"))


def test_dev_outputs_are_valid_everywhere(dev_outputs: list[Path], tei_all: Grammar) -> None:
    assert dev_outputs
    assert _all_problems(dev_outputs, [DEV_PERSONS, DEV_TERMS], tei_all) == []


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda p: p.name)
def test_tei_folder_is_valid_everywhere(path: Path, tei_all: Grammar) -> None:
    assert _all_problems([path], TEI_REGISTERS, tei_all) == []
