"""The project's languages: which they are, and everything crkb knows about each.

The list of locales has one home, `mkdocs.yml`'s i18n plugin `languages`
(the entry with `default: true` is the source language). Everything else about
a locale is its profile: derived from CLDR through Babel (script, plural rule,
names, number and date formats), with the project's own decisions and the
typography CLDR does not carry in `locales/<code>/locale.yml`. No other module
names a locale.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.messages.plurals import get_plural
from babel.numbers import format_compact_currency, format_decimal, format_percent
from babel.units import format_unit
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .markup import hygiene_reasons
from .model import Figure, FigureKind, validate_file
from .problems import Problem, ProblemsFound

PROFILE_FILE = "locale.yml"
CLI_LANGUAGE = "en"  # the language crkb's own messages are written in (names in them are in it too)
Status = Literal["complete", "in-progress"]


def _visible(value: object) -> object:
    """Refuse invisible and control characters in a profile's marks and words: they are
    printed on every page and checklist of the language, where a bidi control reverses
    the text after it (pydantic names the field, validate_file its line)."""
    texts = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else [value]
    for text in texts:
        if isinstance(text, str) and (reasons := hygiene_reasons(text)):
            raise ValueError(reasons[0])
    return value


class LocaleSettings(BaseModel):
    """`locales/<code>/locale.yml`: the project's decisions about one language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = Field(
        default="in-progress",
        description="complete: every string must be translated; in-progress: missing strings "
        "fall back to English with a banner",
    )
    plural_forms: str | None = Field(
        default=None, description="The Plural-Forms header; default: the gettext convention (Babel)"
    )
    quotes: tuple[str, str] = Field(default=("“", "”"), description="Opening and closing quotation marks")
    inner_quotes: tuple[str, str] | None = Field(
        default=None, description="Quotation marks inside a quotation, if the language has others"
    )
    dash: str = Field(
        default=" — ",
        description="The dash between words, with its spaces: between an item's label and its title in "
        "headings, and the one the typography check expects in sentences",
    )
    sentence_marks: str = Field(
        default="",
        description="Marks that may end a sentence; when set, a translation of an English sentence "
        "ends with one of them (Armenian: ։)",
    )
    forbidden_marks: dict[str, str] = Field(
        default_factory=dict,
        description="Punctuation that must not end a word in this language, and what to write instead "
        "(Armenian: a Latin colon or question mark)",
    )
    label_separator: str = Field(
        default=": ", description="After a label that introduces a value on one line ('Purpose: …')"
    )
    hyphenate: bool = Field(
        default=True,
        description="Hyphenate the PDF checklists; where Typst has no patterns for the language "
        "(Armenian) nothing is hyphenated either way",
    )
    bind_words: tuple[str, ...] = Field(default=(), description="One-letter words kept on the line of the next word")
    foreign: Foreign | None = Field(default=None, description="A close language it must not drift into")

    visible = field_validator("*")(_visible)


class Foreign(BaseModel):
    """Letters and frequent words of a neighbouring language (Czech in Slovak, or the reverse)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    letters: str = ""
    words: tuple[str, ...] = ()

    visible = field_validator("*")(_visible)


LocaleSettings.model_rebuild()


@dataclass(frozen=True)
class LocaleProfile:
    """Everything crkb knows about one locale, as plain data."""

    code: str
    name: str  # the endonym shown in the language switcher
    source: bool
    settings: LocaleSettings = field(default_factory=LocaleSettings)

    @property
    def status(self) -> Status:
        return "complete" if self.source else self.settings.status

    @property
    def script(self) -> str:
        """ISO 15924 code of the locale's script, from CLDR's likely subtags ('Cyrl', 'Armn')."""
        return likely_script(self.code)

    @property
    def plural_forms(self) -> str:
        return self.settings.plural_forms or get_plural(self.code).plural_forms

    @property
    def nplurals(self) -> int:
        return int(self.plural_forms.split(";")[0].split("=")[1])

    @property
    def english_name(self) -> str:
        return Locale.parse(self.code).get_display_name(CLI_LANGUAGE) or self.code

    def quote(self, text: str) -> str:
        opening, closing = self.settings.quotes
        return f"{opening}{text}{closing}"

    @property
    def figures(self) -> FigureStyle:
        return figure_style(self.code)


@cache
def likely_script(code: str) -> str:
    locale = Locale.parse(code)
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = likely.split("_")
    return next((p for p in parts if len(p) == 4 and p.istitle()), "Latn")


class _LenientLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present
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
    """The site's locales in mkdocs.yml order, the source language first."""
    languages = i18n_languages(site_config(mkdocs_yml))
    source = [lang["locale"] for lang in languages if lang.get("default")]
    return source + [lang["locale"] for lang in languages if not lang.get("default")]


def source_locale(mkdocs_yml: Path) -> str:
    codes = locales_from(mkdocs_yml)
    if not codes:
        raise ProblemsFound([Problem(mkdocs_yml.name, 0, 0, "config", "the i18n plugin lists no languages")])
    return codes[0]


def translated_locales(mkdocs_yml: Path) -> list[str]:
    return locales_from(mkdocs_yml)[1:]


def load_profiles(mkdocs_yml: Path, locales_dir: Path, root: Path | None = None) -> list[LocaleProfile]:
    """Every locale's profile in mkdocs.yml order; ProblemsFound names each bad entry."""
    languages = i18n_languages(site_config(mkdocs_yml))
    languages.sort(key=lambda lang: not lang.get("default"))
    profiles, problems = [], []
    for lang in languages:
        code = str(lang.get("locale", ""))
        try:
            parse_locale(code)
        except ValueError as err:
            problems.append(Problem(mkdocs_yml.name, 0, 0, "config", f"i18n languages: {err}"))
            continue
        path = locales_dir / code / PROFILE_FILE
        settings = LocaleSettings()
        if path.is_file() or path.is_symlink():
            try:
                settings = validate_file(LocaleSettings, path, root, "locale.yml")
            except ProblemsFound as found:
                problems.extend(found.problems)
        profiles.append(LocaleProfile(code, str(lang.get("name") or code), bool(lang.get("default")), settings))
    if problems:
        raise ProblemsFound(problems)
    return profiles


def parse_locale(code: str) -> Locale:
    """A Babel Locale, or ValueError with a message a user can act on."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError) as err:
        raise ValueError(f"{code!r} is not a locale CLDR knows (try e.g. 'de', 'pl', 'uk')") from err


@cache
def language_name(code: str, in_locale: str) -> str:
    """'Russian' in English, 'ruština' in Czech: CLDR names, as a reader expects them.

    CLDR writes language names in lower case where the language does (ruština),
    so a name that starts a sentence or a label is capitalised by `capitalised`.
    """
    return Locale.parse(code).get_display_name(in_locale) or code


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def format_figure(figure: Figure, locale: str) -> str:
    """A figure in the reader's conventions: 92 % (cs), 92% (en), 1,4 mld. US$ (cs), 60 minut."""
    values = figure.value if isinstance(figure.value, tuple) else (figure.value,)
    if figure.kind is FigureKind.DURATION:
        *low, high = values
        unit = format_unit(high, f"duration-{figure.unit.value}", length="long", locale=locale)
        number = format_decimal(high, locale=locale)
        unit = unit.replace(f"{number} ", f"{number}\u00a0", 1)  # a figure never ends a line
        return "\u2013".join([*(format_decimal(v, locale=locale) for v in low), unit])
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


# --- Figures as CLDR writes them, for the checks and the renderer's no-break spaces ---

_SPACES = re.compile(r"[\u00a0\u2007\u202f]")


def plain_spaces(text: str) -> str:
    """CLDR's no-break spaces as plain ones: the catalogs hold no invisible character, and
    the renderer makes the space no-break again on the page (render/escape.py)."""
    return _SPACES.sub(" ", text)


# The kinds of unit a playbook names after a figure (CLDR has ~200 units, most of them
# of no use here; a single Latin letter such as A or F would be bound or flagged by chance).
_EVERYDAY_UNITS = ("duration-", "length-", "mass-", "volume-", "area-", "digital-", "speed-", "temperature-")


@dataclass(frozen=True)
class FigureStyle:
    """How CLDR writes a figure in one locale, no-break spaces written as plain ones."""

    percent: str  # the pattern with {0} for the number: "{0} %", "{0}%", "%{0}"
    units: frozenset[str]  # unit names and symbols CLDR writes after a figure, with a space
    symbols: frozenset[str]  # the short ones of them (min, km, ч): never glued to the figure

    def decimal(self, value: Decimal | int, locale: str) -> str:
        return plain_spaces(format_decimal(value, locale=locale, decimal_quantization=False))

    def percentage(self, value: Decimal | int, locale: str) -> str:
        return self.percent.replace("{0}", self.decimal(value, locale))


@cache
def figure_style(code: str) -> FigureStyle:
    sample = plain_spaces(format_percent(0.2, locale=code))
    units, symbols = set(), set()
    patterns = Locale.parse(code)._data["unit_patterns"]  # Babel has no public list of them
    for unit in patterns:
        if not unit.startswith(_EVERYDAY_UNITS):
            continue
        for length in ("short", "long"):
            for key, pattern in (patterns[unit].get(length) or {}).items():
                after = plain_spaces(pattern).partition("{0} ")[2].strip()
                if key == "per" or not pattern.startswith("{0}") or not after or "{" in after:
                    continue
                if any(ch.isdigit() for ch in after):
                    continue
                units.add(after)
                if length == "short" and (len(after) > 1 or not after.isascii()):
                    symbols.add(after)
    return FigureStyle(sample.replace("20", "{0}", 1), frozenset(units), frozenset(symbols))


def format_day(day: dt.date, locale: str) -> str:
    return format_date(day, format="long", locale=locale)


def format_number(n: float, locale: str) -> str:
    return format_decimal(n, locale=locale)
