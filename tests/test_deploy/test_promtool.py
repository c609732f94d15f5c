"""Prometheus config and rules: promtool's own checks, rule unit tests, and a live evaluation.

Why all three: `check` catches syntax, `test rules` proves each alert fires and stays quiet when it
should, and loading the rules into a real server scraping contract-shaped metrics proves they
evaluate without error against the metric types the worker actually exports.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import ALERTS_YML, DEPLOY, PROMETHEUS_DIR, PrometheusStack, load_yaml
from .contract import CONTRACT, SEVERITIES, series_names
from .prom import get_json, require_binary, wait_until
from .promql import metric_names

PROMETHEUS_YML = PROMETHEUS_DIR / "prometheus.yml"
ALERTS_TEST_YML = PROMETHEUS_DIR / "alerts_test.yml"
README = DEPLOY / "README.md"


def promtool(*args: str, cwd: Path = PROMETHEUS_DIR) -> subprocess.CompletedProcess[str]:
    """Run promtool; the result carries stdout and stderr for the assertion message."""
    binary = require_binary("promtool")
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def alert_rules() -> list[dict[str, Any]]:
    """Every alerting rule of alerts.yml."""
    groups = load_yaml(ALERTS_YML)["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def recording_names() -> set[str]:
    """Names of the recording rules of alerts.yml."""
    groups = load_yaml(ALERTS_YML)["groups"]
    return {rule["record"] for group in groups for rule in group["rules"] if "record" in rule}


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown text."""
    anchors = set()
    for line in markdown.splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            slug = re.sub(r"[^\w\- ]", "", match.group(1).lower()).replace(" ", "-")
            anchors.add(slug)
    return anchors


def test_prometheus_config_is_valid() -> None:
    result = promtool("check", "config", PROMETHEUS_YML.name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_prometheus_config_scrapes_the_compose_workers() -> None:
    config = load_yaml(PROMETHEUS_YML)
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    targets = [t for sc in jobs["tripwire"]["static_configs"] for t in sc["targets"]]
    assert targets == ["tripwire-worker-1:6066", "tripwire-worker-2:6066"]
    assert jobs["tripwire"].get("metrics_path", "/metrics") == "/metrics"
    # Relative, so the file works both mounted at /etc/prometheus and from a checkout.
    assert config["rule_files"] == ["alerts.yml"]
    am_targets = config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    assert am_targets == ["alertmanager:9093"]


def test_alert_rules_are_valid() -> None:
    result = promtool("check", "rules", ALERTS_YML.name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_alert_rule_unit_tests_pass() -> None:
    result = promtool("test", "rules", ALERTS_TEST_YML.name)
    assert result.returncode == 0, result.stdout + result.stderr


REQUIRED_ALERTS = {
    "TripwirePipelineStalled",
    "TripwireDeadLetterSurge",
    "TripwireLatencyHigh",
    "TripwireRuleLoadFailures",
    "TripwireCriticalAlertBurst",
    "TripwireConsumerLagHigh",
    "TripwireWorkerDown",
}


def test_required_alerts_exist() -> None:
    assert {rule["alert"] for rule in alert_rules()} >= REQUIRED_ALERTS


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: f"{r['alert']}")
def test_alert_is_labelled_and_documented(rule: dict[str, Any]) -> None:
    labels, annotations = rule.get("labels", {}), rule.get("annotations", {})
    assert labels.get("severity") in SEVERITIES
    assert labels.get("kind") == "service", "Alertmanager routes service alerts by kind=service"
    for key in ("summary", "description", "runbook"):
        assert annotations.get(key), f"{rule['alert']} lacks the {key} annotation"
    assert len(annotations["description"]) > 80, "a description should say what to check first"
    path, _, anchor = annotations["runbook"].partition("#")
    assert path == "deploy/README.md"
    assert anchor in github_anchors(README.read_text(encoding="utf-8")), f"README has no #{anchor} heading"


@pytest.mark.parametrize("name", sorted({r["alert"] for r in alert_rules()}))
def test_every_alert_has_a_firing_and_a_quiet_test(name: str) -> None:
    tests = load_yaml(ALERTS_TEST_YML)["tests"]
    cases = [case for test in tests for case in test.get("alert_rule_test", []) if case["alertname"] == name]
    assert any(case.get("exp_alerts") for case in cases), f"no test where {name} fires"
    assert any(not case.get("exp_alerts") for case in cases), f"no test where {name} stays quiet"


def test_rules_use_only_contract_metrics() -> None:
    allowed = {"up"} | recording_names()
    for spec in CONTRACT:
        allowed |= series_names(spec)
    groups = load_yaml(ALERTS_YML)["groups"]
    for rule in (r for g in groups for r in g["rules"]):
        unknown = metric_names(rule["expr"]) - allowed
        assert not unknown, f"{rule.get('alert') or rule.get('record')} uses non-contract metrics {unknown}"


def test_rules_evaluate_in_a_real_prometheus(scraped_stack: PrometheusStack) -> None:
    """Every rule has been evaluated at least once against contract-shaped data, without error."""

    def rules() -> list[dict[str, Any]]:
        data = get_json(f"{scraped_stack.url}/api/v1/rules")["data"]
        return [rule for group in data["groups"] for rule in group["rules"]]

    def all_evaluated() -> bool:
        found = rules()
        return bool(found) and all(not r["lastEvaluation"].startswith("0001-") for r in found)

    assert wait_until(all_evaluated, timeout=20), "rules were not evaluated within 20 s"
    loaded = rules()
    assert len(loaded) == sum(len(g["rules"]) for g in load_yaml(ALERTS_YML)["groups"])
    broken = {r["name"]: r.get("lastError") for r in loaded if r["health"] != "ok"}
    assert not broken
