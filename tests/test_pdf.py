"""The print volume (``render pdf``), read back with pypdf as a reader's software sees it.

One book of the whole dev set is typeset once per session, in several parts (a small
part size stands in for a 1,000-page volume) joined into one PDF; each test checks one
promise of issue 8 on it: pages and page numbers, bookmarks per document, footnotes on
their reference's page, ``[Page N]`` in the outer margin, metadata, PDF/A and tags, the
front and back matter, links across parts, determinism, and that text can never
become Typst code.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from teiwright.config import VolumeConfig
from teiwright.core import Converter
from teiwright.errors import InputError
from teiwright.publishers.pdf import PdfError, PrintBook, render_pdf
from teiwright.registers.persons import inverted, load_persons

from support import (
    DEV_PERSONS,
    DEV_TERMS,
    DEV_TEXT,
    SEEDS,
    TEI_NS,
    artifact,
    footnote_pages,
    run_cli,
    split_headings,
    tagging_problems,
)

T = f"{{{TEI_NS}}}"
XML = "http://www.w3.org/XML/1998/namespace"


@dataclass
class Book:
    """The dev set as TEI files and the PDF made from them."""

    tei: list[Path]
    pdf: Path
    reader: pypdf.PdfReader

    def divs(self) -> list[etree._Element]:
        return [etree.parse(str(p)).find(f".//{T}div[@type='document']") for p in self.tei]

    def footnotes(self) -> list[etree._Element]:
        """Every note that is a footnote (a division's label note is printed in place)."""
        return [n for div in self.divs() for n in div.iter(f"{T}note")
                if n.get("type") != "label"]

    def text(self, index: int) -> str:
        return self.reader.pages[index].extract_text()


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Book:
    folder = tmp_path_factory.mktemp("pdf")
    conv = Converter(VolumeConfig(), persons_path=DEV_PERSONS, terms_path=DEV_TERMS)
    tei = []
    for path in sorted(DEV_TEXT.glob("*.txt"), key=lambda p: int(p.stem[1:])):
        out = folder / f"{path.stem}.xml"
        out.write_bytes(conv.convert_file(path).to_bytes())
        tei.append(out)
    pdf = render_pdf(tei, folder / "volume.pdf", persons=DEV_PERSONS, terms=DEV_TERMS,
                     fixed_date="2025-01-01", part_characters=PART_CHARACTERS)
    return Book(tei, pdf, pypdf.PdfReader(pdf))


PART_CHARACTERS = 12_000
"""About five pages a part: the dev set becomes seven parts of documents, two of which
end where the layout itself began a page and the others on a page of their own."""


def _bookmarks(reader: pypdf.PdfReader) -> list[tuple[str, list[str]]]:
    """Top-level bookmark titles, each with the titles nested under it."""
    out: list[tuple[str, list[str]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            out[-1][1].extend(child.title for child in item if not isinstance(child, list))
        else:
            out.append((item.title, []))
    return out


def _flat(text: str) -> str:
    """Text without spaces and hyphens: line breaks and hyphenation differ from the TEI."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def _roman(number: int) -> str:
    digits = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in digits:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _document_start(book: Book) -> int:
    """Index of the page the Documents section starts on."""
    return next(book.reader.get_destination_page_number(item) for item in book.reader.outline
                if not isinstance(item, list) and item.title == "Documents")


def test_pages_are_numbered_in_the_footer(book: Book) -> None:
    """Front matter i, ii, … (an even count, so page 1 is a recto), then 1, 2, … on."""
    start = _document_start(book)
    assert start % 2 == 0 and start > 2
    labels = book.reader.page_labels
    assert labels == [_roman(i + 1) for i in range(start)] + \
        [str(i - start + 1) for i in range(start, len(labels))]
    for index in range(1, len(labels)):
        lines = [line.strip() for line in book.text(index).splitlines()
                 if not line.startswith("[Page ")]  # margin labels come after the footer
        if lines:  # the front matter may end on a blank verso
            assert lines[-1] == labels[index], f"page {labels[index]}"


def test_every_document_has_a_bookmark_in_order(book: Book) -> None:
    marks = dict(_bookmarks(book.reader))
    numbers = [div.get("n") for div in book.divs()]
    assert [t.split(".")[0] for t in marks["Documents"]] == numbers
    assert {"Persons", "Abbreviations and Terms", "Index of Persons"} <= set(marks)
    pages = [book.reader.get_destination_page_number(item) for item in book.reader.outline[-2]]
    assert pages == sorted(pages) and all(book.text(p) for p in pages)


def test_running_heads_name_the_volume_and_the_current_document(book: Book) -> None:
    title = book.reader.metadata.title if book.reader.metadata else None
    numbers = [int(div.get("n")) for div in book.divs()]
    start = _document_start(book)
    shown = []
    for index in range(start + 1, len(book.reader.pages) - 1):
        first = book.text(index).split("\n", 1)[0].strip()
        if index % 2:  # a verso
            assert first == title
        elif first.startswith("Document "):
            shown.append(int(first.removeprefix("Document ")))
    assert shown and shown == sorted(shown) and set(shown) <= set(numbers)


def test_each_footnote_is_on_the_page_of_its_reference(book: Book) -> None:
    pairs = footnote_pages(book.reader)
    assert len(pairs) == len(book.footnotes())
    assert [p for p in pairs if p[0] != p[1]] == []


def test_footnote_text_is_at_the_foot_of_its_page(book: Book) -> None:
    pages = [page for page, _ in footnote_pages(book.reader)]
    for note, page in zip(book.footnotes(), pages, strict=True):
        start = _flat("".join(note.itertext()))[:25]
        assert start in _flat(book.text(page)), note.get("n")


def test_original_page_numbers_stand_in_the_outer_margin(book: Book) -> None:
    """Each ``[Page N]`` label stands in the outer margin, on the baseline of a line of
    the text (the line that holds the break)."""
    expected = [pb.get("n") for div in book.divs() for pb in div.iter(f"{T}pb")]
    found: list[tuple[str, int, float, float]] = []
    baselines: dict[int, list[float]] = {}
    for index, page in enumerate(book.reader.pages):
        def visit(text: str, cm: list[float], tm: list[float], *_: object,
                  index: int = index) -> None:
            mark = re.fullmatch(r"\[Page (\S+)\]", text.strip())
            y = cm[5] + tm[5] * cm[3]
            if mark:
                found.append((mark[1], index, cm[4] + tm[4] * cm[0], y))
            elif text.strip():
                baselines.setdefault(index, []).append(y)
        page.extract_text(visitor_text=visit)
    assert [n for n, *_ in found] == expected
    width = float(book.reader.pages[0].mediabox.width)
    for n, index, x, y in found:
        recto = index % 2 == 0  # page index 0 is page 1, a recto
        assert (x > width * 0.78) if recto else (x < width * 0.15), f"[Page {n}] at {x:.0f}"
        # within 0.6 pt: a heading's first line (11 pt type) sits that much lower
        assert min(abs(y - line) for line in baselines[index]) < 0.6, f"[Page {n}] at y {y:.1f}"


def test_metadata_language_pdfa_and_tags(book: Book) -> None:
    meta = book.reader.metadata
    assert meta is not None and meta.title and meta.author and meta.subject
    first, last = book.divs()[0].get("n"), book.divs()[-1].get("n")
    assert f"Documents {first}–{last}" in meta.subject
    assert meta.creation_date is not None and meta.creation_date.year == 2025
    root = book.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp)


def test_front_and_back_matter_come_from_the_registers(book: Book) -> None:
    persons = load_persons(DEV_PERSONS)
    mentioned = {ref.lstrip("#") for div in book.divs()
                 for el in div.iter(f"{T}persName") for ref in el.get("corresp", "").split()}
    assert mentioned
    back = " ".join(book.text(i) for i in range(len(book.reader.pages) - 3,
                                                 len(book.reader.pages)))
    index = back[back.index("Index of Persons"):]
    for pid in sorted(mentioned):
        person = persons.get(pid)
        assert person is not None and _flat(inverted(person)) in _flat(index)
    contents = book.text(1)
    assert "Contents" in contents and "Persons" in contents and "Index of Persons" in contents


def test_a_document_heading_stands_whole_on_its_page(book: Book) -> None:
    heads = {div.get(f"{{{XML}}}id"): "".join(div.xpath(
                 "t:head[1]//text()[not(ancestor::t:note)]", namespaces={"t": TEI_NS}))
             for div in book.divs()}
    assert split_headings(book.reader, heads) == []


def test_parts_cut_where_the_layout_turns_a_page_make_the_one_piece_book(
        book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When every part ends where the layout itself began a page with a document, the
    joined book is the book typeset in one piece: same pages, same text on each."""
    cuts: list[object] = []
    real = PrintBook.natural_cut

    def spy(self: PrintBook, *args: object) -> object:
        cuts.append(real(self, *args))  # type: ignore[arg-type]
        return cuts[-1]

    monkeypatch.setattr(PrintBook, "natural_cut", spy)
    parts = pypdf.PdfReader(render_pdf(book.tei, tmp_path / "parts.pdf", isolate=False,
                                       fixed_date="2025-01-01", part_characters=47_000))
    assert cuts and None not in cuts  # the premise: every boundary is a natural one
    whole = pypdf.PdfReader(render_pdf(book.tei, tmp_path / "whole.pdf", isolate=False,
                                       fixed_date="2025-01-01", part_characters=10**9))
    assert len(parts.pages) == len(whole.pages)
    assert {name: parts.get_destination_page_number(dest)
            for name, dest in parts.named_destinations.items()} == \
        {name: whole.get_destination_page_number(dest)
         for name, dest in whole.named_destinations.items()}
    for index, page in enumerate(parts.pages):
        assert page.extract_text() == whole.pages[index].extract_text(), index
    assert tagging_problems(tmp_path / "parts.pdf") == []


def test_hyphens_read_as_hyphens_in_every_part(book: Book) -> None:
    text = "".join(page.extract_text() for page in book.reader.pages)
    assert "-" in text and "\u00ad" not in text


def test_the_parts_join_into_one_tagged_book(book: Book) -> None:
    import pikepdf

    assert tagging_problems(book.pdf) == []
    with pikepdf.open(book.pdf) as joined:
        assert joined.check_pdf_syntax() == []
        xmp = joined.Root.Metadata.read_bytes().decode()
    assert f"<xmpTPg:NPages>{len(book.reader.pages)}</xmpTPg:NPages>" in xmp


def test_links_across_parts_reach_their_documents(book: Book) -> None:
    """Contents and index link to documents typeset in other parts; each link lands on
    the page that starts the document, and the contents prints that page's number."""
    reader = book.reader
    targets = {name: reader.get_destination_page_number(dest)
               for name, dest in reader.named_destinations.items()}
    numbers = {div.get("{http://www.w3.org/XML/1998/namespace}id"): div.get("n")
               for div in book.divs()}
    assert set(numbers) <= set(targets)
    for label, n in numbers.items():
        assert book.text(targets[label]).split("\n", 1)[1].lstrip().startswith(f"{n}.") or \
            f"\n{n}. " in book.text(targets[label]), label
    linked = 0
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert not str(annot.get("/A", {}).get("/URI", "")).startswith("teiwright")
            if isinstance(annot.get("/Dest"), str) and annot["/Dest"] in numbers:
                linked += 1
                assert annot["/Contents"] == f"Page {reader.page_labels[targets[annot['/Dest']]]}"
    assert linked >= 2 * len(numbers)  # the contents twice (title and number) and the index
    start = _document_start(book)
    contents = "\n".join(book.text(i) for i in range(1, start))
    printed = re.findall(r"\.\s*([ivxlc]+|\d+)\s*$", contents, flags=re.M)
    expected = [reader.page_labels[reader.get_destination_page_number(item)]
                for item in reader.outline if not isinstance(item, list)
                and item.title != "Contents"]
    expected[3:3] = [reader.page_labels[targets[label]] for label in numbers]
    assert printed == expected


def test_fixed_date_gives_identical_bytes(book: Book, tmp_path: Path) -> None:
    one = render_pdf(book.tei[:2], tmp_path / "a.pdf", fixed_date="2024-05-01T12:00:00Z")
    two = render_pdf(book.tei[:2], tmp_path / "b.pdf", fixed_date="2024-05-01T12:00:00Z")
    assert one.read_bytes() == two.read_bytes()


def test_plain_pdf_has_neither_pdfa_nor_tags(book: Book, tmp_path: Path) -> None:
    pdf = render_pdf(book.tei[:1], tmp_path / "plain.pdf", pdf_standard=None, tagged=False,
                     fixed_date="2024-01-01")
    root = pypdf.PdfReader(pdf).trailer["/Root"]
    assert "/StructTreeRoot" not in root
    assert "pdfaid" not in (root["/Metadata"].get_object().get_data().decode()
                            if "/Metadata" in root else "")


def test_bad_options_and_inputs_are_one_line_errors(book: Book, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="PDF standard"):
        render_pdf(book.tei[:1], tmp_path / "x.pdf", pdf_standard="a-9z")
    with pytest.raises(InputError, match="fixed date"):
        render_pdf(book.tei[:1], tmp_path / "x.pdf", fixed_date="yesterday")
    with pytest.raises(InputError, match="no TEI documents"):
        render_pdf([DEV_PERSONS], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_character_without_glyph_asks_for_plain_pdf(tmp_path: Path) -> None:
    src = tmp_path / "cjk.xml"
    src.write_bytes(_tei("漢字"))
    with pytest.raises(PdfError, match=r"PDF/A.*--pdf-standard none"):
        render_pdf([src], tmp_path / "cjk.pdf", fixed_date="2024-01-01")
    # the same one-line error from a part typeset in a process of its own
    with pytest.raises(PdfError, match=r"^typst: .*PDF/A.*--pdf-standard none"):
        render_pdf([src, src], tmp_path / "cjk.pdf", fixed_date="2024-01-01",
                   part_characters=1)
    assert not (tmp_path / "cjk.pdf").exists()
    render_pdf([src], tmp_path / "cjk.pdf", pdf_standard=None, fixed_date="2024-01-01")
    assert (tmp_path / "cjk.pdf").stat().st_size > 0


def test_a_page_renders_to_png(book: Book) -> None:
    """The visual check artifact: the first document page as an image (pdftoppm), left
    in test-artifacts/pdf-first-document.png (or $TEIWRIGHT_ARTIFACTS)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; tests/setup-and-run.sh installs it")
    start = _document_start(book)
    out = artifact("pdf-first-document")
    page = str(start + 1)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, "-singlefile",
                    str(book.pdf), str(out)], check=True, timeout=60)
    png = out.with_suffix(".png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_cli_renders_the_seeds(tmp_path: Path, shared: Path) -> None:
    tei = tmp_path / "tei"
    conv = Converter(VolumeConfig())
    tei.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        (tei / f"{path.stem}.xml").write_bytes(conv.convert_file(path).to_bytes())
    out = tmp_path / "seeds.pdf"
    done = run_cli("render", "pdf", str(tei), "-o", str(out), "--fixed-date", "2025-01-01",
                   "--title", "Seed Documents")
    assert done.returncode == 0, done.stderr.decode()
    reader = pypdf.PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == "Seed Documents"
    assert len(_bookmarks(reader)[-1][1]) == len(list(SEEDS.glob("*.txt")))


# -- Typst injection --------------------------------------------------------------------

MARKUP = ['#read("/etc/passwd")', '#import "/layout.typ": *', "#panic(1)", "$x^2$", "*b*",
          "_e_", "@ref", "<lbl>", "[x]", "\\", "~", "// c", "/* c */", "`raw`", "```r```",
          "= Head", "- item", "+ item", "1. item", "/ term: d", '"q"', "'s", "--", "---",
          "...", "-?", "https://x.org/a", "#{", "}", "#set page(width: 1cm)", "\\u{41}"]
TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x17F,
                             categories=("L", "N", "P", "S", "Zs")), max_size=30)


def _tei(text: str) -> bytes:
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    body = etree.SubElement(etree.SubElement(root, f"{T}text"), f"{T}body")
    div = etree.SubElement(body, f"{T}div", type="document", n="1")
    etree.SubElement(div, f"{T}head").text = "1. Probe"
    p = etree.SubElement(div, f"{T}p")
    p.text = "START "
    hi = etree.SubElement(p, f"{T}hi", rend="italic")
    hi.text = text
    hi.tail = " END"
    return etree.tostring(root)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(TEXT, st.sampled_from(MARKUP)), min_size=1, max_size=4).map(" ".join))
def test_any_text_is_typeset_literally(tmp_path: Path, text: str) -> None:
    src = tmp_path / "probe.xml"
    src.write_bytes(_tei(text))
    pdf = render_pdf([src], tmp_path / "probe.pdf", pdf_standard=None, tagged=False,
                     fixed_date="2024-01-01")
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    body = "".join(page.extract_text() for page in reader.pages[2:])
    # A hyphen at a line end comes back as a soft hyphen, and Typst may hyphenate a long
    # word there; that adds a hyphen, nothing else.
    flat = re.sub(r"\s+", "", body).replace("\u00ad", "-")
    wanted = re.sub(r"\s+", "", text)
    pattern = "-?".join(re.escape(c) for c in wanted)
    assert re.search(f"START{pattern}-?END", flat), (text, body)
    assert "root:" not in body.replace(text, "")


def test_text_reaches_typst_escaped(tmp_path: Path) -> None:
    src = tmp_path / "probe.xml"
    src.write_bytes(_tei('#read("/etc/passwd") $x$ [a] <b> @c'))
    source = PrintBook([src]).source("documents")
    assert '\\#read\\(\\"\\/etc\\/passwd\\"\\) \\$x\\$ \\[a\\] \\<b\\> \\@c' in source


def test_page_break_inside_a_name_does_not_break_the_paragraph(tmp_path):
    """``Guillermo [Page 767] Lohmann`` stays one paragraph; a note's first paragraph
    runs on after its number."""
    text = ("5. Memo1\n\nMet Ambassador Guillermo [Page 767] Lohmann Villena today.\n"
            "  1. Summary: Short.\n\n    Source: Files.\n")
    persons = tmp_path / "persons.csv"
    persons.write_text("id,name,role,variants\np_LVG_1,Guillermo Lohmann Villena,envoy,\n")
    tei = tmp_path / "d5.xml"
    tei.write_bytes(Converter(persons_path=persons).convert_text(text, "d5.txt").to_bytes())
    assert b"<persName" in tei.read_bytes() and b"<pb" in tei.read_bytes()
    source = PrintBook([tei]).source("documents")
    body = source[source.index("Met Ambassador"):]
    assert "\n\n" not in body[:body.index("today")]
    note = source[source.index("tw-note("):]
    assert "\n\n" not in note[:note.index("Summary")]


def test_documents_without_ids_still_get_contents_links_across_parts(tmp_path: Path) -> None:
    """Two documents without xml:id, each typeset in a part of its own: the stylesheet's
    own labels (which no xml:id can equal) carry the contents links and page numbers."""
    files = []
    for name in ("a", "b"):
        files.append(tmp_path / f"{name}.xml")
        files[-1].write_bytes(_tei(f"text of {name}"))
    pdf = render_pdf(files, tmp_path / "two.pdf", fixed_date="2024-01-01", part_characters=1)
    reader = pypdf.PdfReader(pdf)
    targets = {name: reader.get_destination_page_number(dest)
               for name, dest in reader.named_destinations.items()}
    assert {"tw:doc-1", "tw:doc-2"} <= set(targets)
    assert targets["tw:doc-1"] < targets["tw:doc-2"]
    contents_links = [annot.get_object()["/Dest"] for annot in reader.pages[1].get("/Annots", [])]
    assert contents_links.count("tw:doc-2") == 2 and tagging_problems(pdf) == []


def test_isolated_typesetting_gives_the_same_bytes(book: Book, tmp_path: Path) -> None:
    """Whether the parts are typeset here or in processes of their own changes nothing."""
    here = render_pdf(book.tei[:2], tmp_path / "here.pdf", fixed_date="2024-05-01",
                      isolate=False)
    apart = render_pdf(book.tei[:2], tmp_path / "apart.pdf", fixed_date="2024-05-01",
                       isolate=True)
    assert here.read_bytes() == apart.read_bytes()


def test_a_killed_typesetting_process_is_a_one_line_error(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A part's process that the kernel kills (out of memory) is reported in one line;
    the child also finds modules on this process's import path."""
    from teiwright.publishers.typst_part import run_module

    (tmp_path / "killed_child.py").write_text(
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PdfError, match=r"killed \(signal 9\); out of memory\?"):
        run_module("killed_child")
