"""Validation results and their renderings: text, JSON, JUnit XML and GitHub annotations.

One ``Problem`` per finding, whatever found it (a grammar, a Schematron rule or the safe
parser), so every output format and the exit code are computed in one place.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from lxml import etree

FORMATS = ("text", "json", "junit", "github")


@dataclass(slots=True, frozen=True, order=True)
class Problem:
    """One finding, ordered by file, line and column so reports are stable."""

    file: str
    line: int
    """1-based line of the element concerned (1 when the whole file is concerned)."""
    column: int
    """1-based column of the element's start tag."""
    severity: str
    """``error`` or ``warning``."""
    message: str
    rule: str
    """Schematron assert id, schema file name (``teiwright.rng``) or ``xml``/``hostile-xml``."""

    def __str__(self) -> str:
        return (f"{self.file}:{self.line}:{self.column}: {self.severity}: "
                f"{self.message} [{self.rule}]")


@dataclass(slots=True)
class ValidationReport:
    """The outcome of validating a set of files."""

    files: list[str] = field(default_factory=list)
    """Every file validated, in the order given."""
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    """Files that could not be read or were refused (not XML, hostile XML): exit code 2."""

    @property
    def invalid_files(self) -> list[str]:
        """Files with at least one error, in the order of ``files``."""
        bad = {p.file for p in self.problems if p.severity == "error"}
        return [f for f in self.files if f in bad]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    @property
    def ok(self) -> bool:
        return not self.invalid_files and not self.unreadable

    @property
    def exit_code(self) -> int:
        """0 all valid, 1 invalid documents, 2 unreadable or refused input."""
        if self.unreadable:
            return 2
        return 1 if self.invalid_files else 0

    def summary(self) -> str:
        n = len(self.files)
        return (f"{n} file{'s' if n != 1 else ''} checked, {len(self.invalid_files)} invalid, "
                f"{self.errors} error{'s' if self.errors != 1 else ''}, "
                f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")

    def format(self, fmt: str = "text") -> str:
        """Render the report; ``fmt`` is one of ``FORMATS``."""
        try:
            render = _RENDERERS[fmt]
        except KeyError:
            raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})") from None
        return render(self)


def _text(report: ValidationReport) -> str:
    lines = [str(p) for p in sorted(report.problems)]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _json(report: ValidationReport) -> str:
    data = {
        "ok": report.ok,
        "files": report.files,
        "invalid_files": report.invalid_files,
        "unreadable": report.unreadable,
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [asdict(p) for p in sorted(report.problems)],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _junit(report: ValidationReport) -> str:
    """One test case per file; each error is one ``failure`` (CI dashboards count them)."""
    by_file: dict[str, list[Problem]] = {f: [] for f in report.files}
    for p in sorted(report.problems):
        by_file.setdefault(p.file, []).append(p)
    suite = etree.Element("testsuite", name="teiwright validate", tests=str(len(by_file)),
                          failures=str(len(report.invalid_files)), errors="0", skipped="0")
    for name, problems in by_file.items():
        case = etree.SubElement(suite, "testcase", classname="teiwright.validate", name=name)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            failure = etree.SubElement(case, "failure", type="invalid",
                                       message=f"{len(errors)} error(s): {errors[0].message}")
            failure.text = "\n".join(str(p) for p in errors)
        warnings = [p for p in problems if p.severity == "warning"]
        if warnings:
            etree.SubElement(case, "system-out").text = "\n".join(str(p) for p in warnings)
    suites = etree.Element("testsuites")
    suites.append(suite)
    data: bytes = etree.tostring(suites, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data.decode("utf-8")


def _github(report: ValidationReport) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for p in sorted(report.problems):
        props = ",".join([f"file={_gh_prop(p.file)}", f"line={p.line}", f"col={p.column}",
                          f"title={_gh_prop(p.rule)}"])
        lines.append(f"::{p.severity} {props}::{_gh_data(p.message)}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


_RENDERERS = {"text": _text, "json": _json, "junit": _junit, "github": _github}
