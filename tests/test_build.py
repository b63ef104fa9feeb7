"""``teiwright build``: outputs, incremental rebuilds, shards, the lock, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import etree

import teiwright.validate
from teiwright.build import BuildOptions, build, build_lock, make_settings, parse_shard
from teiwright.config import VolumeConfig
from teiwright.core import Converter
from teiwright.errors import InputError

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT, NS, run_cli

NO_PUBLISH = ("html", "pdf")


@pytest.fixture
def src(tmp_path: Path, shared: Path) -> Path:
    """Four dev documents with a teiwright.toml naming the dev registers."""
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("d25.txt", "d26.txt", "d27.txt", "d28.txt"):
        shutil.copy(DEV_TEXT / name, folder / name)
    shutil.copy(DEV_PERSONS, folder / "persons.xml")
    shutil.copy(DEV_TERMS, folder / "terms.xml")
    (folder / "teiwright.toml").write_text(
        '[volume]\nid = "frus1969-76v22"\ntitle = "Panama, 1973–1976"\n'
        'editors = ["An Editor"]\n[registers]\npersons = "persons.xml"\nterms = "terms.xml"\n',
        encoding="utf-8")
    return folder


@pytest.fixture
def all_valid(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """Validation that accepts everything and records what it was asked to check,
    so these tests measure the build, not today's schema."""
    calls: list[list[Path]] = []

    def fake(paths: list[Path], **_: Any) -> SimpleNamespace:
        calls.append(list(paths))
        return SimpleNamespace(problems=[], ok=True, invalid_files=[])

    monkeypatch.setattr(teiwright.validate, "validate_paths", fake)
    return calls


def _opts(**kw: Any) -> BuildOptions:
    kw.setdefault("skip", NO_PUBLISH)
    kw.setdefault("jobs", 2)
    return BuildOptions(**kw)


def test_build_writes_tei_volume_report(src: Path, tmp_path: Path,
                                        all_valid: list[list[Path]]) -> None:
    out = tmp_path / "out"
    report = build(src, out, _opts())
    assert report.exit_code == 0
    conv = Converter(VolumeConfig.find(src))
    for name in ("d25", "d26", "d27", "d28"):
        expected = conv.convert_file(src / f"{name}.txt").to_bytes()
        assert (out / "tei" / f"{name}.xml").read_bytes() == expected
    volume = etree.parse(str(out / "volume.xml"))
    docs = volume.findall(".//t:body//t:div[@type='document']", NS)
    assert [d.get("n") for d in docs] == ["25", "26", "27", "28"]
    assert volume.xpath("//t:front/t:div[@xml:id='persons']//t:persName", namespaces=NS)
    assert volume.xpath("//t:front/t:div[@xml:id='terms']//t:term", namespaces=NS)
    linked = {p.get("corresp")[1:] for p in volume.iterfind(".//t:body//t:persName", NS)
              if p.get("corresp")}
    ids = set(volume.xpath("//@xml:id"))
    assert linked and linked <= ids  # every link resolves inside the volume
    data = json.loads((out / "report.json").read_text())
    assert data["summary"]["documents"] == 4 and data["summary"]["exit_code"] == 0
    assert data["stages"]["html"]["status"] == "skipped"
    assert [d["name"] for d in data["documents"]] == ["d25", "d26", "d27", "d28"]
    (docs_call,) = all_valid
    assert sorted(docs_call) == sorted(out / "tei" / f"d{n}.xml" for n in (25, 26, 27, 28))
    # the volume itself is checked against teiwright's real RELAX NG grammar
    assert report.stages["volume"].status == "ok" and report.stages["volume"].problems == []


def test_rebuild_redoes_only_what_changed(src: Path, tmp_path: Path,
                                          all_valid: list[list[Path]]) -> None:
    out = tmp_path / "out"
    build(src, out, _opts())
    stamp = (out / "tei" / "d25.xml").stat().st_mtime_ns
    again = build(src, out, _opts())
    assert again.totals()["unchanged"] == 4 and again.totals()["converted"] == 0
    assert again.stages["volume"].status == "unchanged"
    assert (out / "tei" / "d25.xml").stat().st_mtime_ns == stamp
    # touching a file changes nothing: hashes, not timestamps
    (src / "d26.txt").touch()
    assert build(src, out, _opts()).totals()["converted"] == 0
    # an edited input is redone, alone, and so is the volume
    text = (src / "d26.txt").read_text(encoding="utf-8")
    (src / "d26.txt").write_text(text + "\nA closing line.\n", encoding="utf-8")
    third = build(src, out, _opts())
    assert [d.name for d in third.documents if d.status == "converted"] == ["d26"]
    assert third.stages["volume"].status == "ok"
    assert all_valid[-1] == [out / "tei" / "d26.xml"]
    # a damaged output is noticed and rewritten
    (out / "tei" / "d27.xml").write_text("broken", encoding="utf-8")
    fourth = build(src, out, _opts())
    assert [d.name for d in fourth.documents if d.status == "converted"] == ["d27"]
    # a changed register redoes everything
    terms = src / "terms.xml"
    terms.write_bytes(terms.read_bytes().replace(b"Bureau", b"The Bureau", 1))
    assert build(src, out, _opts()).totals()["converted"] == 4
    # a volume built without validation is validated by the next build that may
    assert build(src, out, _opts(skip=("validate", *NO_PUBLISH))).stages["volume"].status == "ok"
    assert build(src, out, _opts()).stages["volume"].status == "ok"
    # an input removed from SRC takes its output with it
    (src / "d28.txt").unlink()
    build(src, out, _opts())
    assert not (out / "tei" / "d28.xml").exists()
    volume = etree.parse(str(out / "volume.xml"))
    assert len(volume.findall(".//t:div[@type='document']", NS)) == 3


def test_shards_partition_the_documents(src: Path, tmp_path: Path,
                                        all_valid: list[list[Path]]) -> None:
    seen = []
    for i in (1, 2):
        report = build(src, tmp_path / f"shard{i}", _opts(shard=(i, 2)))
        seen.append([d.name for d in report.documents])
        assert report.stages["volume"].status == "skipped"
        assert report.stages["validate"].status == "ok"
        assert not (tmp_path / f"shard{i}" / "volume.xml").exists()
    assert seen == [["d25", "d27"], ["d26", "d28"]]
    assert parse_shard("3/4") == (3, 4)
    for bad in ("0/2", "3/2", "x"):
        with pytest.raises(InputError):
            parse_shard(bad)


def test_failed_or_invalid_documents_fail_the_build(src: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    (src / "d99.txt").write_bytes(b"   \n")
    bad = out / "tei" / "d26.xml"

    def fake(paths: list[Path], **_: Any) -> SimpleNamespace:
        problem = SimpleNamespace(file=str(bad), line=3, column=1, severity="error",
                                  message="not allowed here", rule="teiwright.rng")
        found = [problem] if bad in paths else []
        return SimpleNamespace(problems=found, ok=not found, invalid_files=[])

    monkeypatch.setattr(teiwright.validate, "validate_paths", fake)
    report = build(src, out, _opts(jobs=1))
    by_name = {d.name: d for d in report.documents}
    assert by_name["d99"].status == "failed" and "empty" in (by_name["d99"].error or "")
    assert by_name["d26"].valid is False and by_name["d26"].problems
    assert by_name["d25"].valid is True
    assert report.totals()["failed"] == 1 and report.totals()["invalid"] == 1
    assert report.exit_code == 1
    # an invalid document is remembered as invalid when it is not redone
    again = build(src, out, _opts(jobs=1, skip=("volume", *NO_PUBLISH)))
    assert {d.name: d.valid for d in again.documents}["d26"] is False
    assert again.exit_code == 1


def test_unavailable_stage_is_reported_not_fatal(src: Path, tmp_path: Path,
                                                 all_valid: list[list[Path]],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import teiwright.build as build_module

    real = build_module.importlib.util.find_spec
    monkeypatch.setattr(build_module.importlib.util, "find_spec",
                        lambda name: None if "publishers" in name else real(name))
    report = build(src, tmp_path / "out", _opts(skip=()))
    assert report.stages["html"].status == report.stages["pdf"].status == "unavailable"
    assert "not installed" in report.stages["html"].message
    assert report.exit_code == 0


def test_second_build_on_same_output_is_refused(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with build_lock(out):
        proc = run_cli("build", str(src), "-o", str(out), "--skip", "html", "--skip", "pdf")
    assert proc.returncode == 2
    assert b"another build is running" in proc.stderr
    assert not (out / "tei").exists()


def test_cli_plain_progress_and_summary(src: Path, tmp_path: Path) -> None:
    proc = run_cli("build", str(src), "-o", str(tmp_path / "out"), "-j", "2",
                   "--skip", "html", "--skip", "pdf", "--skip", "validate")
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "convert: 1/4" in err and "convert: 4/4" in err
    assert "documents" in err and "converted" in err and "volume" in err
    assert "\x1b[" not in err  # no terminal control codes in logs


def test_settings_key_follows_registers_and_config(src: Path) -> None:
    config = VolumeConfig.find(src)
    base = make_settings(config, persons=config.persons, fingerprint="v")
    assert base.key == make_settings(config, persons=config.persons, fingerprint="v").key
    assert base.key != make_settings(config, fingerprint="v").key
    assert base.key != make_settings(config, persons=config.persons, fingerprint="w").key
    config.title = "Another title"
    assert base.key != make_settings(config, persons=config.persons, fingerprint="v").key


def test_a_crash_on_one_document_spares_the_others(src: Path, tmp_path: Path,
                                                   all_valid: list[list[Path]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = Converter.convert_text

    def flaky(self: Converter, text: str | bytes, name: str = "-") -> Any:
        if name == "d27.txt":
            raise RuntimeError("annotator bug")
        return real(self, text, name)

    monkeypatch.setattr(Converter, "convert_text", flaky)
    report = build(src, tmp_path / "out", _opts(jobs=1))
    by_name = {d.name: d for d in report.documents}
    assert by_name["d27"].status == "failed"
    assert "internal error: RuntimeError: annotator bug" in (by_name["d27"].error or "")
    assert [d.name for d in report.documents if d.status == "converted"] == \
        ["d25", "d26", "d28"]
    assert report.exit_code == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_whole_pipeline_ends_with_the_pdf(src: Path, tmp_path: Path, jobs: int) -> None:
    """With two jobs the PDF is typeset in a process of its own beside the HTML edition;
    the report and the PDF are the same either way, and a rebuild leaves both alone."""
    import pypdf

    out = tmp_path / "out"
    report = build(src, out, _opts(jobs=jobs, skip=()))
    assert [name for name in report.stages if name != "convert"] == \
        ["volume", "validate", "html", "pdf"]
    assert report.stages["pdf"].status == "ok" and report.exit_code == 0
    reader = pypdf.PdfReader(out / "volume.pdf")
    assert reader.metadata is not None and reader.metadata.title == "Panama, 1973–1976"
    assert [item.title.split(".")[0] for item in reader.outline[-2]] == ["25", "26", "27", "28"]
    before = (out / "volume.pdf").read_bytes()
    again = build(src, out, _opts(jobs=jobs, skip=()))
    assert again.stages["pdf"].status == "unchanged"
    assert (out / "volume.pdf").read_bytes() == before


def test_a_pdf_typeset_beside_the_html_reports_its_error(src: Path, tmp_path: Path) -> None:
    (src / "d25.txt").write_text("25. Memorandum\n\nWashington, May 1, 1973.\n\n漢字 text.\n",
                                 encoding="utf-8")
    report = build(src, tmp_path / "out", _opts(jobs=2, skip=()))
    assert report.stages["html"].status == "ok"
    pdf = report.stages["pdf"]
    assert pdf.status == "failed" and "--pdf-standard none" in pdf.message
    assert "\n" not in pdf.message and report.exit_code != 0
    assert not (tmp_path / "out" / "volume.pdf").exists()
