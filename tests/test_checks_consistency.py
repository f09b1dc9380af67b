"""`inconsistent`: one English, one translation, within a catalog (as Weblate checks it)."""

from __future__ import annotations

from crkb.problems import Severity

from tests.checks_support import context, found, found_by_runner, profiles


def test_same_english_translated_two_ways_is_an_error_naming_both_entries() -> None:
    profile = profiles()[0]
    ctx = context(
        profile,
        [("a.audience", "Support agents", "Specialists"), ("b.audience", "Support agents", "Employees")],
    )
    [problem] = found(ctx, "inconsistent")
    assert problem.severity is Severity.ERROR
    assert problem.msgctxt == "b.audience"
    assert problem.line == ctx.line_of(ctx.entries[1])
    assert "a.audience" in problem.message and f"line {ctx.line_of(ctx.entries[0])}" in problem.message
    assert "“Specialists”" in problem.message and "“Employees”" in problem.message


def test_different_english_sharing_one_translation_is_a_warning() -> None:
    ctx = context(
        profiles()[0], [("a.when", "Use when", "Run it when"), ("b.when", "Run this play when", "Run it when")]
    )
    [problem] = found(ctx, "inconsistent")
    assert problem.severity is Severity.WARNING
    assert problem.msgctxt == "b.when" and "a.when" in problem.message


def test_the_same_translation_of_the_same_english_passes() -> None:
    ctx = context(profiles()[0], [("a.t", "Support agents", "Agents"), ("b.t", "Support agents", "Agents")])
    assert found(ctx, "inconsistent") == []


def test_fuzzy_entries_are_left_out_until_updated() -> None:
    rows = [("a.t", "Support agents", "Specialists"), ("b.t", "Support agents", "Employees")]
    assert found(context(profiles()[0], rows, fuzzy=("b.t",)), "inconsistent") == []


def test_plural_entries_compare_every_form() -> None:
    profile = max(profiles(), key=lambda p: p.nplurals)
    english = ("{count} tip", "{count} tips")
    forms = tuple(f"{{count}} form{i}" for i in range(profile.nplurals))
    other = (*forms[:-1], "{count} other")
    ctx = context(profile, [("a.count", english, forms), ("b.count", english, other)])
    [problem] = found(ctx, "inconsistent")
    assert problem.msgctxt == "b.count" and "other" in problem.message


def test_the_runner_reports_every_new_check_under_its_own_code() -> None:
    profile = next(p for p in profiles() if " " in p.figures.percent)
    ctx = context(
        profile,
        [
            ("a.t", "Support agents", "Агенты  поддержки"),
            ("b.t", "Support agents", "Сотрудники"),
            ("c.t", "20% of buyers", "20% x"),
        ],
    )
    codes = {p.code: p.msgctxt for p in found_by_runner(ctx, "inconsistent") + found_by_runner(ctx, "typography")}
    numbers = found_by_runner(ctx, "numbers")
    assert codes == {"inconsistent": "b.t", "typography": "a.t"}
    assert [p.msgctxt for p in numbers] == ["c.t"]
