"""The report links: each playbook page links a prefilled report ("Report a problem") that
carries the page, its language and the id of the playbook or section, to the address
mkdocs.yml names."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import REPO
from crkb.locales import locales_from
from crkb.render.pages import Options, playbook_page
from crkb.render.reportlink import DEFAULT_REPORT_URL, ReportLinks, template_problem
from crkb.render.sanitize import clean
from crkb.site import LocaleSite, SiteData

LOCALES = locales_from(REPO / "mkdocs.yml")


class _Reports(HTMLParser):
    """(href, text) of every link inside a `crkb-report` paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[list[str]] = []
        self._inside = self._link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "p" and "crkb-report" in (values.get("class") or "").split():
            self._inside = True
        elif tag == "a" and self._inside:
            self._link = True
            self.links.append([values.get("href") or "", ""])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._link = False
        elif tag == "p":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._link:
            self.links[-1][1] += data


def report_links(html_text: str) -> list[tuple[str, str]]:
    parser = _Reports()
    parser.feed(html_text)
    return [(href, " ".join(text.split())) for href, text in parser.links]


def prefix(loc: LocaleSite) -> str:
    return "" if loc.profile.source else f"{loc.code}/"


def github_fields(href: str) -> dict[str, str]:
    """The new-issue form's title and body, as the reader's browser fills them."""
    query = parse_qs(urlsplit(href).query)
    return {name: values[0] for name, values in query.items()}


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_each_playbook_page_reports_with_its_address_language_and_ids(
    site_dir: Path, site_data: SiteData, locale: str
) -> None:
    loc = site_data.locale(locale)
    for book in loc.playbooks:
        page = (site_dir / prefix(loc) / "playbooks" / book["id"] / "index.html").read_text(encoding="utf-8")
        links = report_links(page)
        address = f"{site_data.site_url}{prefix(loc)}playbooks/{book['id']}/"
        sections = [(f"{address}#{item['id']}", f"{book['id']}.{item['id']}") for item in book["items"]]
        expected = [*sections, (address, book["id"])]
        assert len(links) == len(expected)
        for (href, text), (page_address, ident) in zip(links, expected):
            fields = github_fields(href)
            assert href.startswith("https://github.com/")
            assert f"Page: {page_address}\n" in fields["body"]
            assert f"Language: {locale}\n" in fields["body"]
            assert fields["title"] == f"[{locale}] {ident}"
            shown = "ui.report.page" if ident == book["id"] else "ui.report.section"
            assert text == " ".join(loc.interface(shown).text.split())


def test_a_mailto_address_gets_the_same_fields(site_data: SiteData) -> None:
    loc = site_data.locale(LOCALES[-1])
    template = "mailto:kb@example.com?subject=%5B{lang}%5D%20{id}&body={page}"
    book = loc.playbooks[0]
    options = Options(report_url=template, site_url=site_data.site_url)
    markdown = playbook_page(book, loc, options, f"playbooks/{book['id']}.md")
    hrefs = [href for href, _ in report_links(clean(markdown))]  # the sanitizer keeps mailto: links
    assert len(hrefs) == len(book["items"]) + 1
    last = urlsplit(hrefs[-1])
    assert (last.scheme, last.path) == ("mailto", "kb@example.com")
    fields = github_fields(hrefs[-1])
    assert fields["subject"] == f"[{loc.code}] {book['id']}"
    assert fields["body"] == f"{site_data.site_url}{prefix(loc)}playbooks/{book['id']}/"


def test_values_are_encoded_so_they_cannot_end_the_address_or_the_attribute() -> None:
    hostile = 'x" onclick="alert(1)&title=<b>#frag y'
    links = ReportLinks("https://example.com/new?title={id}&body={page}&lang={lang}", hostile, hostile)
    href = links.href(hostile, anchor=hostile)
    assert not set('"<> ') & set(href)
    fields = github_fields(links.address(hostile, anchor=hostile))
    assert fields == {"title": hostile, "body": f"{hostile}#{hostile}", "lang": hostile}
    assert unquote(urlsplit(links.address(hostile)).path) == "/new"


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("javascript:alert(1)//{page}", "must start with https:// or mailto:"),
        ("http://example.com/?u={page}", "must start with https:// or mailto:"),
        ("https://example.com/?u={pgae}", "unknown field {pgae}"),
        ("https://example.com/?u={page!r}", "unknown field"),
        ("https://example.com/?u={page", "broken {field}"),
        ("https://example.com/?u= {page}", "no spaces"),
        ('https://example.com/?u="{page}', "no spaces, quotes"),
    ],
)
def test_a_report_address_that_cannot_work_is_refused(template: str, reason: str) -> None:
    assert reason in (template_problem(template) or "")


def test_the_default_report_address_is_a_valid_one() -> None:
    assert template_problem(DEFAULT_REPORT_URL) is None


def test_mkdocs_refuses_a_bad_report_url_naming_the_option(project: Path, caplog) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - crkb\n", '  - crkb:\n      report_url: "javascript:alert(1)"\n', 1))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        load_config(str(config))
    assert "option 'report_url': must start with https:// or mailto:" in caplog.text


def test_no_report_url_means_no_report_links(site_data: SiteData) -> None:
    loc = site_data.source
    book = loc.playbooks[0]
    markdown = playbook_page(book, loc, Options(report_url="", site_url=site_data.site_url), "playbooks/x.md")
    assert "crkb-report" not in markdown
