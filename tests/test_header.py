"""The teiHeader: complete, driven by teiwright.toml, and valid TEI P5 throughout."""

from pathlib import Path

import pytest

from teiwright import __version__
from teiwright.config import VolumeConfig
from teiwright.core import Converter

from support import DEV_TEXT, NS, SEEDS


def header(tree):
    return tree.getroot().find("t:teiHeader", NS)


def test_header_parts_from_the_document(shared):
    tree = Converter().convert_file(DEV_TEXT / "d25.txt").tree
    h = header(tree)
    title = h.findtext("t:fileDesc/t:titleStmt/t:title[@type='main']", namespaces=NS)
    assert title.startswith("Memorandum From the Deputy U.S. Negotiator")
    assert h.find(".//t:availability/t:licence", NS).get("target")
    source = h.findtext(".//t:sourceDesc/t:bibl/t:note[@type='source']", namespaces=NS)
    assert source.startswith("Source: National Archives")
    assert h.findtext(".//t:sourceDesc//t:idno[@type='file']", namespaces=NS) == "d25.txt"
    app = h.find(".//t:appInfo/t:application", NS)
    assert app.get("ident") == "teiwright" and app.get("version") == __version__
    assert h.find("t:profileDesc/t:creation/t:date", NS) is not None
    assert h.find("t:revisionDesc/t:change", NS) is not None


def test_volume_config_fills_the_header(tmp_path):
    cfg_file = tmp_path / "teiwright.toml"
    cfg_file.write_text('[volume]\nid = "frus1969-76v22"\ntitle = "Panama"\n'
                        'editors = ["A. Editor"]\nchange_date = "2026-01-02"\n', "utf-8")
    cfg = VolumeConfig.load(cfg_file)
    tree = Converter(cfg).convert_text("5. Memo\n\nText.\n").tree
    h = header(tree)
    assert h.findtext(".//t:titleStmt/t:title[@type='volume']", namespaces=NS) == "Panama"
    assert h.findtext(".//t:titleStmt/t:editor", namespaces=NS) == "A. Editor"
    assert h.findtext(".//t:bibl/t:idno[@type='volume']", namespaces=NS) == "frus1969-76v22"
    assert h.find("t:revisionDesc/t:change", NS).get("when") == "2026-01-02"




@pytest.mark.parametrize("path", sorted(DEV_TEXT.glob("*.txt")) + sorted(SEEDS.glob("*.txt")),
                         ids=lambda p: p.stem)
def test_outputs_valid_against_tei_all(path: Path, tei_all):
    tree = Converter().convert_file(path).tree
    assert tei_all.validate(tree), tei_all.error_log.last_error
