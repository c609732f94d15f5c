"""Emit: one alert to `alerts` and `alerts.<category>`, JSON value, CloudEvents headers.

Why both topics: `alerts` is the firehose for archiving and dashboards; `alerts.<category>` lets a
subscriber take only what it acts on. Both are keyed by category|place, so one place's alerts stay
in order within a partition.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import faust

from schemas.alert import Alert
from streams.cloudevents import alert_headers
from streams.metrics import Metrics
from streams.settings import Settings
from streams.topics import Topics, ensure_topics

__all__ = ["AlertEmitter", "alert_key"]


def alert_key(alert: Alert) -> bytes:
    return f"{alert.category}|{alert.place}".encode()


class AlertEmitter:
    def __init__(self, app: faust.App, topics: Topics, settings: Settings, metrics: Metrics) -> None:
        self.app = app
        self.topics = topics
        self.settings = settings
        self.metrics = metrics
        self._category_topics: dict[str, faust.TopicT] = {}
        # Called with every emitted alert (e.g. the Alertmanager sink); must be quick and not raise.
        self.observers: list[Callable[[Alert], None]] = []

    async def category_topic(self, category: str) -> faust.TopicT:
        topic = self._category_topics.get(category)
        if topic is None:
            name = self.settings.alert_topic(category)
            if name not in getattr(self.app, "extra_topics", ()):
                # A category the rule set did not announce: create it with the right partitions
                # before the first send, rather than let the broker auto-create it.
                await ensure_topics(self.settings, [name])
            topic = self._category_topics[category] = self.topics.alert_topic(
                self.app, self.settings, category
            )
        return topic

    async def emit(self, alert: Alert) -> None:
        started = time.perf_counter()
        if self.settings.dashboard_url and alert.dashboard_url is None:
            alert = alert.model_copy(update={"dashboard_url": self.settings.dashboard_url})
        payload = alert.model_dump_json().encode()
        headers = alert_headers(alert, payload, self.settings.app_id)
        key = alert_key(alert)
        await self.topics.alerts.send(key=key, value=payload, headers=headers)
        await (await self.category_topic(alert.category)).send(key=key, value=payload, headers=headers)
        m = self.metrics
        m.alerts.labels(
            rule=alert.rule_id,
            category=alert.category,
            severity=str(alert.severity),
            status=str(alert.status),
        ).inc()
        if alert.published_at is not None:
            latency = (datetime.now(UTC) - alert.published_at).total_seconds()
            m.alert_latency.labels(category=alert.category).observe(max(latency, 0.0))
        if alert.escalation_index:
            m.escalation_index.labels(place=alert.place).set(alert.escalation_index)
        for observe in self.observers:
            observe(alert)
        m.stage_seconds.labels(stage="emit").observe(time.perf_counter() - started)
