"""Find everything in an HTML page that could run script, redirect or load from another host.

Used on every built page and on every search-index entry (Material shows search
results as HTML). Built on the standard library's tokenizer, which splits tags
and attributes the way a browser does for the cases that matter here: a `"`
that closes an attribute early yields a new attribute, and a `</script>` inside
a script's text ends it.

Allowed scripts are exactly the theme's own: an external script from the
site's assets/ folder, and the shapes of Material 9's inline scripts (listed in
MATERIAL_INLINE, found by inspecting a clean build).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping"}
)
RESOURCE_TAGS = frozenset(
    {"img", "iframe", "script", "link", "style", "embed", "object", "source", "video", "audio", "track"}
)
RESOURCE_ATTRIBUTES = frozenset({"src", "href", "data", "poster", "srcset", "xlink:href"})
NEVER = frozenset({"base", "iframe", "frame", "frameset", "object", "embed", "applet"})
# What a browser's URL parser drops (WHATWG URL standard): ASCII tab and newline
# anywhere, C0 controls and spaces at either end.
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]+")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_THEME_SCRIPT = re.compile(r"^(?:/|(?:\.\./)*)assets/javascripts/[\w.-]+\.js$")
_SCOPE = r"(?:\.|/|\.\.(?:/\.\.)*)"
MATERIAL_INLINE = (
    # Material's storage helpers; the URL is the site root relative to the page.
    re.compile(
        r'__md_scope=new URL\("' + _SCOPE + r'",location\),__md_hash=e=>\[\.\.\.e\]\.reduce\(\(\(e,_\)=>'
        r"\(e<<5\)-e\+_\.charCodeAt\(0\)\),0\),__md_get=\(e,_=localStorage,t=__md_scope\)=>"
        r'JSON\.parse\(_\.getItem\(t\.pathname\+"\."\+e\)\),__md_set=\(e,_,t=localStorage,'
        r'a=__md_scope\)=>\{try\{t\.setItem\(a\.pathname\+"\."\+e,JSON\.stringify\(_\)\)\}catch\(e\)\{\}\}'
    ),
    # The palette chosen by the reader, applied before the page paints.
    re.compile(
        re.escape(
            'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"'
            '===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input='
            "document.querySelector(media.matches?\"[data-md-color-media='(prefers-color-scheme: light)']\""
            ":\"[data-md-color-media='(prefers-color-scheme: dark)']\");palette.color.media="
            'input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute('
            '"data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),'
            'palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of '
            'Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}'
        )
    ),
    # Opens the content tab named in the URL's fragment.
    re.compile(
        re.escape(
            "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
            '(target.checked=target.name.startsWith("__tabbed_"))'
        )
    ),
)


def normalized_url(value: str) -> str:
    """The URL as a browser reads it: tabs and newlines gone, ends trimmed, backslashes as slashes."""
    return _TAB_OR_NEWLINE.sub("", value).strip(_C0_OR_SPACE).replace("\\", "/").lower()


def bad_scheme(value: str) -> str | None:
    url = normalized_url(value)
    return next((scheme for scheme in BAD_SCHEMES if url.startswith(scheme)), None)


def other_host(value: str, own_hosts: frozenset[str]) -> str | None:
    """The host a URL loads from when it is absolute or protocol-relative and not ours."""
    url = normalized_url(value)
    if not (url.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", url)):
        return None
    try:
        host = urlsplit(url if not url.startswith("//") else "https:" + url).hostname
    except ValueError:
        return url
    if url.startswith(("http:", "https:", "//")):
        return None if host in own_hosts else (host or url)
    return url  # ftp:, file: … a resource from anywhere but here


class _Inspector(HTMLParser):
    def __init__(self, own_hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.own_hosts = own_hosts
        self.found: list[str] = []
        self._script: tuple[dict[str, str | None], list[str]] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag == "script":
            self._script = (dict(attrs), [])
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag == "script":
            self._judge_script(dict(attrs), "")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        elif self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, parts = self._script
            self._script = None
            self._judge_script(attrs, "".join(parts))
        elif tag == "style" and self._style is not None:
            self._css("<style>", "".join(self._style))
            self._style = None

    def close(self) -> None:
        super().close()
        if self._script is not None:  # a script left open runs to the end of the page
            self._judge_script(*(self._script[0], "".join(self._script[1])))
            self._script = None

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NEVER:
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> event handler")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc=…>")
            if name in URL_ATTRIBUTES and (scheme := bad_scheme(value)):
                self.found.append(f"<{tag} {name}={value[:60]!r}> {scheme} URL")
            if name == "style":
                self._css(f"<{tag} style>", value)
            if tag in RESOURCE_TAGS and name in RESOURCE_ATTRIBUTES:
                for url in value.split(",") if name == "srcset" else [value]:
                    host = other_host(url.strip().split(" ")[0] if name == "srcset" else url, self.own_hosts)
                    if host and not (tag == "link" and _is_page_link(attrs)):
                        self.found.append(f"<{tag} {name}={value[:60]!r}> loads from {host}")
        if tag == "meta":
            http_equiv = " ".join(v or "" for n, v in attrs if n == "http-equiv").strip().lower()
            if "refresh" in http_equiv:
                self.found.append("<meta http-equiv=refresh>")

    def _css(self, where: str, css: str) -> None:
        for url in re.findall(r"(?i)url\(\s*['\"]?([^'\")]*)", css) + re.findall(r"(?i)@import\s+['\"]([^'\"]*)", css):
            if bad_scheme(url) or other_host(url, self.own_hosts):
                self.found.append(f"{where} loads {url[:60]!r}")
        if re.search(r"(?i)expression\s*\(|javascript:", css):
            self.found.append(f"{where} holds script")

    def _judge_script(self, attrs: dict[str, str | None], body: str) -> None:
        locale = attrs.get("data-locale")  # crkb's search script is told the page's language code
        if locale is not None and not re.fullmatch(r"[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?", locale):
            self.found.append(f"<script data-locale={locale[:30]!r}>")
        elif set(attrs) - {"src", "type", "id", "defer", "async", "data-locale"}:
            self.found.append(f"<script> with attributes {sorted(attrs)}")
        elif "src" in attrs:
            src = attrs["src"] or ""
            if not _THEME_SCRIPT.match(src) or body.strip():
                self.found.append(f"<script src={src[:60]!r}>")
        elif attrs.get("id") == "__config" and attrs.get("type") == "application/json":
            try:
                json.loads(body)
            except ValueError:
                self.found.append(f"<script id=__config> is not JSON: {body[:60]!r}")
        elif attrs or not any(shape.fullmatch(body.strip()) for shape in MATERIAL_INLINE):
            self.found.append(f"<script> {body.strip()[:60]!r}")


def _is_page_link(attrs: list[tuple[str, str | None]]) -> bool:
    """rel=canonical / alternate links name a page; they load nothing."""
    rel = " ".join(v or "" for n, v in attrs if n == "rel").lower().split()
    return bool(rel) and set(rel) <= {"canonical", "alternate"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"a", "area"}:
            self.hrefs += [value or "" for name, value in attrs if name == "href"]


def linked_hosts(html: str) -> set[str]:
    """The hosts the page's links lead to, read as a browser reads the href."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    hosts = set()
    for href in parser.hrefs:
        url = normalized_url(href)
        if url.startswith(("http:", "https:", "//")):
            try:
                hosts.add(urlsplit(url if not url.startswith("//") else "https:" + url).hostname or "")
            except ValueError:
                hosts.add(url)
    return hosts


def violations(html: str, own_hosts: frozenset[str] = frozenset()) -> list[str]:
    """Every way this HTML could run script, redirect or load from a host not in own_hosts."""
    inspector = _Inspector(own_hosts)
    inspector.feed(html)
    inspector.close()
    return inspector.found
