"""`crkb validate`: the English playbooks against the schema, the safety rules and the design rules."""

from __future__ import annotations

import datetime as dt

from .checks.run import source_problems
from .inputs import gather
from .problems import Problem, ProblemsFound, Severity, display_path
from .project import Project


def validate(project: Project, layout: bool, today: dt.date) -> tuple[list[Problem], int]:
    """Every problem found, and how many playbooks were read."""
    inputs, problems = gather(project)
    if inputs is None:
        return problems, 0
    counts: dict[tuple[str, str], int] = {}
    safe = not any(p.severity is Severity.ERROR for p in source_problems(project, inputs))
    if layout and safe:
        counts, layout_problems = _page_counts(project)
        problems.extend(layout_problems)
    problems.extend(source_problems(project, inputs, counts, today))
    return problems, len(inputs.books)


def _page_counts(project: Project) -> tuple[dict[tuple[str, str], int], list[Problem]]:
    """Lay every checklist out in every language (catalog problems are crkb check's business)."""
    from .render.checklist import RenderError, page_counts
    from .site import SiteData

    try:
        return page_counts(SiteData.load(project)), []
    except ProblemsFound as found:
        return {}, [p.as_warning() for p in found.problems]
    except RenderError as err:
        return {}, [Problem(display_path(project.playbooks, project.root), 0, 0, "checklist-fit", str(err))]
