"""Nothing lost, nothing half-written, the same bytes every time.

A failed or interrupted write leaves the previous output in place and no temporary
file behind; one failing document does not stop or corrupt a batch; and the same
inputs give byte-identical TEI whatever the hash seed, process or batch order.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teiwright import atomic
from teiwright.cli import cli
from teiwright.core import Converter
from teiwright.readers.frus_text import FrusTextReader

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT, SEEDS, TEI_NS, run_cli

DOC = "{n}. Memorandum for the Record\n\nWashington, May {n}, 1973.\n\nText{n}.\n\n  1. Note.\n"


def batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"d{n}.txt"
        path.write_text(DOC.format(n=n))
        paths.append(path)
    return paths


def complete_tei(path: Path) -> bool:
    root = etree.fromstring(path.read_bytes())
    return root.tag == f"{{{TEI_NS}}}TEI" and root.find(f".//{{{TEI_NS}}}div") is not None


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- atomic writes --------------------------------------------------------------------

def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path: Path, monkeypatch):
    target = tmp_path / "d1.xml"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic.write_atomic(target, b"new and longer")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_batch_survives_a_failed_write_and_a_crashing_document(tmp_path: Path, monkeypatch):
    src = tmp_path / "src"
    out = tmp_path / "out"
    batch(src, 4)
    out.mkdir()
    (out / "d2.xml").write_bytes(b"previous d2")
    real_replace, real_read = os.replace, FrusTextReader.read

    def replace(a: str, b: str) -> None:
        if str(b).endswith("d2.xml"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(a, b)

    def read(self: FrusTextReader, source):  # type: ignore[no-untyped-def]
        if source.name.endswith("d3.txt"):
            raise RuntimeError("a bug\nover two lines")
        return real_read(self, source)

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(FrusTextReader, "read", read)
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if "error" in ln]
    assert len(errors) == 2
    assert "d2.xml" in errors[0] and "Input/output error" in errors[0]
    assert "internal error" in errors[1] and "RuntimeError: a bug over two lines" in errors[1]
    assert (out / "d2.xml").read_bytes() == b"previous d2"
    assert not (out / "d3.xml").exists()
    assert all(complete_tei(out / f"d{n}.xml") for n in (1, 4))
    assert leftovers(out) == []


def test_output_folder_that_is_a_file(tmp_path: Path):
    batch(tmp_path / "src", 2)
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "src"), "-o", str(blocker)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("cannot write") == 2
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_batch_leaves_only_complete_files(tmp_path: Path, sig: signal.Signals):
    """Stop a long batch once it is writing: finished outputs are whole, no temp is left."""
    src, out = tmp_path / "src", tmp_path / "out"
    batch(src, 3000)
    proc = subprocess.Popen([sys.executable, "-m", "teiwright", "convert", str(src), "-o",
                             str(out), "-q", "--preset", "minimal"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.xml"))) < 20:
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (130 if sig == signal.SIGINT else 128 + sig), err
    written = sorted(out.glob("*.xml"))
    assert 20 <= len(written) < 3000
    assert all(complete_tei(p) for p in written)
    assert leftovers(out) == []


def test_two_converts_into_one_folder_leave_whole_files(tmp_path: Path):
    """Without a lock, atomic renames alone keep concurrent runs from mixing bytes."""
    src, out = tmp_path / "src", tmp_path / "out"
    batch(src, 300)
    cmd = [sys.executable, "-m", "teiwright", "convert", str(src), "-o", str(out), "-q",
           "--preset", "minimal"]
    runs = [subprocess.Popen(cmd, stderr=subprocess.PIPE) for _ in range(2)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    written = sorted(out.glob("*.xml"))
    assert len(written) == 300 and all(complete_tei(p) for p in written)
    assert leftovers(out) == []


# -- reproducible output --------------------------------------------------------------

def inputs(shared: object) -> list[Path]:
    return sorted(DEV_TEXT.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))


def convert_in_process(paths: list[Path], hashseed: str, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    args = [sys.executable, "-m", "teiwright", "convert", *map(str, paths), "-o", str(out),
            "-q", "--persons", str(DEV_PERSONS), "--terms", str(DEV_TERMS)]
    res = subprocess.run(args, env=env, capture_output=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr.decode()
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.xml"))}


def test_same_bytes_across_hash_seeds_processes_and_order(shared, tmp_path: Path):
    paths = inputs(shared)
    first = convert_in_process(paths, "0", tmp_path / "a")
    again = convert_in_process(list(reversed(paths)), "4242", tmp_path / "b")
    assert len(first) == len(paths)
    assert first == again
    conv = Converter(persons_path=DEV_PERSONS, terms_path=DEV_TERMS)
    for path in paths:  # the library in this process, after the other documents
        assert conv.convert_file(path).to_bytes() == first[f"{path.stem}.xml"]


def test_build_gives_convert_bytes_whatever_the_jobs(shared, tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    for path in inputs(shared):
        (src / path.name).write_bytes(path.read_bytes())
    skip = [arg for stage in ("volume", "validate", "html", "pdf") for arg in ("--skip", stage)]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        res = run_cli("build", str(src), "-o", str(out), "-j", jobs, "-q", *skip)
        assert res.returncode == 0, res.stderr.decode()
        outputs.append({p.name: p.read_bytes() for p in sorted((out / "tei").glob("*.xml"))})
    conv = Converter()
    converted = {f"{p.stem}.xml": conv.convert_file(p).to_bytes() for p in sorted(src.iterdir())}
    assert outputs[0] == outputs[1] == converted
