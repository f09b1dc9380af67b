"""The English side of a project, validated as a whole: playbooks, topics and their units.

Each file is validated on its own by `model.py`; what spans files (a playbook's
topic must exist, a playbook may not take the trainer pack's name) is checked
here, so every command that reads the playbooks sees the same errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from .filecache import FileCache
from .model import TOPICS_FILE, Playbook, Topics, load_playbook, load_playbooks, load_topics
from .problems import Problem, ProblemsFound, Severity, display_path
from .project import Project
from .units import TOPIC_PREFIX, Unit, all_units

RESERVED_IDS = frozenset({"trainer-pack", "index", "status", "downloads", "about", "topics", "404"})


@dataclass(frozen=True)
class Inputs:
    books: list[Playbook]
    topics: Topics
    units: list[Unit]

    def units_of(self, group: str) -> list[Unit]:
        return [u for u in self.units if u.group == group]


def gather(project: Project, files: FileCache | None = None) -> tuple[Inputs | None, list[Problem]]:
    """Load and cross-check everything; the problems found, and the inputs if there is no error.

    With `files`, a file read before and unchanged since is not read again.
    """
    return _assemble(project, *_read(project, files or FileCache()))


def load_inputs(project: Project, files: FileCache | None = None, previous: Inputs | None = None) -> Inputs:
    """The inputs, or ProblemsFound with every error.

    `previous` is returned as it is when every file read gave the very object it was
    made from (a FileCache unchanged since): its checks and units cannot differ.
    """
    books, topics, problems = _read(project, files or FileCache())
    if (
        previous is not None
        and not problems
        and previous.topics is topics
        and len(previous.books) == len(books)
        and all(a is b for a, b in zip(previous.books, books))
    ):
        return previous
    inputs, problems = _assemble(project, books, topics, problems)
    if inputs is None:
        raise ProblemsFound([p for p in problems if p.severity is Severity.ERROR])
    return inputs


def _read(project: Project, files: FileCache) -> tuple[list[Playbook], Topics | None, list[Problem]]:
    def load(path, root):
        return files.get(path, lambda: load_playbook(path, root), "playbook")

    books, problems = load_playbooks(project.playbooks, project.root, load)
    topics = None
    try:
        topics = files.get(
            project.playbooks / TOPICS_FILE, lambda: load_topics(project.playbooks, project.root), "topics"
        )
    except ProblemsFound as found:
        problems.extend(found.problems)
    return books, topics, problems


def _assemble(
    project: Project, books: list[Playbook], topics: Topics | None, problems: list[Problem]
) -> tuple[Inputs | None, list[Problem]]:
    problems = [*problems, *_cross_file(project, books, topics)]
    if any(p.severity is Severity.ERROR for p in problems) or topics is None:
        return None, problems
    files = {b.id: display_path(b.path, project.root) for b in books}
    files[TOPIC_PREFIX] = display_path(topics.path, project.root)
    return Inputs(books, topics, all_units(books, topics, files)), problems


def _cross_file(project: Project, books: list[Playbook], topics: Topics | None) -> list[Problem]:
    problems = []
    known = {t.id for t in topics.topics} if topics is not None else None
    for book in books:
        shown = display_path(book.path, project.root)
        if known is not None and book.topic not in known:
            line, col = book.position_of("topic")
            listed = ", ".join(sorted(known))
            problems.append(
                Problem(shown, line, col, "schema", f"topic {book.topic!r} is not in topics.yml ({listed})")
            )
        if book.id in RESERVED_IDS:
            line, col = book.position_of("id")
            problems.append(Problem(shown, line, col, "schema", f"the id {book.id!r} is reserved for a site page"))
    if topics is not None:
        used = {b.topic for b in books}
        for i, topic in enumerate(topics.topics):
            if topic.id not in used:
                shown = display_path(topics.path, project.root)
                problems.append(
                    Problem(
                        shown,
                        topics.line_of("topics", i),
                        0,
                        "schema",
                        f"topic {topic.id!r} has no playbook",
                        Severity.WARNING,
                    )
                )
    return problems
