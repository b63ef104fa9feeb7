"""The abbreviations pass alone on the FRUS development set, scored by the reference scorer."""

import json
import subprocess
import sys

from teiwright.core import Converter

from support import DEV_GOLD, DEV_TERMS, DEV_TEXT, SHARED


def test_gloss_targets_on_the_dev_set(tmp_path, shared):
    conv = Converter(preset="minimal", terms_path=DEV_TERMS)
    conv.pipeline().enable("abbreviations")
    for path in sorted(DEV_TEXT.glob("*.txt")):
        (tmp_path / f"{path.stem}.xml").write_bytes(conv.convert_file(path).to_bytes())
    scorer = SHARED / "tools" / "frus_score.py"
    res = subprocess.run([sys.executable, str(scorer), str(DEV_GOLD), str(tmp_path)],
                         capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    assert scores["gloss"]["f1"] >= 0.95, scores["gloss"]
    assert scores["gloss_link"]["acc"] >= 0.98, scores["gloss_link"]
