"""``teiwright evaluate`` must give the dev-set scorer's figures, to the last digit."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from teiwright.core import Converter
from teiwright.evaluate import evaluate

from support import DEV_GOLD, DEV_TEXT, SHARED, TEI_NS, run_cli

T = f"{{{TEI_NS}}}"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("frus_score", SHARED / "tools" / "frus_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unwrap(el: etree._Element) -> None:
    """Remove an element but keep its content in place."""
    parent = el.getparent()
    assert parent is not None
    idx = parent.index(el)
    prev = el.getprevious()
    text = el.text or ""
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for child in reversed(list(el)):
        parent.insert(idx, child)
    last = parent[idx + len(el) - 1] if len(el) else (prev if prev is not None else None)
    tail = el.tail or ""
    parent.remove(el)
    if last is not None and last is not el:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _perturb(gold: Path, out: Path) -> None:
    """A plausible imperfect system: names and glosses dropped or mislinked, dates and
    page numbers wrong, a note lost, some text changed, wrapped as complete TEI."""
    root = etree.fromstring(gold.read_bytes())
    for i, el in enumerate(root.iter(T + "persName")):
        if i % 4 == 1:
            el.set("corresp", "#p_WRONG_1")
    for el in [e for i, e in enumerate(root.iter(T + "persName")) if i % 3 == 0]:
        _unwrap(el)
    for i, el in enumerate(root.iter(T + "gloss")):
        if i % 5 == 0:
            el.set("target", "#t_X_1")
    for el in root.iter(T + "date"):
        if el.get("when"):
            el.set("when", el.get("when", "")[:4])
    for i, el in enumerate(root.iter(T + "pb")):
        if i % 2:
            el.set("n", "999")
    notes = list(root.iter(T + "note"))
    if len(notes) > 2:
        notes[-1].getparent().remove(notes[-1])
    for p in root.iter(T + "p"):
        p.text = (p.text or "") + " Extra words."
        break
    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    body = etree.SubElement(etree.SubElement(tei, T + "text"), T + "body")
    body.append(root)
    out.write_bytes(etree.tostring(tei, xml_declaration=True, encoding="utf-8"))


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("perturbed")
    golds = sorted(DEV_GOLD.glob("d*.xml"))
    for gold in golds[:-1]:  # the last one stays missing
        _perturb(gold, out / gold.name)
    return out


def test_agrees_with_scorer_on_imperfect_system(shared: Path, perturbed: Path) -> None:
    expected = _scorer().score_dirs(DEV_GOLD, perturbed)
    got = evaluate(perturbed, DEV_GOLD)
    assert expected["missing"] == got["missing"] == [sorted(DEV_GOLD.glob("d*.xml"))[-1].stem]
    assert got["persName"]["f1"] < 1 and got["persName_link"]["acc"] < 1
    for key, value in expected.items():
        if isinstance(value, dict):
            assert {k: got[key][k] for k in value} == value, key
        else:
            assert got[key] == value, key


def test_agrees_with_scorer_on_converter_output(shared: Path, tmp_path: Path) -> None:
    converter = Converter()
    for path in sorted(DEV_TEXT.glob("d*.txt"))[:5]:
        (tmp_path / f"{path.stem}.xml").write_bytes(converter.convert_file(path).to_bytes())
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in sorted(DEV_GOLD.glob("d*.xml"))[:5]:
        (gold / path.name).write_bytes(path.read_bytes())
    expected = _scorer().score_dirs(gold, tmp_path)
    got = evaluate(tmp_path, gold)
    for key, value in expected.items():
        if isinstance(value, dict):
            assert {k: got[key][k] for k in value} == value, key
        else:
            assert got[key] == value, key


def test_identical_encodings_score_perfectly(shared: Path) -> None:
    gold = DEV_GOLD / "d25.xml"
    got = evaluate(gold, gold)
    assert got["text_similarity"] == 1.0
    assert got["persName"]["f1"] == got["gloss"]["f1"] == got["note"]["f1"] == 1.0
    assert got["persName_link"]["acc"] == 1.0
    assert got["missing"] == []


def test_cli_prints_table_and_writes_json(shared: Path, perturbed: Path,
                                          tmp_path: Path) -> None:
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "d25.xml").write_bytes((DEV_GOLD / "d25.xml").read_bytes())
    out = tmp_path / "scores.json"
    proc = run_cli("evaluate", str(perturbed), str(ref), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert b"persName" in proc.stdout and b"note anchors" in proc.stdout
    assert json.loads(out.read_text())["docs"] == 1
    proc = run_cli("evaluate", str(perturbed), str(ref), "--json", "-")
    assert json.loads(proc.stdout)["persName"]["gold"] > 0


def test_hostile_system_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "d1.xml"
    bad.write_bytes(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><div>&e;</div>')
    proc = run_cli("evaluate", str(bad), str(bad))
    assert proc.returncode == 2
    assert b"DOCTYPE" in proc.stderr
