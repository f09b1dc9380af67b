"""`crkb status`: translated, stale and missing strings per locale and per playbook."""

from __future__ import annotations

import json

import click

from .checks.run import check
from .project import Project
from .report import percent, problem_lines, table
from .status import group_label


def print_status(project: Project, locales: list[str] | None, fmt: str) -> int:
    """Print the table (or JSON); return the exit status: 2 if a catalog is unreadable."""
    report = check(project, locales)
    readable = [r for r in report.locales if r.status.readable]
    unreadable = {r.path for r in report.locales if not r.status.readable}
    broken = [p for p in report.all_problems() if p.path in unreadable or p.code in ("unreadable", "config", "syntax")]
    if fmt == "json":
        data = [
            {
                "locale": r.locale,
                "state": "complete" if r.status.complete else "in-progress",
                "groups": {
                    group_label(g): {
                        "translated": c.translated,
                        "stale": c.stale,
                        "missing": c.missing,
                        "total": c.total,
                    }
                    for g, c in r.status.groups.items()
                },
                "translated": r.status.total.translated,
                "stale": r.status.total.stale,
                "missing": r.status.total.missing,
                "total": r.status.total.total,
                "percent": int(r.status.total.share * 100),
            }
            for r in readable
        ]
        click.echo(json.dumps({"version": 2, "locales": data}, ensure_ascii=False, indent=2))
    elif readable:
        click.echo(_table(readable))
    for line in problem_lines(broken):
        click.echo(line, err=True)
    if not report.locales and not broken:
        click.echo("no translated locales in mkdocs.yml")
    return 2 if broken else 0


def _table(reports) -> str:
    """A summary per language, then translated/total per playbook (rows) and language (columns)."""
    summary = [["locale", "state", "translated", "stale", "missing", "total"]]
    for r in reports:
        total = r.status.total
        state = "complete" if r.status.complete else "in progress"
        summary.append(
            [r.locale, state, f"{total.translated}/{total.total}", str(total.stale), str(total.missing),
             percent(total.share)]
        )  # fmt: skip
    groups = list(dict.fromkeys(g for r in reports for g in r.status.groups))
    rows = [["", *(r.locale for r in reports)]]
    for group in groups:
        cells = []
        for r in reports:
            c = r.status.groups.get(group)
            cells.append(f"{c.translated}/{c.total}" if c else "-")
        rows.append([group_label(group), *cells])
    rows.append(["total", *(percent(r.status.total.share) for r in reports)])
    ready = [r.locale for r in reports if not r.status.complete and r.status.total.share >= 1]
    lines = [table(summary, right=False), "", table(rows)]
    lines += [f"{code} is fully translated: set `status: complete` in locales/{code}/locale.yml" for code in ready]
    return "\n".join(lines)
