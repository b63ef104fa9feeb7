"""The HTML edition: every feature of issue 11, asserted on parsed pages.

A small hand-made volume exercises each TEI construct the converter emits; the
dev set checks the same invariants on real documents.
"""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from lxml import etree

from teiwright.core import Converter
from teiwright.errors import HostileXMLError, InputError
from teiwright.publishers.html import register_xml, render_site
from teiwright.registers.persons import load_persons
from teiwright.registers.terms import load_terms

from support import DEV_PERSONS, DEV_TERMS, DEV_TEXT, run_cli

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title type="main">{title}</title>
  <title type="volume">Panama, 1973–1976</title></titleStmt>
  <publicationStmt><publisher>Office of the Historian</publisher>
  <availability><licence>Public domain.</licence></availability></publicationStmt>
  <sourceDesc><bibl/></sourceDesc></fileDesc></teiHeader>
  <text><body>
  <div type="document" n="{n}" xml:id="d{n}">
    <head>{n}. {title}<note n="1" xml:id="d{n}fn1" type="source">Source: RG 59, Box 3.</note></head>
    <opener><dateline><placeName>Washington</placeName>, <date when="1973-11-20"
      calendar="gregorian">November 20, 1973</date>.</dateline></opener>
    <list type="subject"><head>SUBJECT</head><item>Canal talks</item></list>
    <p>The <gloss target="#t_DOD_1">DOD</gloss> view, said <persName corresp="#p_BE_1"
      >Bunker</persName>,<note n="2" xml:id="d{n}fn2">See <ref target="#d{other}">Document
      {other}</ref>.</note> was firm <pb n="70" xml:id="pg_70"/>until <date from="1964"
      to="1965">1964–65</date>. &lt;script&gt;alert(1)&lt;/script&gt; [<hi
      rend="italic">3 lines not declassified</hi>] <ref target="javascript:alert(1)">here</ref>
      and <persName corresp="#p_NOBODY_1">Nobody</persName>.</p>
    <quote><p>We shall see.</p></quote>
    <pb n="71" xml:id="pg_71"/>
    <div type="attachment"><head>Attachment</head><p>Draft reply.</p></div>
    <closer><signed corresp="#p_BE_1"><persName corresp="#p_BE_1">Bunker</persName></signed>
    </closer>
  </div></body></text>
</TEI>
"""


def write_volume(folder: Path, numbers: tuple[int, ...] = (10, 2)) -> list[Path]:
    """TEI files whose numbers sort differently as text and as numbers."""
    paths = []
    for i, n in enumerate(numbers):
        other = numbers[(i + 1) % len(numbers)]
        path = folder / f"d{n}.xml"
        path.write_text(TEI.format(n=n, other=other, title=f"Memorandum number {n}"),
                        encoding="utf-8")
        paths.append(path)
    return paths


def parse(path: Path) -> etree._Element:
    """Parse a page as a browser would, failing on any HTML5 parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False,
                                 tree=html5lib.getTreeBuilder("lxml"))
    return parser.parse(path.read_bytes()).getroot()


def text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    out = tmp_path_factory.mktemp("site")
    render_site(write_volume(tei), out, persons=DEV_PERSONS, terms=DEV_TERMS)
    return out


@pytest.fixture(scope="module")
def page(site: Path) -> etree._Element:
    return parse(site / "d2.html")


def test_site_files(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "persons.html", "abbreviations.html", "d2.html", "d10.html",
            "assets/edition.css", "assets/print.css", "assets/notes.js"} <= names
    assert not any(n.endswith(".tmp") for n in names)


def test_render_site_returns_written_files(tmp_path: Path) -> None:
    written = render_site(write_volume(tmp_path), tmp_path / "site")
    assert sorted(p.name for p in written if p.suffix == ".html") == [
        "d10.html", "d2.html", "index.html", "persons.html"]
    assert all(p.is_file() for p in written)


def test_page_shell_is_accessible(page: etree._Element) -> None:
    assert page.get("lang") == "en"
    assert page.find("head/meta[@name='viewport']") is not None
    assert page.findtext("head/title").startswith("2. Memorandum number 2")
    body = page.find("body")
    skip = body[0]
    assert skip.tag == "a" and skip.get("href") == "#main"
    assert body.find("header/nav[@aria-label]") is not None
    assert body.find("main[@id='main']") is not None
    assert body.find("footer") is not None
    assert page.find(".//link[@media='print']") is not None


def test_ids_unique_and_fragment_links_resolve(site: Path) -> None:
    ids = {}
    for path in site.glob("*.html"):
        root = parse(path)
        found = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(found) == len(set(found)), path.name
        ids[path.name] = set(found)
    for path in site.glob("*.html"):
        for a in parse(path).iter("a"):
            href = a.get("href")
            assert href, "every link has a target"
            file, _, frag = href.partition("#")
            assert (site / (file or path.name)).is_file(), href
            if frag:
                assert frag in ids[file or path.name], href


def test_no_nested_links(site: Path) -> None:
    for path in site.glob("*.html"):
        assert not parse(path).xpath("//a//a"), path.name


def test_heading_and_structure(page: etree._Element) -> None:
    article = page.find(".//main/article")
    h1 = article.find("header/h1")
    assert text(h1).startswith("2. Memorandum number 2")
    assert text(article.find(".//p[@class='dateline']")) == "Washington, November 20, 1973."
    assert text(article.find(".//p[@class='list-head']")) == "SUBJECT"
    assert [text(li) for li in article.findall(".//div[@class='list list-subject']/ul/li")] == [
        "Canal talks"]
    assert text(article.find(".//blockquote/p")) == "We shall see."
    assert text(article.find(".//div[@class='closer']/p[@class='signed']")) == "Bunker"


def test_footnotes_are_two_way(page: etree._Element) -> None:
    refs = page.xpath("//a[@role='doc-noteref']")
    assert [text(a) for a in refs] == ["1", "2"]
    for a in refs:
        assert a.getparent().tag == "sup"
        note = page.xpath(f"//*[@id='{a.get('href')[1:]}']")[0]
        back = note.xpath(".//a[@role='doc-backlink']")
        assert [b.get("href") for b in back] == [f"#{a.get('id')}"]


def test_source_note_first_and_set_apart(page: etree._Element) -> None:
    notes = page.find(".//section[@class='notes']")
    first = notes[1]
    assert first.get("class") == "source-note" and first.get("id") == "d2fn1"
    assert "Source: RG 59" in text(first)
    assert [li.get("id") for li in notes.findall("ol/li")] == ["d2fn2"]
    assert notes.find("ol/li").get("value") == "2"


def test_page_break_at_its_exact_place(page: etree._Element) -> None:
    pb = page.xpath("//span[@class='pb']")[0]
    assert pb.get("id") == "pg_70"
    assert text(pb) == "[Page 70]"
    para = pb.getparent()
    before = "".join(para.xpath("text()[following-sibling::span[@class='pb']]"))
    assert before.rstrip().endswith("was firm")
    assert pb.tail.startswith("until")


def test_page_break_between_blocks(page: etree._Element) -> None:
    pb = page.xpath("//div[@id='pg_71']")[0]
    assert pb.get("class") == "pb pb-block" and text(pb) == "[Page 71]"
    assert pb.getprevious().tag == "blockquote"


def test_attachment_heading_one_level_below_title(page: etree._Element) -> None:
    section = page.xpath("//section[@class='div div-attachment']")[0]
    assert text(section.find("h2")) == "Attachment"
    assert text(section.find("p")) == "Draft reply."


def test_person_link_with_tooltip(site: Path, page: etree._Element) -> None:
    links = page.xpath("//article//a[@class='persName']")
    assert links and links[0].get("href") == "persons.html#p_BE_1"
    assert links[0].get("title").startswith("Ellsworth Bunker, Ambassador at Large")
    unknown = page.xpath("//span[@class='persName'][.='Nobody']")
    assert unknown and unknown[0].get("title") is None
    persons = parse(site / "persons.html")
    entry = persons.xpath("//dt[@id='p_BE_1']")[0]
    assert text(entry) == "Bunker, Ellsworth"
    mentions = entry.getnext().xpath(".//p[@class='mentions']/a")
    assert [(a.text, a.get("href")) for a in mentions] == [("2", "d2.html"), ("10", "d10.html")]


def test_dates_become_time(page: etree._Element) -> None:
    times = page.xpath("//article//time")
    assert [(t.get("datetime"), text(t)) for t in times] == [
        ("1973-11-20", "November 20, 1973"), ("1964", "1964–65")]
    assert times[1].get("title") == "1964 to 1965"


def test_abbreviations(site: Path, page: etree._Element) -> None:
    abbr = page.xpath("//article//abbr")[0]
    assert (abbr.text, abbr.get("title")) == ("DOD", "Department of Defense")
    terms = parse(site / "abbreviations.html")
    assert text(terms.xpath("//dt[@id='t_DOD_1']")[0]) == "DOD"
    assert page.xpath("//nav//a[@href='abbreviations.html']")


def test_no_abbreviations_page_without_terms(tmp_path: Path) -> None:
    render_site(write_volume(tmp_path), tmp_path / "site", persons=DEV_PERSONS)
    assert not (tmp_path / "site" / "abbreviations.html").exists()
    assert not parse(tmp_path / "site" / "d2.html").xpath("//a[@href='abbreviations.html']")


def test_withheld_text_marked(page: etree._Element) -> None:
    withheld = page.xpath("//span[@class='withheld']")
    assert [text(w) for w in withheld] == ["3 lines not declassified"]


def test_cross_reference_links_document(page: etree._Element) -> None:
    assert page.xpath("//a[@class='ref'][@href='d10.html']")


def test_hostile_text_is_inert(page: etree._Element, site: Path) -> None:
    scripts = page.xpath("//script")
    assert [s.get("src") for s in scripts] == ["assets/notes.js"]
    assert "<script>alert(1)</script>" in text(page.find(".//article"))
    hrefs = [a.get("href") for path in site.glob("*.html") for a in parse(path).iter("a")]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert page.xpath("//span[@class='ref'][.='here']")


def test_prev_next_in_numeric_order(site: Path) -> None:
    two, ten = parse(site / "d2.html"), parse(site / "d10.html")
    assert two.xpath("//nav[@class='pager']//a[@rel='next']/@href") == ["d10.html"]
    assert not two.xpath("//a[@rel='prev']")
    assert ten.xpath("//nav[@class='pager']//a[@rel='prev']/@href") == ["d2.html"]


def test_index_lists_documents(site: Path) -> None:
    index = parse(site / "index.html")
    assert text(index.find(".//main/h1")) == "Panama, 1973–1976"
    items = index.findall(".//ol[@class='documents']/li")
    assert [li.find("a").get("href") for li in items] == ["d2.html", "d10.html"]
    assert text(items[0].find("a")) == "2. Memorandum number 2"
    assert items[0].find("time").get("datetime") == "1973-11-20"


def test_site_title_and_base_url(tmp_path: Path) -> None:
    render_site(write_volume(tmp_path), tmp_path / "site", site_title="FRUS <Panama>",
                base_url="https://example.org/frus")
    page = parse(tmp_path / "site" / "d2.html")
    assert text(page.find(".//p[@class='site-title']")) == "FRUS <Panama>"
    assert page.find("head/link[@rel='canonical']").get("href") == (
        "https://example.org/frus/d2.html")
    assert page.xpath("//a[@rel='next']/@href") == ["https://example.org/frus/d10.html"]


def test_register_forms_agree(tmp_path: Path) -> None:
    """The FRUS lists and teiwright's own TEI registers give the stylesheet the same data."""
    people, terms = load_persons(DEV_PERSONS), load_terms(DEV_TERMS)
    (tmp_path / "persons.xml").write_bytes(etree.tostring(people.to_tei()))
    (tmp_path / "terms.xml").write_bytes(etree.tostring(terms.to_tei()))
    again = register_xml(load_persons(tmp_path / "persons.xml"),
                         load_terms(tmp_path / "terms.xml"))
    assert again == register_xml(people, terms)
    root = etree.fromstring(again)
    assert root.find("person[@id='p_BE_1']").get("name") == "Ellsworth Bunker"


def test_hostile_xml_refused(tmp_path: Path) -> None:
    bad = tmp_path / "d1.xml"
    bad.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI>&x;</TEI>')
    with pytest.raises(HostileXMLError):
        render_site([bad], tmp_path / "site")


@pytest.mark.parametrize("number", ["/../../evil", "1/2", "1 2"])
def test_unsafe_document_id_refused(tmp_path: Path, number: str) -> None:
    """Without an xml:id the page is named after @n, which XML does not restrict."""
    path = write_volume(tmp_path, (1,))[0]
    path.write_text(path.read_text().replace('n="1" xml:id="d1"', f'n="{number}"'))
    with pytest.raises(InputError, match="cannot name a web page"):
        render_site([path], tmp_path / "site")


def test_duplicate_document_refused(tmp_path: Path) -> None:
    first = write_volume(tmp_path, (1,))[0]
    second = tmp_path / "copy.xml"
    second.write_bytes(first.read_bytes())
    with pytest.raises(InputError, match="already used"):
        render_site([first, second], tmp_path / "site")


def test_cli_renders_folder_with_registers(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    tei.mkdir()
    write_volume(tei)
    (tei / "persons.xml").write_bytes(DEV_PERSONS.read_bytes())
    result = run_cli("render", "html", str(tei), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert b"2 documents" in result.stderr
    page = parse(tmp_path / "site" / "d2.html")
    assert page.xpath("//a[@class='persName'][@href='persons.html#p_BE_1']")


def test_cli_bad_input_exit_code(tmp_path: Path) -> None:
    (tmp_path / "d1.xml").write_text("<TEI")
    result = run_cli("render", "html", str(tmp_path), "-o", str(tmp_path / "site"))
    assert result.returncode == 2
    assert b"not well-formed" in result.stderr


def test_dev_set_renders(tmp_path: Path) -> None:
    converter = Converter(persons_path=DEV_PERSONS, terms_path=DEV_TERMS)
    tei = tmp_path / "tei"
    for source in sorted(DEV_TEXT.glob("*.txt")):
        path = tei / f"{source.stem}.xml"
        tei.mkdir(exist_ok=True)
        path.write_bytes(converter.convert_file(source).to_bytes())
    render_site(sorted(tei.glob("*.xml")), tmp_path / "site", persons=DEV_PERSONS,
                terms=DEV_TERMS)
    pages = sorted((tmp_path / "site").glob("d*.html"))
    assert len(pages) == len(list(DEV_TEXT.glob("*.txt")))
    for path in pages:
        page = parse(path)
        refs = page.xpath("//a[@role='doc-noteref']")
        assert refs, path.name
        for a in refs:
            assert page.xpath(f"//*[@id='{a.get('href')[1:]}']//a[@href='#{a.get('id')}']")
        source = page.xpath("//section[@class='notes']/div[@class='source-note']")
        assert len(source) == 1, path.name
