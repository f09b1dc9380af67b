"""The check report as text (people), JSON (tools) or GitHub annotations (pull requests).

JSON schema (version 1):
{"version": 1, "ok": bool,
 "locales": [{"locale", "catalog", "total", "translated", "percent", "fuzzy", "missing",
              "errors", "warnings", "playbooks": {"<playbook or ui>": [translated, total]}}],
 "problems": [{"path", "line", "column", "code", "severity", "msgctxt", "message"}]}
"""

from __future__ import annotations

import json

import click

from ..problems import Problem, Severity
from .run import Report


def as_text(report: Report, problems: list[Problem]) -> str:
    rows = [("locale", "translated", "missing", "stale", "errors", "warnings")]
    for r in report.results:
        errors = sum(p.severity is Severity.ERROR and p.path == r.path for p in problems)
        warnings = sum(p.severity is Severity.WARNING and p.path == r.path for p in problems)
        rows.append(
            (
                r.locale,
                f"{r.percent:.1f}% ({r.translated}/{r.total})",
                str(r.missing),
                str(r.fuzzy),
                str(errors),
                str(warnings),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines[0] = click.style(lines[0], bold=True)
    for p in problems:
        colour = "red" if p.severity is Severity.ERROR else "yellow"
        lines.append(click.style(f"{p.severity.value}: ", fg=colour) + p.format())
    return "\n".join(lines)


def as_json(report: Report, problems: list[Problem]) -> str:
    data = {
        "version": 1,
        "ok": not any(p.severity is Severity.ERROR for p in problems),
        "locales": [
            {
                "locale": r.locale,
                "catalog": r.path,
                "total": r.total,
                "translated": r.translated,
                "percent": round(r.percent, 1),
                "fuzzy": r.fuzzy,
                "missing": r.missing,
                "errors": sum(p.severity is Severity.ERROR and p.path == r.path for p in problems),
                "warnings": sum(p.severity is Severity.WARNING and p.path == r.path for p in problems),
                "playbooks": {k: list(v) for k, v in r.by_prefix.items()},
            }
            for r in report.results
        ],
        "problems": [p.to_dict() for p in problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def as_github(report: Report, problems: list[Problem]) -> str:
    """Workflow commands: GitHub shows each on the pull request's changed line."""
    lines = []
    for p in problems:
        kind = "error" if p.severity is Severity.ERROR else "warning"
        where = f"file={p.path}" + (f",line={p.line}" if p.line else "")
        text = f"{p.msgctxt}: {p.message}" if p.msgctxt else p.message
        lines.append(f"::{kind} {where},title=crkb {p.code}::{_escape(text)}")
    total = sum(r.translated for r in report.results), sum(r.total for r in report.results)
    lines.append(f"crkb check: {len(problems)} problem(s); {total[0]} of {total[1]} strings translated")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
