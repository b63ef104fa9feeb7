"""The encoded corpus in ``tei/`` is what the current converter makes of the seeds."""

from teiwright.config import VolumeConfig
from teiwright.core import Converter

from support import ROOT

EXAMPLE = ROOT / "examples" / "seeds"


def test_committed_seed_encodings_are_current():
    conv = Converter(VolumeConfig.load(EXAMPLE / "teiwright.toml"))
    seeds = sorted(EXAMPLE.glob("*.txt"))
    assert len(seeds) == 2
    for path in seeds:
        committed = ROOT / "tei" / f"{path.stem}.xml"
        assert committed.read_bytes() == conv.convert_file(path).to_bytes(), (
            f"{committed.name} is stale: run teiwright convert examples/seeds/*.txt -o tei/ "
            "--config examples/seeds/teiwright.toml")
