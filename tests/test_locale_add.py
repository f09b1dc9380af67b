"""`crkb locale add`: a new language in one step, with CLDR plural forms; bad codes refused."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from crkb.cli import main
from crkb.locales import locales_from
from crkb.localize import read_catalog


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


def test_new_language_is_registered_and_gets_a_catalog_with_cldr_plural_forms(project: Path) -> None:
    comment = "# The site. The list of locales below"
    assert comment in (project / "mkdocs.yml").read_text()
    result = run(project, "locale", "add", "pl")
    assert result.exit_code == 0, result.output
    assert locales_from(project / "mkdocs.yml")[-1] == "pl"
    assert comment in (project / "mkdocs.yml").read_text()  # comments survive the edit
    catalog = read_catalog(project / "locales" / "pl" / "LC_MESSAGES" / "crkb.po", "pl")
    assert str(catalog.locale) == "pl"
    assert catalog.num_plurals == 4
    assert len([m for m in catalog if m.id]) > 0
    assert (project / "locales" / "pl" / "glossary.yml").is_file()
    check = run(project, "check", "--locale", "pl")
    assert check.exit_code == 1
    assert "[plural]" not in check.output  # the header is what the checker expects
    assert "[missing]" in check.output


def test_unknown_code_is_refused_and_nothing_changes(project: Path) -> None:
    before = (project / "mkdocs.yml").read_bytes()
    result = run(project, "locale", "add", "xx")
    assert result.exit_code == 2
    assert "'xx' is not a locale CLDR knows" in result.output
    assert (project / "mkdocs.yml").read_bytes() == before
    assert not (project / "locales" / "xx").exists()


def test_a_language_the_site_has_is_refused(project: Path) -> None:
    result = run(project, "locale", "add", "cs")
    assert result.exit_code == 2
    assert "'cs' is already in mkdocs.yml" in result.output
