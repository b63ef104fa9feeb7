"""The abbreviations pass alone on the FRUS development set, scored by the reference scorer."""


from teiwright.core import Converter

from support import DEV_TERMS, score_dev


def test_gloss_targets_on_the_dev_set(tmp_path, shared):
    conv = Converter(preset="minimal", terms_path=DEV_TERMS)
    conv.pipeline().enable("abbreviations")
    scores = score_dev(conv, tmp_path)
    assert scores["gloss"]["f1"] >= 0.95, scores["gloss"]
    assert scores["gloss_link"]["acc"] >= 0.98, scores["gloss_link"]
