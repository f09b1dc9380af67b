"""Rendered page content, cleaned against an allow-list (nh3, the Python binding of Ammonia).

Whatever a playbook or catalog says, the HTML MkDocs renders from our generated
Markdown keeps only the elements and attributes our templates and Markdown
extensions produce: no script or style, no event handler, no link other than
https:, mailto: and relative, and no image, frame or other resource from
another host. It runs on every page before MkDocs writes it and before the
search index reads it, so the index is built from the cleaned text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "svg", "path", "nav",
    }
)  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "aria-label", "aria-hidden", "role", "dir"},
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "svg": {"xmlns", "viewbox", "width", "height", "focusable"},
    "path": {"d"},
    "details": {"open"},
    "ol": {"start"},
}
SCHEMES = frozenset({"https", "mailto"})


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """Drop resources from other hosts; nh3 has already refused other schemes."""
    if attribute == "src" and (urlsplit(value).netloc or value.lstrip().startswith("//")):
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_keep,
        generic_attribute_prefixes={"data-crkb-"},
        url_schemes=set(SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
