"""The schema: good playbooks load, every kind of bad input is one clear problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from crkb.model import load_playbook, load_playbooks, paragraphs
from crkb.problems import ProblemsFound

BAD = Path(__file__).parent / "fixtures" / "playbooks" / "bad"
GOOD = Path(__file__).parent / "fixtures" / "playbooks" / "good" / "greet-by-name.yml"


def problem_of(name: str) -> str:
    with pytest.raises(ProblemsFound) as caught:
        load_playbook(BAD / f"{name}.yml", BAD.parent.parent.parent.parent)
    (problem,) = caught.value.problems
    return problem.format()


def test_good_playbook_loads_with_its_items_and_facts() -> None:
    book = load_playbook(GOOD)
    assert book.id == "greet-by-name"
    assert [item.id for item in book.items] == ["learn-names"]
    assert book.items[0].actions[1] == "Greet returning customers by name"
    assert book.facts[0].figures["share"].value == 92
    assert book.line_of("items", 0, "actions", 1) == 29


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-syntax", "bad-syntax.yml:3:8: [yaml]"),
        (
            "duplicate-key",
            "duplicate-key.yml:3:1: [duplicate-key] key 'title' repeats (first on line 2)",
        ),
        ("missing-field", "missing-field.yml:1:1: [schema] summary: required field is missing"),
        ("wrong-type", "wrong-type.yml:4:11: [schema] audience: Input should be a valid list"),
        ("bad-item-id", "bad-item-id.yml:19:9: [schema] items[0].id: String should match pattern"),
        (
            "too-many-actions",
            "too-many-actions.yml:28:7: [schema] items[0].actions: List should have at most 9",
        ),
        ("unsafe-tag", "unsafe-tag.yml:3:10: [yaml] tag 'tag:yaml.org,2002:python/object/apply"),
        ("unknown-field", "unknown-field.yml:9:9: [schema] colour: unknown field"),
        (
            "placeholder-mismatch",
            "placeholder-mismatch.yml:33:5: [schema] facts[0]: statement uses ['portion']",
        ),
        (
            "id-not-file-name",
            "id-not-file-name.yml:1:5: [schema] id 'greet-by-name' must match the file name",
        ),
    ],
)
def test_bad_input_is_one_problem_naming_file_line_and_field(name: str, expected: str) -> None:
    assert expected in problem_of(name)


def test_unsafe_tag_is_refused_before_anything_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yml"
    evil.write_text(f"id: evil\ntitle: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(ProblemsFound):
        load_playbook(evil)
    assert not marker.exists()


def test_all_problems_of_a_folder_are_collected_in_one_run() -> None:
    books, problems = load_playbooks(BAD)
    assert books == []
    assert len(problems) == len(list(BAD.glob("*.yml")))


def test_markdown_splits_into_paragraphs_at_blank_lines_keeping_lists_whole() -> None:
    assert paragraphs("One.\n\n- a\n- b\n  \n\nTwo\nlines.\n") == [
        "One.",
        "- a\n- b",
        "Two\nlines.",
    ]
