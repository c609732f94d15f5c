"""The shipped rule library: it lints clean, every embedded test passes, and it measures up."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from streams.engine.compiler import CompiledRule
from streams.engine.detector import DEFAULT_RULES_DIR, Detector
from streams.engine.evaluation import evaluate, labelled_sets, read_dataset
from streams.engine.lint import lint_library
from streams.engine.ruletests import run_rule

EVAL = Path(__file__).resolve().parents[1] / "eval"
CORE = ("troop_buildup", "military_exercise", "cyberattack", "truce_violation")
REQUIRED_EXTRA = 4


@cache
def library() -> Detector:
    return Detector.load([DEFAULT_RULES_DIR])


def _rule_ids() -> list[str]:
    return [r.id for r in library().rules]


def test_library_lints_without_errors() -> None:
    errors = [f for f in lint_library(library()) if f.level == "error"]
    assert errors == []


def test_library_covers_core_and_extra_categories() -> None:
    categories = {r.rule.category for r in library().rules}
    assert set(CORE) <= categories
    assert len(categories - set(CORE)) >= REQUIRED_EXTRA
    for category in categories:
        assert sum(r.rule.category == category for r in library().rules) >= 2, category


@pytest.mark.parametrize("rule_id", _rule_ids())
def test_rule_embedded_tests(rule_id: str) -> None:
    compiled: CompiledRule = library().rule(rule_id)
    failures = [o.describe() for o in run_rule(library(), compiled) if not o.passed]
    assert not failures, "\n".join(failures)


EVAL_SETS = [path.name for path in labelled_sets(EVAL)]
_FLOOR_SUPPORT = 4  # alerts (for precision) or positives (for recall) a floor needs to mean anything


@pytest.mark.parametrize("name", EVAL_SETS)
def test_core_categories_meet_quality_floor(name: str) -> None:
    """A regression guard, below the targets reported in the README (not a tuning target).

    Each figure only where it rests on a few items: on three positives one miss is a third of the
    recall, which measures the item, not the library (learning sets aimed at one category carry two
    or three items of the others). Any false alarm still counts where nothing is labelled.
    """
    report = evaluate(library(), list(read_dataset(EVAL / name)))
    for category in CORE:
        score = report.scores.get(category)
        if score is None:  # neither labelled nor alerted in this set
            continue
        if score.tp + score.fp >= _FLOOR_SUPPORT or score.tp == 0:
            assert score.precision >= 0.75, (category, score)
        if score.tp + score.fn >= _FLOOR_SUPPORT:
            assert score.recall >= 0.75, (category, score)
