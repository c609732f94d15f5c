"""Tripwire alerts reach a real Alertmanager through its v2 API, are re-sent, and resolve."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from test_deploy.prom import get_json, wait_until

from schemas.alert import Alert, AlertStatus
from schemas.signal import Evidence, Severity
from streams.alertmanager import ALERTNAME, AlertmanagerSink, to_alertmanager


def _alert(alert_id: str = "a1", status: AlertStatus = AlertStatus.FIRING, version: int = 1) -> Alert:
    now = datetime.now(UTC)
    return Alert(
        alert_id=alert_id,
        rule_id="troop_buildup.forces_massing",
        category="troop_buildup",
        severity=Severity.HIGH,
        item_id="item-1",
        source="wire-a",
        title="Troops mass at the frontier",
        published_at=now - timedelta(minutes=5),
        detected_at=now,
        evidence=[Evidence(text="About 40,000 troops have amassed near the border.", start=0, end=49)],
        rule_version="sha256:0123456789abcdef",
        place="UA",
        status=status,
        version=version,
        dashboard_url="http://grafana.local/d/tripwire-overview/tripwire?var-category=troop_buildup&var-place=UA",
    )


def test_payload_follows_the_alertmanager_contract() -> None:
    now = datetime.now(UTC)
    firing = to_alertmanager(_alert(), now=now, resend_interval=60)
    assert firing["labels"] == {
        "alertname": ALERTNAME,
        "alert_id": "a1",
        "rule": "troop_buildup.forces_massing",
        "category": "troop_buildup",
        "place": "UA",
        "severity": "high",
    }
    assert datetime.fromisoformat(firing["endsAt"]) > now
    assert firing["annotations"]["description"].startswith("About 40,000 troops")
    resolved = to_alertmanager(_alert(status=AlertStatus.RESOLVED), now=now, resend_interval=60)
    assert datetime.fromisoformat(resolved["endsAt"]) < now


def test_sink_keeps_the_latest_version_and_forgets_resolved_after_sending() -> None:
    sink = AlertmanagerSink("http://127.0.0.1:1")
    sink.observe(_alert(version=2))
    sink.observe(_alert(version=1))
    assert sink.active["a1"].version == 2
    sink.observe(_alert(status=AlertStatus.RESOLVED, version=3))
    assert "a1" not in sink.active and "a1" in sink.pending_resolved


def test_unreachable_alertmanager_is_logged_not_raised() -> None:
    sink = AlertmanagerSink("http://127.0.0.1:1", timeout=1)
    sink.observe(_alert())

    async def push() -> bool:
        async with aiohttp.ClientSession() as session:
            return await sink.flush(session)

    assert asyncio.run(push()) is False
    assert sink.failures == 1 and sink.active  # kept for the next attempt


def _tripwire_alerts(url: str) -> list[dict[str, object]]:
    alerts = get_json(f"{url}/api/v2/alerts?filter=alertname%3D%22{ALERTNAME}%22")
    return [a for a in alerts if a["labels"]["alertname"] == ALERTNAME]


@pytest.mark.integration
def test_alerts_arrive_in_a_real_alertmanager_and_resolve(alertmanager_url: str) -> None:
    alertmanager = alertmanager_url
    sink = AlertmanagerSink(alertmanager, resend_interval=30)
    sink.observe(_alert("live-1"))
    sink.observe(_alert("live-2"))

    async def push() -> bool:
        async with aiohttp.ClientSession() as session:
            return await sink.flush(session)

    assert asyncio.run(push()) is True
    assert wait_until(
        lambda: {a["labels"]["alert_id"] for a in _tripwire_alerts(alertmanager)} >= {"live-1", "live-2"}, 10
    )
    (first,) = [a for a in _tripwire_alerts(alertmanager) if a["labels"]["alert_id"] == "live-1"]
    assert first["status"]["state"] == "active"
    assert first["labels"]["severity"] == "high" and first["labels"]["category"] == "troop_buildup"
    assert first["annotations"]["dashboard"].endswith("var-place=UA")
    # Re-sending is idempotent for Alertmanager: still two alerts.
    assert asyncio.run(push()) is True
    assert len(_tripwire_alerts(alertmanager)) == 2
    # De-escalation: the resolved update ends the alert (endsAt in the past).
    sink.observe(_alert("live-1", status=AlertStatus.RESOLVED, version=2))
    assert asyncio.run(push()) is True

    def resolved() -> bool:
        remaining = {a["labels"]["alert_id"] for a in _tripwire_alerts(alertmanager)}
        return "live-1" not in remaining and "live-2" in remaining

    assert wait_until(resolved, 10)
