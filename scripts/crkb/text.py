"""What every module agrees a string is made of: {placeholders}, paragraphs, one line.

Kept free of any other crkb import so the model, the walker, the checks and the
renderers can all share one definition.
"""

from __future__ import annotations

import re

# A placeholder is {name}: lower-case letters, digits and underscores. Any other brace is
# a stray one, which the checks report (a literal brace has no use in our texts).
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_BRACE = re.compile(r"[{}]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def placeholders(text: str) -> set[str]:
    """The {name} fields of a text."""
    return set(PLACEHOLDER.findall(text))


def stray_braces(text: str) -> list[int]:
    """Offsets of braces that are not part of a {name} placeholder."""
    spans = [range(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    return [m.start() for m in _BRACE.finditer(text) if not any(m.start() in s for s in spans)]


def fill(template: str, values: dict[str, str]) -> str:
    """Put values into {name} fields. Never str.format: a hostile '{0.__class__}' stays text."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def split_fields(template: str) -> list[tuple[str, bool]]:
    """The template as (part, is_field) pairs, so each part can be escaped on its own."""
    parts = PLACEHOLDER.split(template)
    return [(part, bool(i % 2)) for i, part in enumerate(parts) if part or i % 2]


def paragraphs(markdown: str) -> list[str]:
    """Split Markdown into blocks at blank lines: the unit a translator works on."""
    blocks = _BLANK_LINE.split(markdown.strip())
    return [b.strip() for b in blocks if b.strip()]


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
