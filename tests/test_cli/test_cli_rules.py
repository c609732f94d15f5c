"""`tripwire scan` and `tripwire rules ...` as a user runs them: output, exit codes, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from schemas.alert import Alert
from streams.cli import main
from streams.cli_rules import SCHEMA_PATH, rule_json_schema

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "test_engine" / "fixtures"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_scan_jsonl_emits_valid_alerts(tmp_path: Path) -> None:
    news = tmp_path / "report.txt"
    news.write_text(
        "Troops mass at the frontier\n\nAbout 60,000 troops have amassed near the border, officials said. "
        "Hackers knocked the ministry's website offline on Friday.\n"
    )
    code, out, _ = run("scan", "--format", "jsonl", str(news))
    assert code == 0
    alerts = [Alert.model_validate_json(line) for line in out.splitlines()]
    assert {a.category for a in alerts} >= {"troop_buildup", "cyberattack"}
    assert all(a.item_id == "report" for a in alerts)
    assert all(a.evidence and a.rule_version.startswith("sha256:") for a in alerts)


def test_scan_reads_stdin_json_lines() -> None:
    bodies = [
        "The navy began live-fire drills near the Taiwan Strait.",
        "Hackers took the Estonian tax portal offline.",
    ]
    lines = "\n".join(json.dumps({"id": f"n{i}", "body": body}) for i, body in enumerate(bodies))
    code, out, _ = run("scan", "--format", "jsonl", "-", input=lines + "\n")
    assert code == 0
    assert {json.loads(line)["item_id"] for line in out.splitlines()} == {"n0", "n1"}


def test_scan_text_output_is_readable(tmp_path: Path) -> None:
    news = tmp_path / "a.json"
    news.write_text(
        json.dumps({"id": "a", "title": "Ceasefire broken", "body": "Both sides violated the truce."})
    )
    code, out, err = run("scan", str(news))
    assert code == 0
    assert "truce_violation" in out and "violated the truce" in out
    assert "1 item(s) scanned" in err


def test_scan_reports_bad_json_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "body": "Nothing to see."}\n{"id": "broken", "body": \n')
    code, _, err = run("scan", str(bad))
    assert code == 1
    assert f"{bad}:2: not valid JSON" in err
    assert "Traceback" not in err


def test_scan_reports_items_without_text(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"id": "e", "title": " ", "body": ""}))
    code, _, err = run("scan", str(empty))
    assert code == 1
    assert f"{empty}:1:" in err and "title and body are both empty" in err


def test_bad_rules_exit_2_with_one_line_per_error() -> None:
    code, _, err = run("rules", "lint", "--rules", str(FIXTURES / "invalid"))
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(lines) == len(list((FIXTURES / "invalid").glob("*.yaml")))
    assert "Traceback" not in err


def test_lint_and_test_pass_on_the_library() -> None:
    code, out, _ = run("rules", "lint")
    assert code == 0, out
    assert "0 error(s)" in out
    code, out, _ = run("rules", "test")
    assert code == 0, out
    assert out.strip().endswith("0 failed")


def test_rules_test_reports_failures_with_location(tmp_path: Path) -> None:
    rule = tmp_path / "weak.yaml"
    rule.write_text(
        "id: troop_buildup.weak\ntitle: Weak rule\ncategory: troop_buildup\nseverity: low\n"
        "description: a rule whose own test fails\nmatch: troops\n"
        'tests:\n  fire: ["Soldiers everywhere."]\n  quiet: ["Nothing."]\n'
    )
    code, out, _ = run("rules", "test", "--rules", str(rule))
    assert code == 1
    assert f"FAIL {rule}:8:" in out and "did not fire" in out


def test_explain_names_fired_rules_and_guards() -> None:
    code, out, _ = run("rules", "explain", "The army denied that troops were massing near the border.")
    assert code == 0
    assert "suppressed guard denial" in out
    code, out, _ = run("rules", "explain", "About 30,000 troops have massed near the border.")
    assert "FIRED troop_buildup.forces_massing" in out
    assert "30000 troops" in out.replace(",", "")


def test_explain_says_why_a_rule_whose_terms_are_present_stayed_quiet() -> None:
    # Both terms of the rule's proximity test, but far apart: the sentence is named with the reason.
    far = ("Troops from the northern garrison, which the minister visited during a long tour of bases "
           "and depots last spring, massed.")
    code, out, _ = run("rules", "explain", "--rule", "troop_buildup.forces_massing", far)
    assert code == 0
    assert "quiet troop_buildup.forces_massing" in out
    flat = " ".join(out.split())  # the console wraps long lines
    assert "no match the sentence has the terms the rule needs, but not within its word distances" in flat
    # Only some of its terms: the rule says so once.
    code, out, _ = run("rules", "explain", "--rule", "troop_buildup.forces_massing", "Troops paraded.")
    assert "no match no sentence has all the terms the rule needs" in " ".join(out.split())


def test_explain_rejects_an_unknown_rule_id_and_suggests_the_nearest() -> None:
    code, _, err = run("rules", "explain", "--rule", "troop_buildup.forces_masing", "Troops massed.")
    assert code == 2
    assert "no such rule: 'troop_buildup.forces_masing'" in err
    assert "did you mean 'troop_buildup.forces_massing'?" in " ".join(err.split())


def test_explain_takes_a_paragraph_longer_than_a_file_name() -> None:
    paragraph = "About 30,000 troops have massed near the border, officials said. " * 5
    code, out, err = run("rules", "explain", paragraph)
    assert code == 0, err
    assert "FIRED troop_buildup.forces_massing" in out


def test_eval_reports_per_category_scores(tmp_path: Path) -> None:
    data = tmp_path / "set.jsonl"
    rows = [
        {"id": "p", "text": "Some 20,000 troops have massed at the border.", "labels": ["troop_buildup"]},
        {"id": "n", "text": "The ministry denied that troops were massing.", "labels": []},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    code, out, _ = run("rules", "eval", str(data), "--format", "json")
    assert code == 0
    scores = json.loads(out)["categories"]["troop_buildup"]
    assert scores == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_eval_names_a_bad_dataset_line(tmp_path: Path) -> None:
    data = tmp_path / "set.jsonl"
    data.write_text('{"id": "x", "text": "a", "labels": "troop_buildup"}\n')
    code, _, err = run("rules", "eval", str(data))
    assert code == 2
    assert f"{data}:1: `labels` must be a list" in err


def test_committed_json_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == rule_json_schema(), "run `tripwire rules schema`"


@pytest.mark.skipif(
    not (SHARED / "acceptance" / "check_seeds.py").exists(), reason="../shared not beside the repo"
)
def test_acceptance_check_on_reference_articles() -> None:
    env = dict(os.environ, TRIPWIRE_CMD=f"{sys.executable} -m streams.cli")
    proc = subprocess.run(
        [sys.executable, str(SHARED / "acceptance" / "check_seeds.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ", 0 failed" in proc.stdout
