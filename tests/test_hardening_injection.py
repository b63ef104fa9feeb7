"""What a document says is shown, never run: HTML stays inert, Typst code prints as text.

Text copied from web pages can carry markup, scripts and links; a TEI file from
elsewhere can carry hostile attribute values. The HTML edition must show the text
and drop dangerous links, and the PDF must typeset Typst syntax literally.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import html

from support import run_cli

SCRIPT_URL = re.compile(r"(?:javascript|vbscript|data):", re.I)
C0_AND_SPACE = "".join(map(chr, range(0x21)))
HOSTILE_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
</teiHeader><text><body><div type="document" n="2" xml:id="d2">
<head>2. Memo <hi rend="x&quot; onmouseover=&quot;alert(1)">hi</hi></head>
<p><ref target="javascript:alert(1)">a</ref> <ref target="  JaVaScRiPt:alert(2)">b</ref>
<ref target="java&#x9;script:alert(3)">c</ref> <ref target="vbscript:msgbox">d</ref>
<ref target="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;">e</ref>
<ref target="https://history.state.gov/">safe</ref>
<persName corresp="&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;">N</persName>
&lt;script&gt;alert(6)&lt;/script&gt;
<pb n="&quot;&gt;&lt;img src=x onerror=alert(7)&gt;" xml:id="pg_x"/></p></div></body></text></TEI>
"""
WEB_TEXT = ('9. Memo <script>alert(1)</script>\n\nSee <a href="javascript:alert(1)">x</a> '
            '&amp; <img src=x onerror=alert(2)> ]]> &lt;\n')


def as_browser(url: str) -> str:
    """The URL as a browser reads it: tabs and newlines dropped, controls and spaces trimmed."""
    return re.sub(r"[\t\n\r]", "", url).strip(C0_AND_SPACE)


def inert(page: Path) -> html.HtmlElement:
    """Parse a page as a browser would and check that nothing in it can run."""
    root = html.parse(str(page)).getroot()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script":
            assert el.get("src", "").endswith("assets/notes.js") and not (el.text or "").strip()
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (page.name, el.tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert not SCRIPT_URL.match(as_browser(value)), (page.name, el.tag, value)
    return root


def render_html(tmp_path: Path, tei: Path) -> Path:
    out = tmp_path / "html"
    res = run_cli("render", "html", str(tei), "-o", str(out))
    assert res.returncode == 0, res.stderr.decode()
    return out


def test_markup_in_plain_text_is_shown_as_text(tmp_path: Path):
    src = tmp_path / "d9.txt"
    src.write_text(WEB_TEXT)
    assert run_cli("convert", str(src), "-o", str(tmp_path / "tei")).returncode == 0
    out = render_html(tmp_path, tmp_path / "tei" / "d9.xml")
    text = " ".join(inert(out / "d9.html").text_content().split())
    assert "9. Memo <script>alert(1)</script>" in text
    assert 'See <a href="javascript:alert(1)">x</a> &amp; <img src=x onerror=alert(2)> ]]> &lt;' \
        in text
    for page in out.glob("*.html"):
        inert(page)


def test_hostile_tei_attributes_and_links_are_defused(tmp_path: Path):
    tei = tmp_path / "d2.xml"
    tei.write_text(HOSTILE_TEI)
    out = render_html(tmp_path, tei)
    for page in out.glob("*.html"):
        inert(page)
    links = {a.text_content(): a.get("href") for a in inert(out / "d2.html").iter("a")}
    assert links.get("safe") == "https://history.state.gov/"
    # a scheme split by a tab is the scheme to a browser: no link at all, not an inert one
    assert [name for name in "abcde" if links.get(name)] == [], links


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A path that blocks whoever opens it for reading: a read would hang the run."""
    path = tmp_path / "secret"
    os.mkfifo(path)
    return path


def test_typst_code_in_text_is_typeset_literally(tmp_path: Path, fifo: Path):
    from pypdf import PdfReader

    src = tmp_path / "d3.txt"
    src.write_text(f'3. Memo on #read("{fifo}") and $x^2$\n\n'
                   f'Text #panic("boom") #image("{fifo}") [a] ] \\ * _ @ref <l> // c /* open\n\n'
                   '```raw``` #let x = 1; #x\n')
    assert run_cli("convert", str(src), "-o", str(tmp_path / "tei")).returncode == 0
    pdf = tmp_path / "v.pdf"
    res = run_cli("render", "pdf", str(tmp_path / "tei"), "-o", str(pdf), "--fixed-date",
                  "2025-01-01", timeout=120)
    assert res.returncode == 0, res.stderr.decode()
    text = "".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    for literal in (f'#read("{fifo}") and $x^2$', '#panic("boom")', f'#image("{fifo}")',
                    "[a] ] \\ * _ @ref <l> // c /* open", "```raw``` #let x = 1; #x"):
        assert "".join(literal.split()) in text  # line breaks may fall anywhere
