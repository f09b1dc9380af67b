"""Small catalogs for the check tests, built in memory for the fixture site's locales.

The fixture site (fixtures/checks/mkdocs.yml) has its own languages and profiles;
a test picks a locale by what its profile says (a space before %, bound words,
sentence marks), never by its code.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from crkb.checks import ENTRY_CHECKS, Context
from crkb.checks.run import catalog_problems
from crkb.glossary import Glossary, load_glossary
from crkb.locales import LocaleProfile, load_profiles, source_locale
from crkb.problems import Problem
from crkb.units import Kind, Unit

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "checks"
MKDOCS = FIXTURE / "mkdocs.yml"
SOURCE = source_locale(MKDOCS)


def profiles() -> list[LocaleProfile]:
    return [p for p in load_profiles(MKDOCS, FIXTURE / "locales") if not p.source]


def profile_where(test: Callable[[LocaleProfile], bool]) -> LocaleProfile:
    found = [p for p in profiles() if test(p)]
    assert found, "the fixture site has no locale for this test"
    return found[0]


def glossary_of(profile: LocaleProfile) -> Glossary:
    return load_glossary(FIXTURE / "locales" / profile.code / "glossary.yml")


Row = tuple[str, str | tuple[str, str], str | tuple[str, ...]]  # id, English, translation


def context(profile: LocaleProfile, rows: list[Row], glossary: Glossary | None = None, fuzzy: tuple = ()) -> Context:
    """A catalog of these entries, written as PO and read back (so every entry has its line)."""
    catalog = Catalog(locale=profile.code)
    units = []
    for ident, english, translation in rows:
        plural = english[1] if isinstance(english, tuple) else None
        text = english[0] if isinstance(english, tuple) else english
        units.append(Unit(ident, text, Kind.MARKDOWN, "", plural=plural))
        flags = ["fuzzy"] if ident in fuzzy else []
        catalog.add(english, translation, context=ident, flags=flags)
    buffer = BytesIO()
    write_po(buffer, catalog, width=0)
    text = buffer.getvalue().decode("utf-8")
    read = read_po(BytesIO(buffer.getvalue()), locale=profile.code)
    return Context(
        profile, Path("fixture.po"), "fixture.po", read, units, text, glossary or glossary_of(profile), SOURCE
    )


def found(ctx: Context, code: str) -> list[Problem]:
    """The problems one registered check reports, as `crkb check` prints them."""
    check = ENTRY_CHECKS[code]
    return [
        Problem(ctx.shown, f.line, 0, code, f.message, f.severity, entry.unit.id, f.fix)
        for entry in ctx.entries
        for f in check(ctx, entry)
    ]


def found_by_runner(ctx: Context, code: str) -> list[Problem]:
    return [p for p in catalog_problems(ctx, lenient=True) if p.code == code]
