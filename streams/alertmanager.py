"""Optional sink: push Tripwire alerts to Prometheus Alertmanager's `/api/v2/alerts`.

Why Alertmanager and not our own integrations: it already does grouping, silences, inhibition and
Slack/e-mail/PagerDuty routing. Its contract shapes this module: clients re-send every active alert
periodically (an alert whose `endsAt` passes without a re-send resolves by itself), and resolve an
alert by sending it once more with an `endsAt` in the past. Resolution follows Tripwire's
de-escalation: a `resolved` alert from correlate ends the Alertmanager alert of the same `alert_id`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp

from schemas.alert import Alert, AlertStatus

log = logging.getLogger(__name__)

ALERTNAME = "TripwireEscalation"


def to_alertmanager(alert: Alert, *, now: datetime, resend_interval: float) -> dict[str, Any]:
    """One Alertmanager v2 alert: labels identify it (bounded values only), annotations explain it."""
    starts = alert.published_at or alert.detected_at
    if alert.status is AlertStatus.RESOLVED:
        ends = now - timedelta(seconds=1)
    else:
        # Three missed re-sends before Alertmanager would resolve it on its own.
        ends = now + timedelta(seconds=3 * resend_interval)
    evidence = alert.evidence[0].text if alert.evidence else ""
    annotations = {
        "summary": alert.title[:300],
        "description": evidence[:1000],
        "alert_id": alert.alert_id,
        "rule_version": alert.rule_version,
        "item_id": alert.item_id,
        "sources": ", ".join(alert.corroboration.sources[:20]),
    }
    if alert.dashboard_url:
        annotations["dashboard"] = alert.dashboard_url
    return {
        "labels": {
            "alertname": ALERTNAME,
            "alert_id": alert.alert_id,
            "rule": alert.rule_id,
            "category": alert.category,
            "place": alert.place,
            "severity": alert.severity.value,
        },
        "annotations": annotations,
        "startsAt": starts.astimezone(UTC).isoformat(),
        "endsAt": ends.astimezone(UTC).isoformat(),
        "generatorURL": alert.dashboard_url or alert.url or "",
    }


@dataclass
class AlertmanagerSink:
    """Remembers the latest version of each alert and pushes the active set on every flush."""

    url: str
    resend_interval: float = 60.0
    timeout: float = 5.0
    active: dict[str, Alert] = field(default_factory=dict)
    pending_resolved: dict[str, Alert] = field(default_factory=dict)
    sent: int = 0
    failures: int = 0

    @property
    def endpoint(self) -> str:
        return self.url.rstrip("/") + "/api/v2/alerts"

    def observe(self, alert: Alert) -> None:
        """Record an alert as it leaves correlate; resolved ones are sent once more, then forgotten."""
        if alert.status is AlertStatus.RESOLVED:
            self.active.pop(alert.alert_id, None)
            self.pending_resolved[alert.alert_id] = alert
            return
        current = self.active.get(alert.alert_id)
        if current is None or alert.version >= current.version:
            self.active[alert.alert_id] = alert

    def payload(self, now: datetime | None = None) -> list[dict[str, Any]]:
        moment = now or datetime.now(UTC)
        alerts = [*self.active.values(), *self.pending_resolved.values()]
        return [to_alertmanager(a, now=moment, resend_interval=self.resend_interval) for a in alerts]

    async def flush(self, session: aiohttp.ClientSession, now: datetime | None = None) -> bool:
        """POST the active set (and pending resolutions); False, logged, when Alertmanager is away."""
        body = self.payload(now)
        if not body:
            return True
        try:
            async with session.post(
                self.endpoint,
                data=json.dumps(body),
                headers={"Content-Type": "application/json"},
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:
                if response.status >= 300:
                    text = await response.text()
                    raise aiohttp.ClientResponseError(
                        response.request_info, (), status=response.status, message=text[:200]
                    )
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            self.failures += 1
            log.warning("alertmanager push to %s failed (%s); will retry", self.endpoint, exc)
            return False
        self.sent += len(body)
        self.pending_resolved.clear()
        return True
