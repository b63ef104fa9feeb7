"""The annotator pipeline: order by priority band, enable/disable by name, user passes."""

import pytest

from teiwright.annotators import Band, Context, Pipeline
from teiwright.core import Converter
from teiwright.model import Document, Hi


def test_default_order_follows_the_bands():
    assert Pipeline().names == ["crossrefs", "dates", "persons", "abbreviations"]
    assert Pipeline("minimal").names == []


def test_enable_disable_and_unknown_names():
    pipeline = Pipeline().disable("persons")
    assert "persons" not in pipeline.names
    assert pipeline.enable("persons").names[2] == "persons"
    with pytest.raises(KeyError, match="unknown annotator 'nope'"):
        pipeline.disable("nope")
    with pytest.raises(KeyError, match="unknown preset"):
        Pipeline("everything")


class Shout:
    """A user's pass: marks every 'URGENT' as bold."""

    name = "shout"
    priority = Band.LATE

    def apply(self, doc: Document, ctx: Context) -> None:
        for container in doc.containers():
            start = container.text.find("URGENT")
            if start >= 0:
                container.add(Hi(container.lines, start=start, end=start + 6, rend="bold"))


def test_a_user_annotator_runs_in_its_band():
    conv = Converter(preset="minimal")
    conv.pipeline().add(Shout)
    assert conv.pipeline().names == ["shout"]
    xml = conv.convert_text("1. Memo\n\nThis is URGENT now.\n").to_bytes()
    assert b'<hi rend="bold">URGENT</hi>' in xml


def test_a_user_annotator_replaces_one_of_the_same_name():
    class Dates(Shout):
        name = "dates"

    pipeline = Pipeline().add(Dates)
    assert pipeline.names.count("dates") == 1
    assert pipeline.names[-1] == "dates"  # now in the LATE band
