"""`crkb checklists`: printable PDF checklists, one per playbook and locale, and trainer packs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import LocaleParam
from .problems import display_path
from .project import Project


@click.command("checklists")
@click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    type=LocaleParam(translated=False),
    help="Only this locale (repeatable; default: every locale in mkdocs.yml).",
)
@click.option(
    "--playbook",
    "-p",
    "playbooks",
    multiple=True,
    metavar="ID",
    help="Only this playbook (repeatable; default: all, plus a trainer pack per locale).",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Lay out this many checklists at once (default: one per core).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: checklists/ in the project).",
)
@click.pass_obj
def checklists(
    project: Project,
    locales: tuple[str, ...],
    playbooks: tuple[str, ...],
    paper: str,
    jobs: int | None,
    out: Path | None,
) -> None:
    """Build printable PDF checklists: OUT/<locale>/<playbook>.pdf.

    Each playbook becomes a checklist in every language: what it is for, when
    to use it, one section per item with a box for every action, and a footer
    with fields to fill in by hand, the version and a QR code linking to the
    playbook online. With every playbook selected, each locale also gets
    trainer-pack.pdf: a cover page and all checklists, with a bookmark for each.
    Every PDF is tagged for screen readers and archivable (PDF/UA-1 and
    PDF/A-2a). The same input gives the same bytes; a PDF whose input has not
    changed since the last run is not laid out again.
    """
    from .cli import fail
    from .problems import ProblemsFound
    from .render.checklist import RenderError, build_checklists, plan_checklists
    from .site import SiteData

    try:
        data = SiteData.load(project, only=list(locales) or None)
    except ProblemsFound as found:
        fail(found.problems)
    out = (out if out.is_absolute() else Path.cwd() / out) if out is not None else project.root / "checklists"
    try:
        plan = plan_checklists(data, out, list(locales), list(playbooks), paper)
    except ValueError as err:
        raise click.UsageError(str(err)) from None

    shown = display_path(plan.out_dir, project.root).rstrip("/") + "/"
    before = {path: path.stat().st_mtime_ns for path in plan.outputs if path.is_file()}
    try:
        with click.progressbar(
            length=len(plan.outputs),
            label="Building checklists",
            show_pos=True,
            item_show_func=lambda path: path and display_path(path, project.root),
            file=sys.stderr,
        ) as bar:
            written = build_checklists(data, plan, on_progress=lambda path: bar.update(1, path), jobs=jobs)
    except (OSError, RenderError) as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(1)

    books, langs = len(plan.playbook_ids), len(plan.locales)
    parts = f"{_n(books, 'playbook')} × {_n(langs, 'locale')}"
    if plan.packs:
        parts += f" + {_n(langs, 'trainer pack')}"
    fresh = sum(before.get(path) != path.stat().st_mtime_ns for path in written)
    current = f"; {len(written) - fresh} already up to date" if fresh < len(written) else ""
    click.echo(f"Wrote {_n(fresh, 'PDF file')} to {shown} ({parts}{current})")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
