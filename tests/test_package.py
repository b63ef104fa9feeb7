"""``teiwright package --bagit``: a bag that ``bagit`` itself accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import bagit
import pytest

from teiwright.build import BuildOptions, build
from teiwright.errors import InputError
from teiwright.package import PackageInfo, make_bag

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT, run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pkg")
    src = root / "src"
    src.mkdir()
    for name in ("d25.txt", "d26.txt"):
        shutil.copy(DEV_TEXT / name, src / name)
    (src / "teiwright.toml").write_text(
        f'[volume]\nid = "frus1969-76v22"\ntitle = "Panama, 1973–1976"\n'
        f'[registers]\npersons = "{DEV_PERSONS}"\nterms = "{DEV_TERMS}"\n', encoding="utf-8")
    out = root / "out"
    build(src, out, BuildOptions(jobs=1, skip=("validate", "html", "pdf")))
    return out


def test_bag_validates_and_holds_the_edition(built: Path, tmp_path: Path) -> None:
    info = PackageInfo(contact_name="A. Editor", contact_email="editor@example.org",
                       date="2026-01-02")
    bag_dir = make_bag(built, tmp_path / "bag", info)
    bag = bagit.Bag(str(bag_dir))
    bag.validate()  # raises on any missing file or checksum mismatch
    payload = set(bag.payload_files())
    assert {"data/tei/d25.xml", "data/tei/d26.xml", "data/volume.xml",
            "data/report.json", "data/registers/persons.xml",
            "data/registers/terms.xml", "data/schema/teiwright.rng"} <= payload
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert bag.info["Source-Organization"] == "Office of the Historian, U.S. Department of State"
    assert bag.info["Contact-Email"] == "editor@example.org"
    assert bag.info["Bagging-Date"] == "2026-01-02"
    assert bag.info["External-Identifier"] == "frus1969-76v22"
    assert bag.info["External-Description"] == "Panama, 1973–1976"
    assert "Public domain" in bag.info["License"]
    assert (bag_dir / "data" / "tei" / "d25.xml").read_bytes() == \
        (built / "tei" / "d25.xml").read_bytes()
    # a changed payload file is caught by the checksums
    (bag_dir / "data" / "tei" / "d25.xml").write_bytes(b"<TEI/>")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_dir)).validate()


def test_existing_bag_is_kept_unless_overwritten(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "bag"
    make_bag(built, target)
    with pytest.raises(InputError, match="already exists"):
        make_bag(built, target)
    make_bag(built, target, overwrite=True)
    bagit.Bag(str(target)).validate()
    assert [p.name for p in tmp_path.iterdir()] == ["bag"]  # no staging left behind


def test_not_a_build_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"report\.json"):
        make_bag(tmp_path, tmp_path / "bag")


def test_cli_package(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "deposit"
    proc = run_cli("package", str(built), "--bagit", "-o", str(target),
                   "--contact-name", "A. Editor", "--date", "2026-01-02")
    assert proc.returncode == 0, proc.stderr
    assert bagit.Bag(str(target)).info["Contact-Name"] == "A. Editor"
    assert b"validated" in proc.stderr
