"""The assembled volume: FRUS front matter, every document, unique ids, valid TEI."""

from __future__ import annotations

from lxml import etree

from teiwright.config import VolumeConfig
from teiwright.core import Converter
from teiwright.registers.persons import load_persons
from teiwright.registers.terms import load_terms
from teiwright.volume import assemble_volume

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT, NS

CONFIG = VolumeConfig(id="frus1969-76v22", title="Panama, 1973–1976", editors=["An Editor"])


def _docs(names: list[str]) -> list[tuple[str, bytes]]:
    conv = Converter(CONFIG, persons_path=DEV_PERSONS, terms_path=DEV_TERMS)
    return [(n, conv.convert_file(DEV_TEXT / n).to_bytes()) for n in names]


def test_volume_is_valid_tei_all_with_front_matter(tei_all: etree.RelaxNG) -> None:
    volume = assemble_volume(_docs(["d25.txt", "d26.txt", "d27.txt"]), CONFIG,
                             persons=load_persons(DEV_PERSONS), terms=load_terms(DEV_TERMS))
    tree = etree.fromstring(volume.to_bytes()).getroottree()
    assert volume.documents == 3 and volume.warnings == []
    front = tree.find("t:text/t:front", NS)
    assert [d.get("{http://www.w3.org/XML/1998/namespace}id") for d in front] == \
        ["persons", "terms"]
    assert tree.findtext("t:teiHeader//t:titleStmt/t:title", namespaces=NS) == CONFIG.title
    assert tree.findtext("t:teiHeader//t:editor", namespaces=NS) == "An Editor"
    schema = tei_all
    assert schema.validate(tree), schema.error_log.last_error


def test_repeated_ids_are_dropped_and_reported() -> None:
    (name, data), = _docs(["d25.txt"])
    volume = assemble_volume([(name, data), ("copy.xml", data)], CONFIG)
    ids = volume.tree.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    assert volume.documents == 2
    assert any("copy.xml: xml:id 'd25' already used" in w for w in volume.warnings)


def test_file_without_a_document_is_left_out() -> None:
    tei = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>'
    volume = assemble_volume([("odd.xml", tei)], CONFIG)
    assert volume.documents == 0
    assert volume.warnings == ['odd.xml: no div type="document"; left out of the volume']
    assert volume.tree.find(".//t:front", NS) is None
