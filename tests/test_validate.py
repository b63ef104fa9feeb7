"""``validate_paths`` and ``teiwright validate``: reports, formats, exit codes, hostile input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from teiwright.core import convert_text
from teiwright.errors import InputError
from teiwright.validate import XSD, validate_paths
from teiwright.writers.tei import serialize

from support import run_cli

FIXTURES = Path(__file__).parent / "schema_fixtures"
REGISTERS = [FIXTURES / "registers" / "persons.xml", FIXTURES / "registers" / "terms.csv"]

HOSTILE = {
    "external-entity": b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       b'\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>',
    "network-dtd": b'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">'
                   b'\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
    "billion-laughs": b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                      + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1
                                                                    else b"&lol;") * 10)
                                 for i in range(1, 10))
                      + b"]>\n<lolz>&lol9;</lolz>",
    "entity-without-doctype": b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><!ENTITY a "b"></TEI>',
}


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """A folder with two valid fixtures and two that break rules."""
    for name in ("minimal", "closer"):
        shutil.copy(FIXTURES / "valid" / f"{name}.xml", tmp_path / f"{name}.xml")
    for name in ("pb-order", "date-month"):
        shutil.copy(FIXTURES / "rules" / f"{name}.xml", tmp_path / f"{name}.xml")
    return tmp_path


def test_report_of_a_folder(mixed: Path) -> None:
    report = validate_paths([mixed], registers=REGISTERS)
    assert [Path(f).name for f in report.files] == ["closer.xml", "date-month.xml",
                                                   "minimal.xml", "pb-order.xml"]
    assert [Path(f).name for f in report.invalid_files] == ["date-month.xml", "pb-order.xml"]
    assert not report.ok and report.exit_code == 1
    assert sorted(p.rule for p in report.problems) == ["date-month", "pb-order"]


def test_parallel_report_equals_serial(mixed: Path) -> None:
    serial = validate_paths([mixed], registers=REGISTERS)
    parallel = validate_paths([mixed], registers=REGISTERS, jobs=2)
    assert sorted(parallel.problems) == sorted(serial.problems)
    assert parallel.files == serial.files


def test_extra_schema_adds_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    shutil.copy(FIXTURES / "invalid" / "hi-without-rend.xml", path)
    rules = {p.rule for p in validate_paths([path], extra_schemas=[XSD]).problems}
    assert rules == {"teiwright.rng", "teiwright.xsd"}


def test_text_format_is_sorted_lines_and_a_count(mixed: Path) -> None:
    text = validate_paths([mixed], registers=REGISTERS).format("text")
    lines = text.splitlines()
    assert lines[0].startswith(f"{mixed / 'date-month.xml'}:15:12: error: The date ")
    assert lines[0].endswith("[date-month]")
    assert lines[1].startswith(f"{mixed / 'pb-order.xml'}:16:9: error: Page 69 comes after page 70")
    assert lines[-1] == "4 files checked, 2 invalid, 2 errors, 0 warnings"


def test_json_format(mixed: Path) -> None:
    data = json.loads(validate_paths([mixed], registers=REGISTERS).format("json"))
    assert data["ok"] is False and data["errors"] == 2
    first = data["problems"][0]
    assert set(first) == {"file", "line", "column", "severity", "message", "rule"}
    assert first["rule"] == "date-month"


def test_junit_format(mixed: Path) -> None:
    root = etree.fromstring(validate_paths([mixed], registers=REGISTERS).format("junit").encode())
    suite = root.find("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "2"
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert [Path(n).name for n in failed] == ["date-month.xml", "pb-order.xml"]
    assert any("[pb-order]" in (f.text or "") for f in suite.iter("failure"))


def test_github_format_escapes_properties(tmp_path: Path) -> None:
    path = tmp_path / "a,b.xml"
    shutil.copy(FIXTURES / "rules" / "div-n-head.xml", path)
    out = validate_paths([path]).format("github").splitlines()
    assert out[0] == (f"::error file={str(path).replace(',', '%2C')},line=13,col=7,"
                      "title=div-n-head::Division n=\"1\" has the heading \"12. Memo\"; "
                      "the heading should begin with \"1. \".")


def test_unknown_format_is_refused(mixed: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        validate_paths([mixed]).format("html")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_xml_is_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(HOSTILE[name])
    report = validate_paths([path])
    assert report.unreadable == [str(path)] and report.exit_code == 2
    [problem] = report.problems
    assert problem.rule == "hostile-xml"
    assert "not accepted" in problem.message


def test_non_xml_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "plain.xml"
    path.write_bytes(b"SECRET\n\nThis is not XML.")
    report = validate_paths([path])
    assert report.exit_code == 2
    [problem] = report.problems
    assert (problem.line, problem.rule) == (1, "xml")
    assert problem.message.startswith("not well-formed XML")


def test_missing_path_and_bad_register_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate_paths([tmp_path / "absent"])
    register = tmp_path / "r.csv"
    register.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="CSV register"):
        validate_paths([FIXTURES / "valid" / "minimal.xml"], registers=[register])


def test_writer_points_at_the_schemas() -> None:
    data = serialize(convert_text("1. Memorandum\n\nText.\n"))
    tree = etree.fromstring(data).getroottree()
    models = [pi for pi in tree.getroot().itersiblings(preceding=True)]
    hrefs = sorted(pi.get("href") for pi in models)
    assert hrefs == ["../schema/teiwright.rng", "../schema/teiwright.sch"]
    assert data == serialize(convert_text("1. Memorandum\n\nText.\n"))


# ----------------------------------------------------------------------------- CLI


def test_cli_exit_codes_and_output(mixed: Path, tmp_path: Path) -> None:
    ok = run_cli("validate", str(FIXTURES / "valid"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.decode().splitlines()[-1].endswith("0 invalid, 0 errors, 0 warnings")
    registers = [arg for path in REGISTERS for arg in ("-r", str(path))]
    bad = run_cli("validate", str(mixed / "*.xml"), *registers)
    assert bad.returncode == 1
    assert len(bad.stdout.decode().splitlines()) == 3
    hostile = tmp_path / "hostile.xml"
    hostile.write_bytes(HOSTILE["external-entity"])
    refused = run_cli("validate", str(hostile), "--format", "json")
    assert refused.returncode == 2
    assert json.loads(refused.stdout)["unreadable"] == [str(hostile)]
    missing = run_cli("validate", str(tmp_path / "nothing-here"))
    assert missing.returncode == 2
    assert len(missing.stderr.decode().strip().splitlines()) == 1


def test_cli_writes_junit_report_to_a_file(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "report" / "junit.xml"
    result = run_cli("validate", str(mixed), "--format", "junit", "-o", str(out), "-j", "2")
    assert result.returncode == 1
    assert etree.parse(str(out)).getroot().tag == "testsuites"
    assert result.stdout == b""
