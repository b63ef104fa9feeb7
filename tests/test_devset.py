"""The converter on the FRUS development set: structure as good as the human encoding.

Scored by the project's reference scorer (``../shared/tools/frus_score.py``) so the
figures match what the README reports.
"""


import pytest

from teiwright.core import Converter
from teiwright.writers.plaintext import PlainTextWriter

from support import DEV_TEXT, SEEDS, score_dev


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory, shared):
    out = tmp_path_factory.mktemp("dev")
    return score_dev(Converter(preset="minimal"), out)


def test_structure_targets(dev_scores):
    s = dev_scores
    assert s["missing"] == []
    assert s["text_similarity"] >= 0.999
    assert s["head"]["acc"] == 1.0
    assert s["docnum"]["acc"] == 1.0
    assert s["pb"]["f1"] == 1.0
    assert s["note"]["acc"] == 1.0 and s["note"]["extra"] == 0
    assert s["note_anchor"]["acc"] >= 0.99
    assert s["note_source"]["acc"] == 1.0


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("path", sorted(DEV_TEXT.glob("*.txt")) + sorted(SEEDS.glob("*.txt")),
                         ids=lambda p: p.stem)
def test_round_trip_loses_nothing(path, shared):
    """TEI rendered back to text equals the input, up to whitespace."""
    text = path.read_text(encoding="utf-8")
    tree = Converter().convert_file(path).tree
    assert _squeeze(PlainTextWriter().write(tree)) == _squeeze(text)
