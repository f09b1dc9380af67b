"""Script and language: Armenian in hy, Cyrillic in ru, and Czech kept apart from Slovak.

A dependency-light approach: letters that exist in only one language, plus
short lists of frequent words that differ between Czech and Slovak. Its limits:
a short string made only of words both languages share (e.g. "Zákazník") cannot
be told apart, and a Latin-script name inside Armenian or Russian text is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..problems import Problem, Severity
from . import Context, Entry, entry_check

SCRIPTS = {
    "ru": ("Cyrillic", re.compile(r"[А-Яа-яЁё]")),
    "hy": ("Armenian", re.compile(r"[\u0531-\u0556\u0561-\u0587]")),
    "cs": ("Latin", re.compile(r"[A-Za-z]")),
    "sk": ("Latin", re.compile(r"[A-Za-z]")),
    "en": ("Latin", re.compile(r"[A-Za-z]")),
}
FOREIGN = {
    # letters and words that belong to the other language of the pair
    "sk": (
        "Czech",
        re.compile(r"[ěřůĚŘŮ]"),
        re.compile(
            r"(?i)\b(nebo|který|která|které|kterou|kteří|můžete|jsou|jsme|protože|něco|když|"
            r"ještě|zákazníků|stížnost\w*|velmi|jejich|tady|teď)\b"
        ),
    ),
    "cs": (
        "Slovak",
        re.compile(r"[äľĺŕôÄĽĹŔÔ]"),
        re.compile(
            r"(?i)\b(alebo|ktorý|ktorá|ktoré|ktorú|ktorí|môžete|sú|pretože|niečo|keď|ešte|"
            r"zákazníkov|sťažnos\w*|veľmi|tiež|teraz)\b"
        ),
    ),
    "ru": ("Ukrainian or Belarusian", re.compile(r"[іїєґўІЇЄҐЎ]"), None),
}
_LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
_FIELD = re.compile(r"\{[a-z_]+\}")
_LETTER = re.compile(r"[^\W\d_]")


@entry_check("script")
def script(ctx: Context, entry: Entry) -> Iterator[Problem]:
    if not entry.translated or ctx.locale not in SCRIPTS:
        return
    name, letters = SCRIPTS[ctx.locale]
    for source, translation in zip(entry.sources, entry.translations):
        if _LETTER.search(source) and not letters.search(translation):
            yield ctx.problem("script", f"no {name} letters: not written in {name} script", entry)
            return
    if ctx.locale in FOREIGN:
        other, foreign_letters, foreign_words = FOREIGN[ctx.locale]
        for translation in entry.translations:
            hit = foreign_letters.search(translation) or (
                foreign_words.search(translation) if foreign_words else None
            )
            if hit:
                yield ctx.problem(
                    "language",
                    f"looks like {other}: “{hit.group(0)}” in a {ctx.locale} string",
                    entry,
                )
                return


@lru_cache(maxsize=1 << 16)
def _glossary_source(sources: tuple[str, ...]) -> str:
    """The English as the glossary check reads it; the same for every locale, so made once."""
    return _FIELD.sub("", " ".join(sources)).lower()


@entry_check("glossary")
def glossary(ctx: Context, entry: Entry) -> Iterator[Problem]:
    if not entry.translated or not ctx.glossary:
        return
    source = _glossary_source(entry.sources)
    translation = " ".join(entry.translations).lower()
    for term, en_stem, pattern in ctx.glossary_terms:
        # the substring test is cheap and rules out most terms before the regex runs
        if (
            en_stem in source
            and pattern.search(source)
            and not any(stem.lower() in translation for stem in term["stems"])
        ):
            yield ctx.problem(
                "glossary",
                f"source says “{term['en']}”; the agreed {ctx.locale} term is “{term['term']}”",
                entry,
                severity=Severity.WARNING,
            )
