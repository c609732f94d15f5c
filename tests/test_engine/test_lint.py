"""Lint findings that the schema cannot express: costs and habits a rule author should hear about."""

from __future__ import annotations

from pathlib import Path

from streams.engine.detector import Detector
from streams.engine.lint import lint_library

RULE = """\
engine: 1
id: troop_buildup.{slug}
title: Forces positioned
category: troop_buildup
severity: low
description: A test rule.
match:
{match}
tests:
  fire: ["Beijing positions more troops near the pass."]
  quiet: ["Drones struck enemy positions near the pass."]
"""
REGEX = '"re:\\\\bpositions\\\\s+(?:[a-z]+\\\\s+){0,2}troops\\\\b"'


def _findings(tmp_path: Path, slug: str, match: str) -> list[str]:
    (tmp_path / f"{slug}.yaml").write_text(RULE.format(slug=slug, match=match), encoding="utf-8")
    return [str(f) for f in lint_library(Detector.load([tmp_path]))]


def test_a_rule_that_regexes_alone_can_satisfy_is_flagged(tmp_path: Path) -> None:
    findings = _findings(tmp_path, "regex_only", f"  any:\n    - {REGEX}\n")
    assert any("regex terms alone" in f and "regex_only.yaml" in f for f in findings), findings


def test_a_regex_paired_with_its_literal_word_is_not_flagged(tmp_path: Path) -> None:
    findings = _findings(tmp_path, "paired", f"  all:\n    - positions\n    - {REGEX}\n")
    assert not any("regex terms alone" in f for f in findings), findings
