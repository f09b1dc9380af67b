"""Making a value safe for exactly where it goes: the boundary where text meets a context.

Every value from a playbook or a catalog is plain text until one of these
functions makes it safe for one context, as Jinja's autoescape does for HTML:

- `md_text`: plain text inside generated Markdown (a heading, a list entry, a
  table cell): every character that could start Markdown or HTML becomes an
  HTML character reference, so the text shows exactly as written and can
  never become markup.
- `md_paragraph`: a translatable Markdown paragraph: emphasis, links and lists
  stay Markdown; HTML, entities and attribute lists are neutralised (the
  rendered page is then cleaned against an allow-list, render/sanitize.py).
- `html_text` / `html_attribute`: values Material's templates print without
  escaping (site name, page title, description).
- `front_matter`: YAML front matter; JSON strings are valid YAML, and writing
  them with ensure_ascii=False keeps emoji and other non-BMP characters whole.

Placeholders ({name}) are filled after escaping, each value escaped for the same
context, so a value can never rewrite the text around it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..locales import LocaleProfile
from ..text import one_line, split_fields

# Every ASCII character Markdown, its extensions or HTML give a meaning to.
_MARKDOWN_SIGNIFICANT = frozenset("\\`*_{}[]()#+-.!|~^=:<>&\"'$%@")
_AS_REFERENCES = {ord(ch): f"&#{ord(ch)};" for ch in _MARKDOWN_SIGNIFICANT}  # each as a character reference
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


@dataclass(frozen=True)
class Link:
    """A field value shown as a link: its text is escaped, its target is ours (a site path)."""

    text: str
    target: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Foreign:
    """A field value in another language than the page (an article's original title)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Markup:
    """A field value already made safe for Markdown by a renderer (a nested phrase)."""

    markdown: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Binding:
    """Where a space must not end a line, for one locale (from its profile and CLDR).

    The catalogs carry plain spaces only (an invisible character in a pull
    request is a risk, checks/typography.py refuses it); these spaces become
    no-break ones here, on the page and in the PDF alike.
    """

    words: frozenset[str] = frozenset()  # one-letter words kept with the next word (Czech v, k, s …)
    units: frozenset[str] = frozenset()  # CLDR unit names and symbols kept with the figure before them

    @classmethod
    def of(cls, profile: LocaleProfile) -> Binding:
        return cls(frozenset(profile.settings.bind_words), profile.figures.units)


NO_BINDING = Binding()


def _references(text: str) -> str:
    return text.translate(_AS_REFERENCES)


def md_text(text: str, values: dict[str, str] | None = None, bind: Binding = NO_BINDING) -> str:
    """Plain text for generated Markdown: one line, shown exactly as written."""
    # Bound before the fields are filled, so "o {share}" keeps the word with the figure.
    template = bind_words(one_line(text), bind)
    return _fill(template, values or {}, _references, lambda value: _references(bind_words(value, bind)))


def md_paragraph(text: str, values: dict[str, str] | None = None, bind: Binding = NO_BINDING) -> str:
    """A Markdown paragraph with HTML, entities and {: attribute lists} neutralised."""
    return _fill(bind_words(text, bind), values or {}, _neutralise, _references)


def _neutralise(markdown: str) -> str:
    """Escape & < { } outside code spans (inside them Markdown escapes by itself)."""
    out, at = [], 0
    for match in _CODE_SPAN.finditer(markdown):
        out.append(_escape_markup(markdown[at : match.start()]))
        out.append(match.group(0))
        at = match.end()
    out.append(_escape_markup(markdown[at:]))
    return "".join(out)


def _escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")


def _fill(text: str, values: dict[str, str], literal, value_escape=None) -> str:
    value_escape = value_escape or literal
    out = []
    for part, is_field in split_fields(text):
        if is_field and isinstance(values.get(part), Link):
            link = values[part]
            out.append(f"[{_references(link.text)}]({link.target})")
        elif is_field and isinstance(values.get(part), Markup):
            out.append(values[part].markdown)
        elif is_field and isinstance(values.get(part), Foreign):
            value = values[part]
            out.append(f'<span lang="{html.escape(value.lang)}">{_references(value.text)}</span>')
        elif is_field and part in values:
            out.append(value_escape(values[part]))
        elif is_field:
            out.append(literal("{" + part + "}"))
        else:
            out.append(literal(part))
    return "".join(out)


def plain(text: str, values: dict[str, str] | None = None) -> str:
    """Plain text with its {fields} filled: for PDFs and metadata, which escape on their own."""
    flat = {k: str(v) for k, v in (values or {}).items()}
    return _fill(one_line(text), flat, lambda part: part)


def html_text(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def html_attribute(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def front_matter(value: str) -> str:
    """A YAML scalar: a JSON string, with HTML-significant characters escaped as well,
    since Material prints page.meta.title and .description into HTML unescaped."""
    return json.dumps(html_text(value), ensure_ascii=False)


def bind_words(text: str, binding: Binding) -> str:
    """No line break after a one-letter word, inside a figure (1 000), before % or a unit."""
    if " " not in text:
        return text  # every rule below binds at a space
    text = _FIGURE_SPACE.sub("\u00a0", text)
    for pattern in _binding_patterns(binding):
        text = pattern.sub(_bound, text)
    return text


def _bound(match: re.Match[str]) -> str:
    # A function, not the template "\\1\u00a0": re parses a template again on every call.
    return match.group(1) + "\u00a0"


# A space inside a figure (1 000 500) or between a figure and % (20 %): whatever the locale,
# only CLDR's spacing puts it there (checks/numbers.py, checks/typography.py).
_FIGURE_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d)|%)")


@lru_cache(maxsize=64)
def _binding_patterns(binding: Binding) -> tuple[re.Pattern[str], ...]:
    patterns = []
    if binding.words:
        choice = "|".join(sorted(map(re.escape, binding.words)))
        patterns.append(re.compile(rf"(?<![\w\-])({choice}) (?=\S)"))
    if binding.units:
        choice = "|".join(sorted(map(re.escape, binding.units), key=len, reverse=True))
        patterns.append(re.compile(rf"(\d) (?=(?:{choice})(?!\w))"))
    return tuple(patterns)
