"""Each Schematron rule fires on its fixture with its message, and only there."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from teiwright.validate import Problem, Validator

FIXTURES = Path(__file__).parent / "schema_fixtures"
RULES = sorted((FIXTURES / "rules").glob("*.xml"))
REGISTERS = [FIXTURES / "registers" / "persons.xml", FIXTURES / "registers" / "terms.csv"]
SCHEMATRON_IDS = set(re.findall(r'<sch:assert id="([^"]+)"',
                                (Path(__file__).resolve().parents[1] / "schema" / "teiwright.sch")
                                .read_text()))


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(registers=REGISTERS)


def _expectation(path: Path) -> tuple[str, str]:
    m = re.search(r"<!-- expect: ([a-z-]+): (.*?) -->", path.read_text(encoding="utf-8"))
    assert m, f"{path.name} has no expect comment"
    return m.group(1), m.group(2)


def _rule_problems(validator: Validator, path: Path) -> list[Problem]:
    result = validator.check_file(path)
    return [p for p in result.problems if p.rule in SCHEMATRON_IDS]


def test_every_rule_has_a_failing_fixture() -> None:
    assert {_expectation(p)[0] for p in RULES} == SCHEMATRON_IDS


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_rule_fires_with_its_message(path: Path, validator: Validator) -> None:
    rule, message = _expectation(path)
    problems = _rule_problems(validator, path)
    assert problems, f"{rule} did not fire"
    assert {(p.rule, p.message) for p in problems} == {(rule, message)}
    assert all(p.severity == "error" for p in problems)


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.xml")), ids=lambda p: p.stem)
def test_valid_fixtures_break_no_rule(path: Path, validator: Validator) -> None:
    assert validator.check_file(path).problems == []


def test_link_rules_are_off_without_registers() -> None:
    plain = Validator()
    assert _rule_problems(plain, FIXTURES / "rules" / "person-link.xml") == []
    assert _rule_problems(plain, FIXTURES / "rules" / "term-link.xml") == []


def test_problem_points_at_the_offending_element(validator: Validator) -> None:
    path = FIXTURES / "rules" / "pb-order.xml"
    [problem] = _rule_problems(validator, path)
    line = path.read_text().splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith('<pb n="69"')


def test_date_words_and_values_that_agree_pass(validator: Validator, tmp_path: Path) -> None:
    """Abbreviated ranges, telegram times and times of day are not mistaken for errors."""
    body = ('<p><date from="1964" to="1965">1964–65</date>, '
            '<date when="1973-12-19T18:30:00+00:00">191830Z Dec 73</date>, '
            '<date when="1973-11-21T11:30:00">November 21, 1973—11:30 a.m.</date>, '
            '<date when="1973-09-05">Sept. 5, 1973</date>, '
            '<date from="1972-01" to="1973-12-31">January 1972–31 December 73</date>, '
            '<date when="1973-11-20">the 20th</date></p>')
    text = (FIXTURES / "valid" / "minimal.xml").read_text().replace("<p>Text.</p>", body)
    path = tmp_path / "dates.xml"
    path.write_text(text, encoding="utf-8")
    assert validator.check_file(path).problems == []


def _large(tmp_path: Path, n: int) -> Path:
    para = ('<p>T<note n="{k}" xml:id="d1fn{k}">x</note><pb n="{k}" xml:id="pg_{k}"/>'
            '<date when="1973-11-20">November 20, 1973</date></p>')
    text = (FIXTURES / "valid" / "minimal.xml").read_text().replace(
        "<p>Text.</p>", "".join(para.format(k=k) for k in range(1, n + 1)))
    path = tmp_path / f"large{n}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_scale_linearly(validator: Validator, tmp_path: Path) -> None:
    """Four times the notes and pages takes about four times as long, not sixteen."""
    small, large = _large(tmp_path, 1500), _large(tmp_path, 6000)
    validator.check_file(small)  # warm up
    timings = []
    for path in (small, large):
        start = time.perf_counter()
        assert validator.check_file(path).problems == []
        timings.append(time.perf_counter() - start)
    assert timings[1] < 10 * timings[0]
