"""What a string's Markdown carries: links, code, placeholders, and anything unsafe.

Shared by the checks (which report differences between a translation and its
source) and by localisation (which refuses unsafe translations outright).
"""

from __future__ import annotations

import html
import re

from .model import placeholders as format_placeholders

_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_TARGET = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file)\s*:")
_ATTR_LIST = re.compile(r"\{\s*[:.#][^}]*\}|\{[^}]*=[^}]*\}")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def link_targets(text: str) -> list[str]:
    return _LINK_TARGET.findall(text) + _REF_TARGET.findall(text)


def inline_code(text: str) -> list[str]:
    return [code for _, code in _CODE.findall(text)]


def placeholders(text: str) -> set[str]:
    try:
        return format_placeholders(text)
    except ValueError:  # an unbalanced brace: report what the simple pattern sees
        return set(_PLACEHOLDER.findall(text))


def emphasis_count(text: str) -> int:
    return len(_EMPHASIS.findall(_CODE.sub("", text)))


def list_items(text: str) -> int:
    return len(_LIST_ITEM.findall(text))


def unsafe_reasons(text: str) -> list[str]:
    """Why a string could inject markup or script into the site; empty if it cannot."""
    reasons = []
    if tag := _TAG.search(_CODE.sub("", text)):
        reasons.append(f"raw HTML {tag.group(0)[:30]!r}")
    if scheme := _SCHEME.search(text):
        reasons.append(f"{scheme.group(1).lower()}: link")
    if attrs := _ATTR_LIST.search(text):
        reasons.append(f"attribute list {attrs.group(0)[:30]!r}")
    if "--8<--" in text:
        reasons.append("snippet include")
    return reasons


def escape_text(text: str) -> str:
    """Make any string safe to drop into generated Markdown: no HTML, no attribute lists."""
    return html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")


def fill(template: str, values: dict[str, str]) -> str:
    """Put values into {name} fields. Never str.format: a hostile '{0.__class__}' stays text."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def fill_markdown(template: str, values: dict[str, str]) -> str:
    """Like fill(), for Markdown output: the template's own text is escaped, values are not."""
    parts = _PLACEHOLDER.split(template)
    out = []
    for i, part in enumerate(parts):
        if i % 2 and part in values:
            out.append(values[part])
        else:
            out.append(escape_text(f"{{{part}}}" if i % 2 else part))
    return "".join(out)
