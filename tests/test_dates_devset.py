"""The dates pass alone on the FRUS development set, and its values against the TEI schema."""

from pathlib import Path

from lxml import etree

from teiwright.core import Converter

from support import read_fixture_file, score_dev


def test_dateline_values_on_the_dev_set(tmp_path, shared):
    conv = Converter(preset="minimal")
    conv.pipeline().enable("dates")
    scores = score_dev(conv, tmp_path)
    assert scores["dateline_when"]["acc"] >= 0.98, scores["dateline_when"]
    assert scores["date"]["r"] >= 0.95, scores["date"]


FIXTURES = Path(__file__).parent / "fixtures" / "dates.txt"
_W3C = "".join(f'<data type="{t}"/>' for t in (
    "date", "gYear", "gMonth", "gDay", "gYearMonth", "gMonthDay", "time", "dateTime"))
DATE_RNG = f"""<element xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><anyName/>
  {"".join(f'<optional><attribute name="{n}"><choice>{_W3C}</choice></attribute></optional>'
           for n in ("when", "from", "to", "notBefore", "notAfter"))}
  <optional><attribute name="calendar"/></optional><optional><attribute name="type"/></optional>
  <text/></element>"""
"""``att.datable.w3c`` as tei_all declares it (loading all of tei_all takes seconds)."""


def test_every_value_is_a_w3c_datatype():
    """Times with offsets, year bounds, spans of days: all in tei_all's datatypes."""
    schema = etree.RelaxNG(etree.fromstring(DATE_RNG))
    conv = Converter(preset="minimal")
    conv.pipeline().enable("dates")
    checked = 0
    assert not schema.validate(etree.fromstring('<date when="1973-13">x</date>'))
    for case in read_fixture_file(FIXTURES):
        tree = conv.convert_text(case.input, "case.txt").tree
        for date in tree.iter("{http://www.tei-c.org/ns/1.0}date"):
            bare = etree.Element("date", dict(date.attrib))
            bare.text = "".join(date.itertext())
            assert schema.validate(bare), (case.title, etree.tostring(bare))
            checked += 1
    assert checked > 40
