"""The schema: good playbooks load, every kind of bad input is one clear problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from crkb.model import load_playbook, load_playbooks
from crkb.problems import ProblemsFound
from crkb.text import paragraphs

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
    assert book.items[0].actions[1].text == "Greet returning customers by name"
    assert book.facts[0].figures["share"].value == 92
    assert book.line_of("items", 0, "actions", 1) == 34


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-syntax", "bad-syntax.yml:4:8: [yaml]"),
        (
            "duplicate-key",
            "duplicate-key.yml:4:1: [duplicate-key] key 'title' repeats (first on line 3)",
        ),
        ("missing-field", "missing-field.yml:1:1: [schema] summary: required field is missing"),
        ("wrong-type", "wrong-type.yml:5:11: [schema] audience: Input should be a valid list"),
        ("bad-item-id", "bad-item-id.yml:24:9: [schema] items[0].id: String should match pattern"),
        (
            "too-many-actions",
            "too-many-actions.yml:33:7: [schema] items[0].actions: List should have at most 9",
        ),
        ("unsafe-tag", "unsafe-tag.yml:4:10: [yaml] tag 'tag:yaml.org,2002:python/object/apply"),
        ("unknown-field", "unknown-field.yml:10:9: [schema] colour: unknown field"),
        (
            "placeholder-mismatch",
            "placeholder-mismatch.yml:38:5: [schema] facts[0]: statement uses ['portion']",
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


def _with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "greet-by-name.yml"
    path.write_text(GOOD.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_playbook(path, path.parent)
    return [p.format() for p in caught.value.problems]


def test_a_figure_in_running_text_must_be_declared(tmp_path: Path) -> None:
    path = _with(tmp_path, "Ask once, then remember.", "Ask once, then remember for {days}.")
    assert any("{days} is not in figures" in p and ":28:" in p for p in _problems(path))


def test_a_declared_figure_must_be_used(tmp_path: Path) -> None:
    figures = "figures:\n  days: {kind: duration, value: 7, unit: day}\nintro: |"
    assert any("figures.days: not used" in p for p in _problems(_with(tmp_path, "intro: |", figures)))


def test_a_stray_brace_in_english_is_an_error(tmp_path: Path) -> None:
    path = _with(tmp_path, "Names matter.", "Names {matter.")
    assert any("a brace that is not a {figure}" in p for p in _problems(path))


def test_a_duration_needs_its_unit(tmp_path: Path) -> None:
    figures = "figures:\n  days: {kind: duration, value: 7}\nintro: |\n  Within {days}.\n"
    path = _with(tmp_path, "intro: |\n  Names matter.\n", figures)
    assert any("'unit' is required for kind: duration" in p for p in _problems(path))


def test_an_action_can_be_marked_for_the_printed_checklist(tmp_path: Path) -> None:
    marked = "- text: Greet returning customers by name\n        checklist: true"
    book = load_playbook(_with(tmp_path, "- Greet returning customers by name", marked))
    assert [a.checklist for a in book.items[0].actions] == [False, True]


def test_the_next_review_falls_on_the_same_day_months_later_or_the_months_end() -> None:
    from crkb.model import Review

    assert Review(owner="x", reviewed="2026-08-31", every_months=6).due().isoformat() == "2027-02-28"
    assert Review(owner="x", reviewed="2026-11-25", every_months=1).due().isoformat() == "2026-12-25"


def test_yaml_aliases_are_refused_before_they_expand(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yml"
    path.write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', encoding="utf-8")
    assert any("alias *a is not allowed" in p for p in _problems(path))


def test_nesting_deeper_than_any_playbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yml"
    path.write_text("a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)), encoding="utf-8")
    assert any("nested more than" in p for p in _problems(path))


def test_a_yaml_extension_is_a_playbook_too(tmp_path: Path) -> None:
    (tmp_path / "greet-by-name.yaml").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    books, problems = load_playbooks(tmp_path)
    assert [b.id for b in books] == ["greet-by-name"] and problems == []


def test_a_link_to_a_file_outside_the_project_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("id: top-secret-value\n", encoding="utf-8")
    root = tmp_path / "project"
    root.mkdir()
    (root / "linked.yml").symlink_to(secret)
    problems = _problems_in(root / "linked.yml", root)
    assert any("outside the project" in p for p in problems)
    assert not any("top-secret-value" in p for p in problems)


def _problems_in(path: Path, root: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_playbook(path, root)
    return [p.format() for p in caught.value.problems]


def test_items_are_numbered_within_their_kind_so_the_first_tip_is_tip_1() -> None:
    book = load_playbook(GOOD)
    first = book.items[0]
    kinds = ["reason", "reason", "tip", "tip", "reason", "tip"]
    items = [first.model_copy(update={"kind": kind, "id": f"item-{n}"}) for n, kind in enumerate(kinds)]
    assert book.model_copy(update={"items": items}).item_numbers() == [1, 2, 1, 2, 3, 3]
