"""The "Report a problem" links of a playbook page: a reader's report, prefilled.

mkdocs.yml names where reports go (the crkb plugin's `report_url`): an https
address, such as a new-issue form, or a `mailto:` address, with three fields
that are filled per link:

- `{page}`: the page's published address, with the section's anchor;
- `{lang}`: the page's language;
- `{id}`: the playbook's id, or `<playbook>.<item>` for a section: the prefix of
  every string id under it, so a translator finds the strings in the catalog.

Each value is percent-encoded, so it can never end a query field or the
address; the address is escaped for the HTML attribute it lands in. The link is
a plain one: nothing is sent anywhere until the reader follows it.
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass
from urllib.parse import quote

FIELDS = ("page", "lang", "id")
SCHEMES = ("https://", "mailto:")
DEFAULT_REPORT_URL = (
    "https://github.com/crkb/crkb/issues/new?title=%5B{lang}%5D%20{id}"
    "&body=Page%3A%20{page}%0ALanguage%3A%20{lang}%0AString%20ids%3A%20{id}.*%0A%0AWhat%20is%20wrong%3A%20"
)


def template_problem(template: str) -> str | None:
    """Why `template` cannot be a report address, or None when it can (empty: no links)."""
    if not template:
        return None
    if not template.startswith(SCHEMES):
        return f"must start with {' or '.join(SCHEMES)}, not {template[:40]!r}"
    if any(ch.isspace() or ord(ch) < 32 or ch in '"<>\\`' for ch in template):
        return "must be one address: no spaces, quotes, angle brackets or backslashes (percent-encode them)"
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:
        return f"has a broken {{field}}: {err} (write a literal brace as {{{{ or }}}})"
    for _, name, spec, conversion in parsed:
        if name is not None and (name not in FIELDS or spec or conversion):
            allowed = ", ".join("{" + f + "}" for f in FIELDS)
            return f"has an unknown field {{{name}}}: the fields are {allowed}"
    return None


def page_address(site_url: str, lang_prefix: str, path: str, directory_urls: bool = True) -> str:
    """The published address of the page built from docs/`path` (e.g. playbooks/x.md)."""
    stem = path.rsplit(".", 1)[0]
    tail = (stem.removesuffix("index") if stem.endswith("index") else stem + "/") if directory_urls else stem + ".html"
    return site_url.rstrip("/") + "/" + lang_prefix + tail


@dataclass(frozen=True)
class ReportLinks:
    """Report addresses for one page: `href` gives one ready for an HTML attribute."""

    template: str
    page: str  # the page's published address
    lang: str

    def address(self, ident: str, anchor: str = "") -> str:
        page = f"{self.page}#{anchor}" if anchor else self.page
        values = {"page": page, "lang": self.lang, "id": ident}
        return self.template.format_map({k: quote(v, safe="") for k, v in values.items()})

    def href(self, ident: str, anchor: str = "") -> str:
        return html.escape(self.address(ident, anchor), quote=True)
