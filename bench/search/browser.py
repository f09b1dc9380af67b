"""Typing queries into a built site's search box in headless Chromium, as staff would.

`Browser(site_dir)` serves the folder on a free loopback port; `open(path)` loads a
page; `search(query)` clears the box, types the query key by key and waits until the
results for the last key are shown, returning the result pages' addresses in order and
the time from the last key that changed the query to the first results shown (measured
in the page with performance.now(), so Python's own timing does not enter it).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Installed in each page: when the query's value last changed on a key release, and when
# the results list or its count line changed after that.
_TRACKER = """() => {
  const input = document.querySelector("input.md-search__input");
  const t = window.__crkbBench = {value: input.value, keyAt: null, shownAt: null, lastAt: 0};
  input.addEventListener("keyup", () => {
    if (input.value !== t.value) { t.value = input.value; t.keyAt = performance.now(); t.shownAt = null; }
  }, true);
  const watch = el => new MutationObserver(() => {
    const now = performance.now();
    t.lastAt = now;
    if (t.keyAt !== null && t.shownAt === null) t.shownAt = now;
  }).observe(el, {childList: true, subtree: true, characterData: true});
  watch(document.querySelector(".md-search-result__list"));
  watch(document.querySelector(".md-search-result__meta"));
}"""


@dataclass(frozen=True)
class Found:
    pages: list[str]  # result items in order: the path of each item's page (no anchor, no query)
    ms: float | None  # last key → first results shown; None if nothing was shown within the timeout


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the benchmark's output clean."""


class Browser:
    def __init__(self, site_dir: Path, delay_ms: int = 25) -> None:
        from playwright.sync_api import sync_playwright

        if CHROMIUM is None:
            raise RuntimeError("Chromium not found (apt-get install chromium)")
        handler = functools.partial(_Quiet, directory=str(site_dir))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.root = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        self._context = self._browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self._context.new_page()
        self.hosts: set[str] = set()
        self.page.on("request", lambda r: self.hosts.add(urlparse(r.url).hostname or ""))
        self.delay_ms = delay_ms

    def open(self, path: str) -> None:
        self.page.goto(self.root + path, wait_until="networkidle")
        self.page.locator("input.md-search__input").click()
        self.page.evaluate(_TRACKER)

    def search(self, query: str, timeout_ms: int = 5000) -> Found:
        page = self.page
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_timeout(150)
        page.keyboard.type(query, delay=self.delay_ms)
        page.keyboard.press("End")  # a key release after letters typed without key events
        shown = page.wait_for_function(
            """(timeout) => { const t = window.__crkbBench, now = performance.now();
                 if (t.shownAt !== null && now - t.lastAt > 250) return [t.shownAt - t.keyAt];
                 if (t.keyAt !== null && t.shownAt === null && now - t.keyAt > timeout) return [null];
                 return false; }""",
            arg=timeout_ms,
            polling=50,
            timeout=timeout_ms + 5000,
        ).json_value()[0]
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item:not([hidden])",
            "items => items.map(li => li.querySelector('a.md-search-result__link').href)",
        )
        return Found([urlparse(h).path.removeprefix("/") for h in hrefs], shown)

    def highlighted(self, href: str) -> list[str]:
        """The words Material marks on a page opened from a search result."""
        self.page.goto(href, wait_until="networkidle")
        self.page.wait_for_timeout(200)
        return self.page.eval_on_selector_all("mark[data-md-highlight]", "ms => ms.map(m => m.textContent)")

    def close(self) -> None:
        self._context.close()
        self._browser.close()
        self._pw.stop()
        self._httpd.shutdown()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
