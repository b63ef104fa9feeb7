"""The Dask executor: a real cluster (two local worker processes), the same bytes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from teiwright.build import BuildOptions, build

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT

distributed = pytest.importorskip("distributed")

SKIP = ("validate", "html", "pdf")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file the build published (TEI, volume, HTML, PDF), not its bookkeeping."""
    own = {"report.json", ".teiwright-manifest.json", ".teiwright.lock"}
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in own}


def test_dask_cluster_gives_byte_identical_outputs(scheduler: str, tmp_path: Path,
                                                   shared: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for path in sorted(DEV_TEXT.glob("*.txt"))[:6]:
        shutil.copy(path, src / path.name)
    (src / "teiwright.toml").write_text('[volume]\ntitle = "Panama"\nchange_date = "2026-01-01"\n',
                                        encoding="utf-8")
    options = {"persons": DEV_PERSONS, "terms": DEV_TERMS, "skip": ("validate",)}
    local = build(src, tmp_path / "local", BuildOptions(jobs=1, **options))
    remote = build(src, tmp_path / "dask", BuildOptions(scheduler=scheduler, **options))
    assert remote.exit_code == local.exit_code == 0
    assert remote.totals()["converted"] == 6
    assert {k: v.status for k, v in remote.stages.items()} == \
        {k: v.status for k, v in local.stages.items()}
    published = _outputs(tmp_path / "local")
    assert "volume.xml" in published and "tei/d25.xml" in published
    assert _outputs(tmp_path / "dask") == published
    # the manifest it wrote makes a rebuild on the cluster a no-op
    again = build(src, tmp_path / "dask", BuildOptions(scheduler=scheduler, **options))
    assert again.totals()["unchanged"] == 6


def test_bad_input_on_a_worker_is_a_failed_document(scheduler: str, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DEV_TEXT / "d25.txt", src / "d25.txt")
    (src / "d2.txt").write_bytes(b"\x00\x01binary")
    report = build(src, tmp_path / "out", BuildOptions(scheduler=scheduler, skip=SKIP))
    status = {d.name: d.status for d in report.documents}
    assert status == {"d2": "failed", "d25": "converted"}
    assert report.exit_code == 1
