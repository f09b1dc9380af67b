"""The one printer: problems and progress as text (people), JSON (tools) or GitHub annotations.

JSON (version 2):
{"version": 2, "ok": bool,
 "locales": [{"locale", "state", "catalog", "total", "translated", "stale", "missing", "percent",
              "errors", "warnings", "groups": {"<playbook id | topic | interface>": [translated, total]}}],
 "problems": [{"path", "line", "column", "code", "severity", "msgctxt", "message", "fix"}]}
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from .problems import Problem, Severity, printable
from .status import LocaleStatus, group_label


def table(rows: Sequence[Sequence[str]], right: bool = True) -> str:
    """Columns padded to their widest cell; the first column left-aligned, the rest right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.ljust(w) if i == 0 or not right else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def percent(share: float) -> str:
    """A share as whole percent, rounded down (Counts.share already floors it)."""
    return f"{int(share * 100)}%"


def problem_lines(problems: list[Problem], colour: bool = True) -> list[str]:
    lines = []
    for p in sorted(problems, key=lambda p: (p.path, p.line, p.code)):
        label = f"{p.severity.value}: "
        if colour:
            label = click.style(label, fg="red" if p.severity is Severity.ERROR else "yellow")
        lines.append(label + p.format())
        if p.fix:
            lines.append(f"    fix: {printable(p.fix)}")
    return lines


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return f"{errors} error(s), {len(problems) - errors} warning(s)"


def counts_row(status: LocaleStatus, problems: list[Problem], path: str) -> list[str]:
    total = status.total
    mine = [p for p in problems if p.path == path]
    errors = sum(p.severity is Severity.ERROR for p in mine)
    return [
        status.locale,
        "complete" if status.complete else "in progress",
        f"{percent(total.share)} ({total.translated}/{total.total})",
        str(total.stale),
        str(total.missing),
        str(errors),
        str(len(mine) - errors),
    ]


def as_text(statuses: list[tuple[LocaleStatus, str]], problems: list[Problem]) -> str:
    rows = [["locale", "state", "translated", "stale", "missing", "errors", "warnings"]]
    rows += [counts_row(status, problems, path) for status, path in statuses]
    lines = [table(rows, right=False)] if statuses else []
    if lines:
        lines[0] = click.style(lines[0].split("\n", 1)[0], bold=True) + "\n" + "\n".join(lines[0].split("\n")[1:])
    return "\n".join([*lines, *problem_lines(problems)])


def as_json(statuses: list[tuple[LocaleStatus, str]], problems: list[Problem]) -> str:
    data = {
        "version": 2,
        "ok": not any(p.severity is Severity.ERROR for p in problems),
        "locales": [_locale_json(status, path, problems) for status, path in statuses],
        "problems": [p.to_dict() for p in problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _locale_json(status: LocaleStatus, path: str, problems: list[Problem]) -> dict:
    total = status.total
    mine = [p for p in problems if p.path == path]
    return {
        "locale": status.locale,
        "state": "complete" if status.complete else "in-progress",
        "catalog": path,
        "total": total.total,
        "translated": total.translated,
        "stale": total.stale,
        "missing": total.missing,
        "percent": round(total.share * 100),
        "errors": sum(p.severity is Severity.ERROR for p in mine),
        "warnings": sum(p.severity is Severity.WARNING for p in mine),
        "groups": {group_label(g): [c.translated, c.total] for g, c in status.groups.items()},
    }


def as_github(statuses: list[tuple[LocaleStatus, str]], problems: list[Problem]) -> str:
    """Workflow commands: GitHub shows each on the pull request's changed line."""
    lines = []
    for p in problems:
        kind = "error" if p.severity is Severity.ERROR else "warning"
        where = f"file={_escape_property(p.path)}" + (f",line={p.line}" if p.line else "")
        text = f"{p.msgctxt}: {p.message}" if p.msgctxt else p.message
        if p.fix:
            text += f"\nfix: {p.fix}"
        lines.append(f"::{kind} {where},title=crkb {p.code}::{_escape(printable(text))}")
    done = sum(s.total.translated for s, _ in statuses), sum(s.total.total for s, _ in statuses)
    lines.append(f"crkb check: {summary(problems)}; {done[0]} of {done[1]} strings translated")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(printable(text)).replace(":", "%3A").replace(",", "%2C")


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
