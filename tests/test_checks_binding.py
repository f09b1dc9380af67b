"""No-break spaces made by the renderer: one-letter words, figures, % and units stay on one line.

The catalogs carry plain spaces only (the typography check refuses a no-break
space); the page and the PDF get U+00A0 where the locale's profile and CLDR put it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from crkb.catalogs import catalog_bytes
from crkb.project import Project
from crkb.render.checklist import prepare
from crkb.render.escape import Binding, bind_words, md_paragraph, md_text
from crkb.render.pages import Options, site_pages
from crkb.site import SiteData
from crkb.sync import build_template, new_catalog

from tests.checks_support import FIXTURE, profile_where

NBSP = "\u00a0"
GOOD = Path(__file__).resolve().parent / "fixtures" / "playbooks" / "good"
BINDS = profile_where(lambda p: bool(p.settings.bind_words))


def test_a_one_letter_word_is_bound_to_the_next_word() -> None:
    word = BINDS.settings.bind_words[0]
    assert bind_words(f"x {word} y", Binding.of(BINDS)) == f"x {word}{NBSP}y"
    assert bind_words(f"x{word} y", Binding.of(BINDS)) == f"x{word} y"  # not a word of its own


def test_figures_are_bound_to_their_percent_groups_and_units() -> None:
    unit = sorted(BINDS.figures.units)[0]
    binding = Binding.of(BINDS)
    assert bind_words("20 % x", binding) == f"20{NBSP}% x"
    assert bind_words("1 000 500 x", binding) == f"1{NBSP}000{NBSP}500 x"
    assert bind_words(f"30 {unit} x", binding) == f"30{NBSP}{unit} x"
    assert bind_words("30 x", Binding()) == "30 x"


def test_the_pdf_text_is_bound_the_same_way() -> None:
    word = BINDS.settings.bind_words[0]
    assert prepare(f"x  {word} y 20 %", Binding.of(BINDS)) == f"x {word}{NBSP}y 20{NBSP}%"


def test_markdown_paragraphs_keep_their_markup_when_bound() -> None:
    word = BINDS.settings.bind_words[0]
    out = md_paragraph(f"**x {word} y** and 20 %", bind=Binding.of(BINDS))
    assert out.startswith("**x") and f"{word}{NBSP}y**" in out and f"20{NBSP}%" in out


def test_the_generated_page_binds_words_and_figures(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE / "locales", tmp_path / "locales")
    shutil.copytree(GOOD, tmp_path / "playbooks")
    project = Project(tmp_path)
    pot = build_template(project)
    catalog = new_catalog(BINDS, pot)
    word = BINDS.settings.bind_words[0]
    for message in pot:
        if message.id and message.context:
            string = message.id if isinstance(message.id, str) else tuple(message.id[:1]) * BINDS.nplurals
            catalog.add(message.id, string, context=message.context)
    title = next(m for m in catalog if m.context and m.context.endswith(".title") and m.context.count(".") == 1)
    title.string = f"Witaj {word} sklepie 20 %"
    path = project.catalog(BINDS.code)
    path.parent.mkdir(parents=True)
    path.write_bytes(catalog_bytes(catalog))

    pages = site_pages(SiteData.load(project, only=[BINDS.code]), Options(pdfs=False))
    page = next(text for name, text in pages.items() if name.parts[0] == "playbooks" and BINDS.code in name.name)
    body = page.split("\n---\n", 1)[1]  # after the front matter: metadata is not laid out in lines
    assert f"{word}{NBSP}sklepie 20{NBSP}&#37;" in body
    assert f"{word} sklepie" not in body


def test_a_word_before_a_placeholder_is_bound_to_the_figure_put_there() -> None:
    word = BINDS.settings.bind_words[0]
    binding = Binding.of(BINDS)
    assert md_text(f"x {word} {{share}}", {"share": "5"}, binding) == f"x {word}{NBSP}5"
    assert md_paragraph(f"x {word} {{share}}", {"share": "5"}, binding) == f"x {word}{NBSP}5"
