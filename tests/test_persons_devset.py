"""Persons on real documents: the FRUS development set and the two seeds.

The dev set is scored by the reference scorer with only the persons pass enabled; the
seeds against a hand-made list of every person mention (``fixtures/persons_seeds.tsv``).
"""

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from teiwright.core import Converter

from support import DEV_PERSONS, NS, ROOT, SEEDS, TEI_NS, score_dev


def persons_only(register: Path) -> Converter:
    conv = Converter(preset="minimal", persons_path=register)
    conv.pipeline().enable("persons")
    return conv


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory, shared):
    out = tmp_path_factory.mktemp("persons-dev")
    conv = persons_only(DEV_PERSONS)
    return score_dev(conv, out)


def test_dev_set_targets(dev_scores):
    assert dev_scores["persName"]["f1"] >= 0.90
    assert dev_scores["persName"]["r"] >= 0.95
    assert dev_scores["persName_link"]["acc"] >= 0.95


def seed_mentions(conv: Converter) -> Counter:
    found: Counter = Counter()
    for path in sorted(SEEDS.glob("*.txt")):
        body = conv.convert_file(path).tree.getroot().find(f"{{{TEI_NS}}}text")
        for el in body.iterfind(".//t:persName", NS):
            found[path.stem, " ".join("".join(el.itertext()).split()),
                  (el.get("corresp") or "").lstrip("#")] += 1
    return found


def test_seeds_match_the_hand_made_list(shared):
    lines = (Path(__file__).parent / "fixtures" / "persons_seeds.tsv").read_text("utf-8")
    expected = Counter(tuple(line.split("\t")) for line in lines.splitlines()
                       if line and not line.startswith("#"))
    assert seed_mentions(persons_only(ROOT / "tei" / "persons.xml")) == expected


def test_signature_carries_the_signers_link(shared):
    conv = persons_only(ROOT / "tei" / "persons.xml")
    tree = conv.convert_file(sorted(SEEDS.glob("000_*.txt"))[0]).tree
    (signed,) = tree.getroot().iterfind(".//t:closer/t:signed", NS)
    assert signed.get("corresp") == "#p_RWP_1"
    assert etree.QName(signed[0]).localname == "persName"
