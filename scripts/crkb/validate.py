"""`crkb validate`: the English playbooks against the schema, the safety rules and the design rules."""

from __future__ import annotations

import datetime as dt

from .checks.run import source_problems
from .inputs import Inputs, gather
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
    problems.extend(source_problems(project, inputs, counts))
    problems.extend(overdue_reviews(project, inputs, today))
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


def overdue_reviews(project: Project, inputs: Inputs, today: dt.date) -> list[Problem]:
    problems = []
    for book in inputs.books:
        due = book.review.due()
        if due < today:
            line, col = book.position_of("review", "reviewed")
            problems.append(
                Problem(
                    display_path(book.path, project.root),
                    line,
                    col,
                    "review",
                    f"the review was due on {due.isoformat()} (last reviewed {book.review.reviewed.isoformat()}, "
                    f"every {book.review.every_months} months)",
                    Severity.WARNING,
                    fix="review the playbook with its owner, then set review.reviewed to today's date",
                )
            )
    return problems
