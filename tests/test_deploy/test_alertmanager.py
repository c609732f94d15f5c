"""Alertmanager sample config: it validates, routes by severity and kind, and inhibits as documented.

Routing is checked with `amtool config routes test` (offline, the real routing code); inhibition
needs a running Alertmanager, so one is started on loopback and fed alerts over its API.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import DEPLOY
from .prom import get_json, post_json, require_binary, start_alertmanager, wait_until

ALERTMANAGER_YML = DEPLOY / "alertmanager" / "alertmanager.yml"


def amtool(*args: str) -> subprocess.CompletedProcess[str]:
    """Run amtool; the result carries its output for assertion messages."""
    binary = require_binary("amtool")
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=60, check=False)


def test_config_is_valid() -> None:
    result = amtool("check-config", str(ALERTMANAGER_YML))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("labels", "receiver"),
    [
        ({"severity": "critical", "category": "troop_buildup", "place": "UA"}, "pager"),
        ({"severity": "high", "category": "troop_buildup", "place": "UA"}, "chat"),
        ({"severity": "info", "category": "military_exercise", "place": "TW"}, "chat"),
        ({"severity": "critical", "kind": "service", "alertname": "TripwireWorkerDown"}, "pager"),
        ({"severity": "medium", "kind": "service", "alertname": "TripwireConsumerLagHigh"}, "chat"),
    ],
    ids=["critical-news", "high-news", "info-news", "critical-service", "medium-service"],
)
def test_routing(labels: dict[str, str], receiver: str) -> None:
    result = amtool(
        "config",
        "routes",
        "test",
        f"--config.file={ALERTMANAGER_YML}",
        f"--verify.receivers={receiver}",
        *(f"{k}={v}" for k, v in labels.items()),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def alertmanager() -> Iterator[str]:
    """A running Alertmanager with the sample config (receivers point at a discard address)."""
    url, stop = start_alertmanager(ALERTMANAGER_YML)
    try:
        yield url
    finally:
        stop()


def news_alert(rule: str, severity: str, category: str, place: str) -> dict[str, Any]:
    """An alert as a worker posts it (TRIPWIRE_ALERTMANAGER_URL)."""
    return {
        "labels": {
            "alertname": "TripwireEscalation",
            "rule": rule,
            "severity": severity,
            "category": category,
            "place": place,
        },
        "annotations": {"summary": f"{rule} in {place}"},
    }


def service_alert(name: str, severity: str, *, job: str) -> dict[str, Any]:
    """An alert as Prometheus sends it from deploy/prometheus/alerts.yml."""
    return {"labels": {"alertname": name, "severity": severity, "kind": "service", "job": job}}


def alert_key(alert: dict[str, Any]) -> tuple[str, str]:
    """(rule or alertname, place) identifies each test alert."""
    labels = alert["labels"]
    return labels.get("rule", labels["alertname"]), labels.get("place", "")


def test_critical_inhibits_high_and_medium_for_the_same_category_and_place(alertmanager: str) -> None:
    alerts = [
        news_alert("troop_buildup.massing", "critical", "troop_buildup", "UA"),
        news_alert("troop_buildup.deployment", "high", "troop_buildup", "UA"),
        news_alert("troop_buildup.convoy", "medium", "troop_buildup", "UA"),
        news_alert("troop_buildup.info", "low", "troop_buildup", "UA"),
        news_alert("troop_buildup.deployment", "high", "troop_buildup", "RU"),
        news_alert("cyberattack.ddos", "high", "cyberattack", "UA"),
        # Service alerts have no category/place: a critical one must not mute them all.
        service_alert("TripwireWorkerDown", "critical", job="a"),
        service_alert("TripwireDeadLetterSurge", "high", job="b"),
        # ...but a down worker mutes the lag it causes.
        service_alert("TripwireConsumerLagHigh", "medium", job="a"),
    ]
    assert post_json(f"{alertmanager}/api/v2/alerts", alerts) == 200

    def states() -> dict[tuple[str, str], str]:
        found = get_json(f"{alertmanager}/api/v2/alerts")
        return {alert_key(a): a["status"]["state"] for a in found}

    assert wait_until(lambda: len(states()) == len(alerts), timeout=10)
    # Inhibition is computed as alerts arrive; poll until the muted ones settle.
    expected = {
        ("troop_buildup.massing", "UA"): "active",
        ("troop_buildup.deployment", "UA"): "suppressed",
        ("troop_buildup.convoy", "UA"): "suppressed",
        ("troop_buildup.info", "UA"): "active",
        ("troop_buildup.deployment", "RU"): "active",
        ("cyberattack.ddos", "UA"): "active",
        ("TripwireWorkerDown", ""): "active",
        ("TripwireDeadLetterSurge", ""): "active",
        ("TripwireConsumerLagHigh", ""): "suppressed",
    }
    wait_until(lambda: states() == expected, timeout=10)
    assert states() == expected
