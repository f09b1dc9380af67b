"""Synthetic text: English that reads like a playbook, and script-correct "translations".

The English is built from a customer-service vocabulary (so glossary terms occur as
often as in the real playbooks). A translation keeps every piece of markup the
checks compare — {placeholders}, link targets, `code`, **bold**/*emphasis*, list
markers, paragraph breaks — and turns each English word into a made-up word of the
target language's alphabet: Cyrillic for ru, Armenian for hy, Czech letters (ě ř ů)
for cs and Slovak letters (ä ľ ô) for sk. Glossary terms become the agreed term, so
`crkb check` finds nothing to report. The same word always gives the same made-up
word, whatever the seed: text repeats the way real text does.
"""

from __future__ import annotations

import hashlib
import random
import re
from functools import cache
from pathlib import Path

from crkb.checks.language import _foreign_patterns
from crkb.locales import load_profiles


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


VERBS = _words(
    "greet thank ask listen offer check follow call write note explain welcome promise "
    "deliver fix solve review plan track share train reward invite remind measure answer "
    "show agree choose prepare update visit settle replace refund confirm test"
)
NOUNS = _words(
    "customer customers complaint complaints staff team manager order delivery price "
    "service visit store product feedback expectation touchpoint loyalty retention "
    "recommendation profitability checklist playbook habit promise guest buyer counter "
    "queue refund receipt voucher discount survey review call email chat shift colleague "
    "supplier warranty brand problem question gift card account visitor habit reason "
    "moment experience"
)
ADJECTIVES = _words(
    "loyal regular new unhappy satisfied busy small clear quick simple friendly personal "
    "honest fair fast careful local first next last weekly monthly open short written"
)
ADVERBS = _words("quickly calmly clearly politely always often gladly personally early")
PREPOSITIONS = _words("at in for with before after during about from to on by")
DETERMINERS = _words("the every each a our your one this")
LINK_WORDS = ("the survey", "our guide", "the study", "this report", "the training notes")

# Made-up words are built from these letters, one alphabet per locale.
ALPHABETS: dict[str, tuple[str, str]] = {
    "ru": ("бвгджзклмнпрстфхцчшщ", "аеиоуыэюя"),
    "hy": ("բգդզթժլխծկհձղճմյնշչպջռսվտրցփքֆ", "աեէըիոօ"),
    "cs": ("bcčdďfghjklmnňprřsštťvzž", "aáeéěiíoóuúůyý"),
    "sk": ("bcčdďfghjklľmnňprsštťvzž", "aáäeéiíoóôuúyý"),
}

_PROTECTED = re.compile(r"(\{[a-z][a-z0-9_]*\}|\]\([^)]*\)|`[^`]*`)")
_FULL_STOP = re.compile(r"\.(?=\s|$)")


class Writer:
    """English playbook text from one random generator: same seed, same text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, words: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(words)

    def phrase(self) -> str:
        r = self.rng
        noun = f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)}" if r.random() < 0.5 else self.pick(NOUNS)
        article = self.pick(DETERMINERS)
        if article == "a" and noun[0] in "aeiou":
            article = "an"
        return f"{article} {noun}"

    def title(self) -> str:
        words = f"{self.pick(VERBS)} {self.phrase()}"
        longer = f"{words} {self.pick(PREPOSITIONS)} {self.phrase()}"
        words = longer if len(longer) <= 60 else words
        return words[:1].upper() + words[1:]

    def action(self) -> str:
        r = self.rng
        text = f"{self.pick(VERBS)} {self.phrase()}"
        for _ in range(r.randint(1, 3)):
            longer = f"{text} {self.pick(PREPOSITIONS)} {self.phrase()}"
            if len(longer) <= 80:
                text = longer
        if r.random() < 0.3:
            text += f" {self.pick(ADVERBS)}"
        return text[:1].upper() + text[1:]

    def sentence(self, emphasis: bool = False) -> str:
        r = self.rng
        subject = self.phrase()
        subject = subject[:1].upper() + subject[1:]
        words = [subject, _third_person(self.pick(VERBS)), self.phrase()]
        for _ in range(r.randint(1, 3)):
            words += [self.pick(PREPOSITIONS), self.phrase()]
        if r.random() < 0.4:
            words.append(self.pick(ADVERBS))
        if emphasis:
            i = r.randrange(len(words))
            mark = "**" if r.random() < 0.6 else "*"
            words[i] = f"{mark}{words[i]}{mark}"
        return " ".join(words) + "."

    def paragraph(self) -> str:
        n = self.rng.randint(2, 4)
        return " ".join(self.sentence(emphasis=self.rng.random() < 0.25) for _ in range(n))

    def list_block(self) -> str:
        lines = []
        for _ in range(self.rng.randint(2, 4)):
            head = self.pick(NOUNS).capitalize()
            lines.append(f"- **{head}**: {self.sentence()}")
        return "\n".join(lines)

    def markdown(self, paragraphs: int, lists: bool = True) -> str:
        blocks = [self.paragraph() for _ in range(paragraphs)]
        if lists and paragraphs > 1 and self.rng.random() < 0.3:
            blocks[-1] = self.list_block()
        return "\n\n".join(blocks)

    def example(self, n: int) -> str:
        text = self.sentence()
        if self.rng.random() < 0.35:
            words = self.pick(LINK_WORDS)
            text += f" See [{words}](https://example.org/{words.split()[-1]}-{n}) for the details."
        return text


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "x", "sh", "ch")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def translate(text: str, locale: str, glossary: list[dict]) -> str:
    """A made-up translation keeping the markup and using the agreed glossary terms."""
    terms = {english.lower(): t["term"] for t in glossary for english in (t["en"], *t.get("en_forms", ()))}
    pattern = _term_pattern(locale, tuple(terms))
    out = []
    for i, part in enumerate(_PROTECTED.split(text)):
        if i % 2:
            out.append(part)
            continue

        def word(match: re.Match[str]) -> str:
            english = match.group(0)
            if match.lastgroup == "term":
                stem = next(s for s in sorted(terms, key=len, reverse=True) if english.lower().startswith(s))
                made = terms[stem]
            else:
                made = pseudo_word(english.lower(), locale)
            return made[:1].upper() + made[1:] if english[:1].isupper() else made

        translated = pattern.sub(word, part)
        if locale == "hy":  # the Armenian full stop
            translated = _FULL_STOP.sub("։", translated)
        out.append(translated)
    return "".join(out)


@cache
def _term_pattern(locale: str, stems: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(stems, key=len, reverse=True)
    alternatives = "|".join(re.escape(s) + r"\w*" for s in ordered)
    terms = rf"(?P<term>\b(?:{alternatives}))|" if ordered else ""
    return re.compile(rf"(?i){terms}(?P<word>[A-Za-z][A-Za-z'’]*)")


@cache
@cache
def _foreign(locale: str):
    """The letters and words of the locale's neighbour (from its profile), as patterns."""
    root = Path(__file__).resolve().parent.parent
    profiles = {p.code: p for p in load_profiles(root / "mkdocs.yml", root / "locales", root)}
    foreign = profiles[locale].settings.foreign if locale in profiles else None
    return _foreign_patterns(foreign) if foreign else None


def pseudo_word(english: str, locale: str) -> str:
    """A pronounceable made-up word in the locale's letters, about as long as the English."""
    consonants, vowels = ALPHABETS[locale]
    foreign = _foreign(locale)
    for attempt in range(20):
        digest = hashlib.blake2b(f"{locale}:{english}:{attempt}".encode(), digest_size=32).digest()
        length = max(2, len(english) + digest[0] % 3 - 1)
        letters = []
        for k in range(length):
            pool = vowels if k % 2 else consonants
            letters.append(pool[digest[1 + k % 31] % len(pool)])
        word = "".join(letters)
        if foreign and any(p is not None and p.search(word) for p in foreign):
            continue
        if locale in {"cs", "sk"} and not re.search("[a-z]", word):
            continue  # `crkb check` finds Latin script by its ASCII letters
        return word
    raise AssertionError(f"no made-up word for {english!r} in {locale}")
