"""What a string's Markdown becomes on the site, and what must never be in a string.

A string is rendered with Python-Markdown and the site's own block extensions,
then the HTML is read with an HTML parser: so links, images, code, emphasis and
block structure are what the site will show, not what a pattern guesses (a
newline inside a link target, an entity in a scheme, a setext heading made by
one line of `===`). `differences` compares a translation with its English;
`unsafe_reasons` and `hygiene_reasons` judge any one string, English included.
The checks report these; localization refuses a translation that has any.

This module only judges. The site is safe whatever it says: the renderers
escape every value for its context and sanitize rendered HTML (render/).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import regex

from .text import placeholders, stray_braces

# The Markdown extensions of mkdocs.yml that change what a paragraph can become, plus
# MkDocs' own defaults (tables, fenced_code). tests/test_markup.py keeps the two in step.
EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "fenced_code",
    "pymdownx.details",
    "pymdownx.emoji",
]
SAFE_SCHEMES = frozenset({"https", "mailto"})
BLOCKS = {
    "h1": "a heading",
    "h2": "a heading",
    "h3": "a heading",
    "h4": "a heading",
    "h5": "a heading",
    "h6": "a heading",
    "ul": "a list",
    "ol": "a numbered list",
    "li": "a list item",
    "table": "a table",
    "pre": "a code block",
    "blockquote": "a quote",
    "hr": "a horizontal rule",
    "details": "a collapsible block",
    "dl": "a definition list",
    "admonition": "an admonition (!!!)",
    "p": "a paragraph",
}
PLAIN_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
_HINT = re.compile(r"[<>&\[\]*_`\\|{}~\n]|:[\w+-]+:|^\s*(?:[#>+*=-]|\d+[.)]|!!!|\?\?\?)")
# All that pymdownx.emoji acts on: a :shortcode: (its RE_EMOJI) and a colon escaped by a
# backslash (it adds ":" to Markdown's escapable characters). A string with neither renders
# the same with the extension and without it.
_EMOJI = re.compile(r":[+\-\w]+:|\\:")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u061c]")
_NAMED_BRACES = re.compile(r"\{[^{}\s]{1,40}\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_SCRIPT_OF = regex.compile(
    r"(\p{Script=Latin})|(\p{Script=Cyrillic})|(\p{Script=Armenian})|(\p{Script=Greek})|"
    r"(\p{Script=Hebrew})|(\p{Script=Arabic})|(\p{Script=Georgian})"
)


@dataclass(frozen=True)
class Shape:
    """What one string becomes on the site, as far as the checks compare it."""

    blocks: tuple[str, ...] = ("p",)
    links: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    emphasis: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    raw_html: tuple[str, ...] = ()
    leftover_markers: tuple[str, ...] = ()
    emoji: int = 0

    def link_counts(self) -> Counter:
        return Counter(self.links)


PLAIN = Shape()


class _Reader(HTMLParser):
    """Collects blocks, links, images, code and emphasis from rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.code: list[str] = []
        self.emphasis: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.emoji = 0
        self._open: list[tuple[str, list[str]]] = []
        self._emoji_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if self._emoji_depth:
            self._emoji_depth += tag not in _VOID
            return
        if "twemoji" in classes or "emojione" in classes:
            self.emoji += 1
            self._emoji_depth = int(tag not in _VOID)
            return
        self.blocks.extend(
            ["admonition"] if tag == "div" and "admonition" in classes else [tag] if tag in BLOCKS else []
        )
        if tag == "a":
            self.links.append(_clean_url(values.get("href") or ""))
        if tag == "img":
            self.images.append(_clean_url(values.get("src") or ""))
        self.attributes.extend(f"{tag} {name}" for name, value in attrs if not _expected(tag, name, value))
        if tag in ("code", "strong", "em", "b", "i"):
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._emoji_depth:
            self._emoji_depth -= 1
            return
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            (self.code if tag == "code" else self.emphasis).append("".join(parts))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)
        self.text.append(data)


_VOID = frozenset({"img", "input", "br", "hr", "path", "use"})


def _expected(tag: str, name: str, value: str | None) -> bool:
    """Attributes plain Markdown and the site's extensions produce themselves."""
    if name in PLAIN_ATTRIBUTES.get(tag, ()):
        return True
    if name == "class" and tag in ("div", "p") and "admonition" in (value or ""):
        return True
    if name == "class" and tag in ("li", "ul", "label", "span") and "task-list" in (value or ""):
        return True
    return tag == "input" and name in ("type", "checked", "disabled")


@lru_cache(maxsize=2)
def _markdown(emoji: bool = True) -> markdown.Markdown:
    """The site's Markdown; without its emoji extension for a string that extension cannot touch.

    Loading the emoji index takes longer (0.15 s) than `crkb check` of a small project,
    and few strings have an emoji, so it is loaded only for one that may (see _EMOJI).
    """
    if not emoji:
        return markdown.Markdown(extensions=[e for e in EXTENSIONS if e != "pymdownx.emoji"])
    from material.extensions.emoji import to_svg, twemoji

    configs = {"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg}}
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs)


def analyse(text: str) -> Shape:
    """The shape of a string as the site renders it (plain prose takes a fast path)."""
    if not _HINT.search(text):
        return PLAIN
    return _analyse(text)


@lru_cache(maxsize=1 << 16)
def _analyse(text: str) -> Shape:
    md = _markdown(emoji=_EMOJI.search(text) is not None)
    md.reset()
    html = md.convert(text)
    raw = tuple(item for item in md.htmlStash.rawHtmlBlocks if isinstance(item, str))
    reader = _Reader()
    reader.feed(html)
    reader.close()
    visible = "".join(reader.text)
    leftovers = tuple(m for m in ("**", "__", "`") if m in visible and m in text)
    return Shape(
        tuple(reader.blocks) or ("p",),
        tuple(reader.links),
        tuple(reader.images),
        tuple(reader.code),
        tuple(reader.emphasis),
        tuple(reader.attributes),
        raw,
        leftovers,
        reader.emoji,
    )


def _clean_url(url: str) -> str:
    """A URL as a browser follows it: ASCII whitespace and control characters removed."""
    return "".join(ch for ch in url if ord(ch) > 0x20 and ch != "\x7f")


def url_problem(url: str, image: bool = False) -> str | None:
    """Why a link or image target may not appear on the site; None if it may."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return f"{scheme}: is not an allowed link (only https:, mailto: and relative links)"
    if image and (scheme or url.startswith("//")):
        return f"image from another site ({parts.netloc or url}): images must be part of the site"
    if url.startswith("//"):
        return "a link without a scheme to another host (write https://)"
    return None


def unsafe_reasons(text: str) -> list[str]:
    """Why a string could put markup, script or an outside request on the site."""
    shape = analyse(text)
    reasons = []
    tags = [raw[:40] for raw in shape.raw_html if not raw.startswith("&")]
    entities = [raw[:40] for raw in shape.raw_html if raw.startswith("&")]
    if tags:
        reasons.append(f"raw HTML {', '.join(map(repr, tags))}: write the text itself, without HTML")
    if entities:
        reasons.append(f"HTML entities {', '.join(map(repr, entities))}: write the characters themselves")
    for url in shape.links:
        if problem := url_problem(url):
            reasons.append(f"link {url[:60]!r}: {problem}")
    for url in shape.images:
        if problem := url_problem(url, image=True):
            reasons.append(f"image {url[:60]!r}: {problem}")
    for attribute in sorted(set(shape.attributes)):
        reasons.append(f"attribute list or HTML attribute ({attribute}): remove the {{: …}} part")
    return reasons


def hygiene_reasons(text: str) -> list[str]:
    """Invisible, control and look-alike characters: they reverse or spoof what readers see."""
    reasons = []
    if found := _INVISIBLE.search(text):
        name = unicodedata.name(found.group(), f"U+{ord(found.group()):04X}")
        reasons.append(f"invisible character {name} (U+{ord(found.group()):04X}) at «{_around(text, found.start())}»")
    if found := _CONTROL.search(text):
        reasons.append(f"control character U+{ord(found.group()):04X} at «{_around(text, found.start())}»")
    for word in _WORD.findall(text):
        if _mixes_scripts(word):
            reasons.append(f"the word «{word}» mixes letters of different scripts (a look-alike)")
            break
    return reasons


@lru_cache(maxsize=1 << 16)
def _mixes_scripts(word: str) -> bool:
    # Cached: every catalog repeats its words, and this is the costliest test `crkb check` runs.
    scripts = {i for m in _SCRIPT_OF.finditer(word) for i, g in enumerate(m.groups()) if g}
    return len(scripts) > 1


def _around(text: str, at: int, width: int = 12) -> str:
    snippet = text[max(0, at - width) : at + width]
    return "".join(ch if ch.isprintable() and not _INVISIBLE.match(ch) else f"<U+{ord(ch):04X}>" for ch in snippet)


@dataclass(frozen=True)
class Difference:
    """How a translation differs from its English in what the site shows."""

    code: str  # the check that reports it: placeholder, markup
    message: str
    fix: str
    span: str = field(default="")


def differences(source: str, translation: str) -> list[Difference]:
    """Placeholders, links, images, code, emphasis and block structure, compared."""
    found = list(_placeholder_differences(source, translation))
    src, tr = analyse(source), analyse(translation)
    if Counter(src.links) != Counter(tr.links):
        found.append(
            Difference(
                "markup",
                f"link targets differ: English {_list(src.links)}, translation {_list(tr.links)}",
                "keep every link target (the part in round brackets) exactly as in the English",
            )
        )
    if Counter(src.images) != Counter(tr.images):
        found.append(Difference("markup", "images differ from the English", "keep the images of the English"))
    if Counter(src.code) != Counter(tr.code):
        found.append(
            Difference(
                "markup",
                f"inline code differs: English {_list(src.code)}, translation {_list(tr.code)}",
                "keep `code` spans exactly as in the English",
            )
        )
    if len(src.emphasis) != len(tr.emphasis) or tr.leftover_markers:
        unclosed = [m for m in tr.leftover_markers if m not in src.leftover_markers]
        where = f"; unclosed {unclosed[0]} at «{_marker_context(translation, unclosed[0])}»" if unclosed else ""
        found.append(
            Difference(
                "markup",
                f"bold/italic spans: English has {len(src.emphasis)} {_list(src.emphasis)}, "
                f"translation {len(tr.emphasis)} {_list(tr.emphasis)}{where}",
                "mark the same words bold/italic as the English, each with a closing ** or *",
                span=unclosed[0] if unclosed else "",
            )
        )
    if src.blocks != tr.blocks:
        found.append(_structure_difference(src.blocks, tr.blocks))
    elif (added := line_markers(translation) - line_markers(source)) and "\n" in translation:
        marker = next(iter(added))
        found.append(
            Difference(
                "markup",
                f"a line of the translation starts with {marker!r}, which starts a block in Markdown elsewhere",
                "join the line to the one before, or keep the English's line breaks",
                span=marker,
            )
        )
    if src.emoji != tr.emoji:
        found.append(Difference("markup", "emoji shortcodes (:name:) differ from the English", "keep the English ones"))
    return found


def _placeholder_differences(source: str, translation: str):
    want, got = placeholders(source), placeholders(translation)
    missing, extra = want - got, got - want
    named = _NAMED_BRACES.findall(translation) if stray_braces(translation) and not stray_braces(source) else []
    if named and len(missing) == 1:  # the usual slip: the placeholder's name was translated
        (name,) = missing
        yield Difference(
            "placeholder",
            f"{named[0]} is a translated placeholder: it must stay {{{name}}} (placeholders are never translated)",
            f"write {{{name}}} where {named[0]} is",
            span=named[0],
        )
        named, missing = named[1:], set()
    if missing:
        names = ", ".join(f"{{{n}}}" for n in sorted(missing))
        yield Difference("placeholder", f"missing {names}", f"put {names} back: the figure is inserted there")
    if extra:
        names = ", ".join(f"{{{n}}}" for n in sorted(extra))
        yield Difference(
            "placeholder",
            f"unknown {names} (placeholders are never translated)",
            "use only the {names} of the English, spelled exactly the same",
        )
    for other in named:
        yield Difference(
            "placeholder",
            f"{other} is not a placeholder of the English (placeholders are never translated)",
            "use only the {names} of the English, spelled exactly the same",
            span=other,
        )
    if stray_braces(translation) and not stray_braces(source) and not _NAMED_BRACES.search(translation):
        at = stray_braces(translation)[0]
        yield Difference(
            "placeholder",
            f"a stray brace at «{_around(translation, at)}»",
            "write placeholders as {name}; remove any other brace",
        )


_LINE_MARKER = re.compile(
    r"^[ \t]*([-*+](?=\s)|\d+[.)](?=\s)|#{1,6}(?=\s)|>|\||!!!|\?\?\?|={3,}|-{3,}|~{3,}|`{3,})", re.M
)


def line_markers(text: str) -> Counter:
    """Block markers that start a line after the first (CommonMark would read them as blocks)."""
    return Counter(m.group(1)[:3] for m in _LINE_MARKER.finditer(text) if m.start() > 0)


def _structure_difference(src: tuple[str, ...], tr: tuple[str, ...]) -> Difference:
    added = Counter(tr) - Counter(src)
    removed = Counter(src) - Counter(tr)
    if added and removed:
        new, old = (BLOCKS.get(next(iter(c)), "a block") for c in (added, removed))
        message = f"the translation has {new} where the English has {old}"
    elif added:
        what = BLOCKS.get(next(iter(added)), "a block")
        message = f"the translation adds {what} the English does not have"
    elif removed:
        what = BLOCKS.get(next(iter(removed)), "a block")
        message = f"the translation drops {what} of the English"
    else:
        message = "the blocks come in a different order than in the English"
    return Difference(
        "markup",
        message,
        "keep the English's paragraphs and lists; do not start a line with #, >, -, 1., !!!, | or ===",
    )


def _marker_context(text: str, marker: str) -> str:
    at = text.find(marker)
    return text[max(0, at - 10) : at + 20] if at >= 0 else ""


def _list(items: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"«{i}»" for i in items) + ")" if items else "(none)"
