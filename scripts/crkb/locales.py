"""The project's languages: which they are, how they count and how they write numbers.

The list of locales has one home, `mkdocs.yml`'s i18n plugin `languages`;
everything here is derived from it or from CLDR through Babel.

Plural forms — the one place where the project's choice is written down
(`crkb check` holds every catalog header to it). The sources disagree:
Babel's catalog table gives ru/cs/sk 3 forms and hy 1; CLDR gives ru/cs/sk 4
(the fourth is for fractions) and hy 2; GNU gettext and Weblate use 3 for
ru/cs/sk. Our counts are whole numbers, so the fraction form would never be
used: we take gettext's 3 forms for ru/cs/sk. Armenian puts the noun in the
singular after a numeral (5 խորհուրդ, not խորհուրդներ), so a second form
would always repeat the first: we take 1 form for hy. English has 2.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent

from .model import Figure, FigureKind

PLURAL_FORMS: dict[str, str] = {
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "sk": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "hy": "nplurals=1; plural=0;",
}
SOURCE_LOCALE = "en"


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags for Markdown extensions; we need none of them."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_config(mkdocs_yml: Path) -> dict:
    with mkdocs_yml.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LenientLoader) or {}


def i18n_languages(config: dict) -> list[dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list((plugin["i18n"] or {}).get("languages") or [])
    return []


def locales_from(mkdocs_yml: Path) -> list[str]:
    """The site's locales in mkdocs.yml order, the source language (en) first."""
    codes = [lang["locale"] for lang in i18n_languages(site_config(mkdocs_yml))]
    return codes or [SOURCE_LOCALE]


def translated_locales(mkdocs_yml: Path) -> list[str]:
    return [code for code in locales_from(mkdocs_yml) if code != SOURCE_LOCALE]


def plural_forms(locale: str) -> str:
    """Our decided Plural-Forms header; for a language added later, CLDR's rule through Babel."""
    if locale in PLURAL_FORMS:
        return PLURAL_FORMS[locale]
    from babel.plural import to_gettext

    return to_gettext(parse_locale(locale).plural_form)


def parse_locale(code: str) -> Locale:
    """A Babel Locale, or ValueError with a message a user can act on."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError) as err:
        raise ValueError(f"{code!r} is not a locale CLDR knows (try e.g. 'de', 'pl', 'uk')") from err


@cache
def language_name(code: str, in_locale: str) -> str:
    """'Russian' in English, 'ruština' in Czech: CLDR names, as a reader expects them."""
    name = Locale.parse(code).get_display_name(in_locale) or code
    return name[:1].upper() + name[1:] if in_locale == "en" else name


def format_figure(figure: Figure, locale: str) -> str:
    """A figure in the reader's conventions: 92 % (cs), 92% (en), 1,4 mld. US$ (cs)."""
    values = figure.value if isinstance(figure.value, tuple) else (figure.value,)
    parts = [_format_one(figure, v, locale) for v in values]
    return "\u2013".join(parts)  # en dash between the ends of a range


def _format_one(figure: Figure, value: float, locale: str) -> str:
    if figure.kind is FigureKind.PERCENT:
        return format_percent(value / 100, locale=locale)
    if figure.kind is FigureKind.CURRENCY:
        # Without fraction_digits Babel rounds 1.4 billion to "1 billion": a wrong figure.
        digits = 0 if _compact_is_exact(value) else 1
        return format_compact_currency(value, figure.currency or "USD", locale=locale, fraction_digits=digits)
    return format_decimal(value, locale=locale)


def _compact_is_exact(value: float) -> bool:
    for size in (1e12, 1e9, 1e6, 1e3):
        if abs(value) >= size:
            return (value / size).is_integer()
    return float(value).is_integer()


def format_day(day: dt.date, locale: str) -> str:
    return format_date(day, format="long", locale=locale)
