"""How current a playbook is, and who looks after it: on its page and in its checklist, in every language."""

from __future__ import annotations

import html
import re
from pathlib import Path

from crkb.render.escape import plain
from crkb.site import LocaleSite, SiteData
from pypdf import PdfReader


def reviewed(loc: LocaleSite, book: dict) -> str:
    owner = book["review"]["owner"]
    phrase = loc.interface("ui.playbook.reviewed")
    values = {**phrase.values, "date": loc.dates[book["id"]]["reviewed"], "owner": plain(owner.text, owner.values)}
    return plain(phrase.text, values)


def squash(text: str) -> str:
    return re.sub(r"[\s\u00a0\u00ad\u2010\-]+", "", text)


def test_every_playbook_page_says_when_it_was_last_reviewed_and_by_whom(site_data: SiteData, site_dir: Path) -> None:
    for loc in site_data.locales:
        prefix = "" if loc.profile.source else f"{loc.code}/"
        for book in loc.playbooks:
            page = (site_dir / prefix / "playbooks" / book["id"] / "index.html").read_text(encoding="utf-8")
            text = squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))
            assert squash(reviewed(loc, book)) in text, (loc.code, book["id"])


def test_every_checklist_in_the_site_prints_its_review_date(site_data: SiteData, site_dir: Path) -> None:
    for loc in site_data.locales:
        prefix = "" if loc.profile.source else f"{loc.code}/"
        for book in loc.playbooks:
            reader = PdfReader(site_dir / prefix / "checklists" / f"{book['id']}.pdf")
            text = squash(reader.pages[0].extract_text())
            assert squash(loc.dates[book["id"]]["reviewed"]) in text, (loc.code, book["id"])
            assert squash(reviewed(loc, book)) in text, (loc.code, book["id"])
