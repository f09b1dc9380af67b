"""`crkb locale add`: a new language in one step, in progress, with CLDR plural forms; bad codes refused."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from crkb.catalogs import read_catalog
from crkb.cli import main
from crkb.locales import load_profiles, locales_from

NEW = "pl"  # a language the site does not have: the test adds it


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


def test_new_language_is_registered_in_progress_with_a_catalog_with_cldr_plural_forms(project: Path) -> None:
    comment = "# The site. The list of locales below"
    assert comment in (project / "mkdocs.yml").read_text()
    result = run(project, "locale", "add", NEW)
    assert result.exit_code == 0, result.output
    assert locales_from(project / "mkdocs.yml")[-1] == NEW
    assert comment in (project / "mkdocs.yml").read_text()  # comments survive the edit
    catalog = read_catalog(project / "locales" / NEW / "LC_MESSAGES" / "crkb.po", NEW)
    assert str(catalog.locale) == NEW
    assert catalog.num_plurals == 3  # gettext's convention for the language
    assert len([m for m in catalog if m.id]) > 0
    assert (project / "locales" / NEW / "glossary.yml").is_file()
    profile = load_profiles(project / "mkdocs.yml", project / "locales")[-1]
    assert profile.code == NEW and profile.status == "in-progress"
    assert f"/locales/{NEW}/" in (project / ".github" / "CODEOWNERS").read_text()
    check = run(project, "check", "--locale", NEW)
    assert check.exit_code == 0, check.output  # in progress: missing strings are warnings
    assert "[plural-forms]" not in check.output  # the header is what the checker expects
    assert "warning:" in check.output and "[missing]" in check.output


def test_unknown_code_is_refused_and_nothing_changes(project: Path) -> None:
    before = (project / "mkdocs.yml").read_bytes()
    result = run(project, "locale", "add", "xx")
    assert result.exit_code == 2
    assert "'xx' is not a locale CLDR knows" in result.output
    assert (project / "mkdocs.yml").read_bytes() == before
    assert not (project / "locales" / "xx").exists()


def test_a_code_the_theme_cannot_build_is_refused_with_what_it_can(project: Path) -> None:
    before = (project / "mkdocs.yml").read_bytes()
    result = run(project, "locale", "add", "pt_BR")
    assert result.exit_code == 2, result.output
    assert "Material" in result.output and "pt" in result.output
    assert "Traceback" not in result.output
    assert (project / "mkdocs.yml").read_bytes() == before


def test_a_language_the_site_has_is_refused(project: Path) -> None:
    existing = locales_from(project / "mkdocs.yml")[-1]
    result = run(project, "locale", "add", existing)
    assert result.exit_code == 2
    assert f"'{existing}' is already in mkdocs.yml" in result.output
