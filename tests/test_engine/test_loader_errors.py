"""Every error path of rule loading names the file, the line and the field (one fixture per case)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.errors import RuleErrors
from streams.engine.compiler import compile_paths

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"


def _errors(*paths: Path) -> list[str]:
    with pytest.raises(RuleErrors) as info:
        compile_paths(list(paths), collect=True)
    return [str(e) for e in info.value.errors]


@pytest.mark.parametrize(
    ("fixture", "line", "needle"),
    [
        ("yaml_syntax.yaml", 7, "YAML syntax error"),
        ("unknown_field.yaml", 7, "unknown field 'treshold'"),
        ("wrong_type.yaml", 8, "(match.all.within)"),
        ("bad_severity.yaml", 4, "(severity)"),
        ("bad_regex.yaml", 9, "rejected by the linear-time engine"),
        ("unknown_list.yaml", 7, "unknown list '@no_such_list'"),
        ("bad_condition.yaml", 9, "(match.all[1])"),
        ("missing_match.yaml", 1, "needs `match`, `score`, or both"),
        ("bad_sentence_exclusion.yaml", 10, "(exclude[1].sentence.within): unknown field 'within'"),
    ],
)
def test_invalid_rule_reports_file_line_and_field(fixture: str, line: int, needle: str) -> None:
    errors = _errors(INVALID / fixture)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{INVALID / fixture}:{line}:"), errors[0]
    assert needle in errors[0]


def test_collect_mode_reports_every_bad_file() -> None:
    errors = _errors(INVALID)
    assert len(errors) == len(list(INVALID.glob("*.yaml")))


def test_duplicate_id_names_both_places() -> None:
    (error,) = _errors(FIXTURES / "duplicate")
    assert "second.yaml:1:" in error
    assert "duplicate rule id 'troop_buildup.same'" in error
    assert "first.yaml:1" in error


def test_missing_folder_is_an_error() -> None:
    (error,) = _errors(FIXTURES / "no-such-folder")
    assert "no such rule file or folder" in error


def test_overrides_only_from_local_folders() -> None:
    (error,) = _errors(FIXTURES / "local" / "overrides.yaml")
    assert "override files belong in a local rules folder" in error
