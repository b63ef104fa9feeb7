"""The HTML edition in a real browser: Debian's headless Chromium over the DevTools protocol.

Opens a document page, follows a footnote reference and its back link, checks a person
link, the keyboard path and the pop-up enhancement, takes a screenshot, and fails on any
console error. Skipped only where Chromium is not installed (``tests/setup-and-run.sh``
installs it).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket

from teiwright.publishers.html import render_site
from test_html import write_volume

from support import DEV_PERSONS, DEV_TERMS, artifact

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed")

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-port=0")


class DevTools:
    """A minimal Chrome DevTools protocol client: commands in order, events collected."""

    def __init__(self, url: str) -> None:
        self.ws = websocket.create_connection(url, timeout=15, suppress_origin=True)
        self.events: list[dict[str, Any]] = []
        self._id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return dict(msg.get("result", {}))
            self.events.append(msg)

    def wait_for(self, method: str, since: int) -> None:
        """Wait until ``method`` arrives as an event after the first ``since`` events."""
        while not any(e.get("method") == method for e in self.events[since:]):
            self.events.append(json.loads(self.ws.recv()))

    def js(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def navigate(self, url: str) -> None:
        mark = len(self.events)
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired", mark)

    def click(self, selector: str) -> None:
        """Click the element's centre with real mouse events, as a reader would."""
        box = self.js(f"""(() => {{ const el = document.querySelector({json.dumps(selector)});
            el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)

    def key(self, key: str, code: int) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key=key, code=key,
                      windowsVirtualKeyCode=code)

    def errors(self) -> list[str]:
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error",
                                                                               "assert"):
                out.append(json.dumps(params.get("args")))
            elif method == "Runtime.exceptionThrown":
                out.append(json.dumps(params.get("exceptionDetails")))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                out.append(params["entry"]["text"])
        return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    assert CHROMIUM is not None
    proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert proc.poll() is None, "chromium exited"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log"):
            tools.send(f"{domain}.enable")
        tools.send("Emulation.setDeviceMetricsOverride", width=1200, height=900,
                   deviceScaleFactor=1, mobile=False)
        yield tools
        tools.ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    render_site(write_volume(tmp_path_factory.mktemp("tei")), out, persons=DEV_PERSONS,
                terms=DEV_TERMS)
    return out


def test_document_page_in_browser(browser: DevTools, site: Path) -> None:
    browser.navigate((site / "d2.html").as_uri())
    assert browser.js("document.title").startswith("2. Memorandum number 2")
    assert browser.js("getComputedStyle(document.querySelector('.pb-label')).position") == (
        "absolute"), "the edition stylesheet is applied and page numbers sit in the margin"

    browser.click("p a[role='doc-noteref']")
    assert browser.js("location.hash") == "#d2fn2"
    assert browser.js("document.querySelector(':target').id") == "d2fn2"
    assert browser.js("""(() => { const r = document.getElementById('d2fn2')
        .getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()""")

    browser.click("#d2fn2 a[role='doc-backlink']")
    assert browser.js("location.hash") == "#d2fn2-ref"
    assert browser.js("document.querySelector(':target').textContent.trim()") == "2"

    shot = artifact("html-d2.png")  # left for a person to look at
    shot.write_bytes(base64.b64decode(browser.send("Page.captureScreenshot",
                                                   format="png")["data"]))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    mark = len(browser.events)
    browser.click("article a.persName")
    browser.wait_for("Page.loadEventFired", mark)
    assert browser.js("location.pathname.split('/').pop() + location.hash") == (
        "persons.html#p_BE_1")
    assert browser.js("document.querySelector(':target').textContent") == "Bunker, Ellsworth"
    assert browser.errors() == []


CONTRAST = """(() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
    if (!own || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) worst.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
  }
  return worst;
})()"""


@pytest.mark.parametrize("page", ["d2.html", "index.html", "persons.html", "abbreviations.html"])
def test_colour_contrast_wcag_aa(browser: DevTools, site: Path, page: str) -> None:
    """Every visible text meets WCAG AA's 4.5:1 against its background."""
    browser.navigate((site / page).as_uri())
    browser.js("document.querySelectorAll('a').forEach(a => a.blur())")
    assert browser.js(CONTRAST) == []


def test_narrow_screen_keeps_page_numbers_inline(browser: DevTools, site: Path) -> None:
    browser.send("Emulation.setDeviceMetricsOverride", width=400, height=800,
                 deviceScaleFactor=1, mobile=True)
    try:
        browser.navigate((site / "d2.html").as_uri())
        assert browser.js("getComputedStyle(document.querySelector('.pb-label')).position") == (
            "static")
        assert browser.js("document.documentElement.scrollWidth <= innerWidth")
    finally:
        browser.send("Emulation.setDeviceMetricsOverride", width=1200, height=900,
                     deviceScaleFactor=1, mobile=False)


def test_keyboard_and_popups(browser: DevTools, site: Path) -> None:
    browser.navigate((site / "d2.html").as_uri())
    browser.key("Tab", 9)
    assert browser.js("document.activeElement.className") == "skip-link"
    assert browser.js("[...document.links].every(a => a.tabIndex >= 0)")

    browser.js("document.querySelector('p a[role=\"doc-noteref\"]').focus()")
    popup = browser.js("document.querySelector('.note-popup')?.textContent")
    assert popup is not None and "Document" in popup
    browser.key("Escape", 27)
    assert browser.js("document.querySelector('.note-popup')") is None
    assert browser.errors() == []
