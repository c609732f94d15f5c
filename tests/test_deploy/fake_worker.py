"""A stand-in for a worker's /metrics: every contract metric, with every bounded label value, moving.

Why: the dashboard and alert rules are checked against a real Prometheus that scrapes *something*
shaped exactly like the contract, without Kafka or Faust. Counters grow and histograms observe on
a short timer so rate(), increase() and histogram_quantile() all have data after a few scrapes.
The end-to-end test replaces this with a real worker; the queries must then answer the same way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from .contract import CATEGORIES, DEADLETTER_REASONS, RULE_STATUSES, SEVERITIES, STAGES
from .prom import free_port

__all__ = ["PLACES", "TOPICS", "build_registry", "start_fake_worker"]

PLACES = ("UA", "RU", "TW", "CN", "IL", "other")
TOPICS = ("news.raw", "news.clean", "signals")
TICK_SECONDS = 0.2


class FakeWorkerMetrics:
    """The contract's metric families on a private registry, plus one step of fake activity."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.received = Counter("tripwire_items_received_total", "items read", ["topic"], registry=r)
        self.processed = Counter("tripwire_items_processed_total", "items processed", registry=r)
        self.deadlettered = Counter(
            "tripwire_items_deadlettered_total", "items dead-lettered", ["reason"], registry=r
        )
        self.signals = Counter(
            "tripwire_signals_total", "rule hits", ["rule", "category", "severity"], registry=r
        )
        self.alerts = Counter(
            "tripwire_alerts_total", "alerts", ["rule", "category", "severity", "status"], registry=r
        )
        self.suppressed = Counter(
            "tripwire_alerts_suppressed_total", "suppressed", ["rule", "category"], registry=r
        )
        self.stage = Histogram(
            "tripwire_stage_seconds",
            "stage time",
            ["stage"],
            registry=r,
            buckets=(0.001, 0.01, 0.1, 1.0, 5.0),
        )
        self.latency = Histogram(
            "tripwire_alert_latency_seconds",
            "published to alert",
            ["category"],
            registry=r,
            buckets=(1, 5, 15, 60, 300, 900, 3600),
        )
        self.rules_loaded = Gauge("tripwire_rules_loaded", "rules", ["status"], registry=r)
        self.rule_load_errors = Counter("tripwire_rule_load_errors_total", "load errors", registry=r)
        self.ruleset_info = Gauge("tripwire_ruleset_info", "rule set", ["version"], registry=r)
        self.escalation = Gauge("tripwire_escalation_index", "index", ["place"], registry=r)
        self.lag = Gauge("tripwire_consumer_lag", "lag", ["topic", "partition"], registry=r)
        self.last_processed = Gauge("tripwire_last_processed_timestamp_seconds", "last processed", registry=r)
        for status, count in zip(RULE_STATUSES, (40, 3, 2), strict=True):
            self.rules_loaded.labels(status=status).set(count)
        self.ruleset_info.labels(version="fake-2024.06.1").set(1)
        self.ticks = 0

    def tick(self) -> None:
        """One step of activity touching every label value of the contract."""
        self.ticks += 1
        t = self.ticks
        for topic in TOPICS:
            self.received.labels(topic=topic).inc(10)
        self.processed.inc(9)
        for reason in DEADLETTER_REASONS:
            self.deadlettered.labels(reason=reason).inc(0.2)
        for index, category in enumerate(CATEGORIES):
            severity = SEVERITIES[index % len(SEVERITIES)]
            rule = f"{category}.fake_rule"
            self.signals.labels(rule=rule, category=category, severity=severity).inc(2)
            self.alerts.labels(rule=rule, category=category, severity=severity, status="firing").inc()
            self.alerts.labels(rule=rule, category=category, severity=severity, status="resolved").inc(0.5)
            self.suppressed.labels(rule=rule, category=category).inc()
            self.latency.labels(category=category).observe(30 + (t % 7) * 40)
        for stage_index, stage in enumerate(STAGES):
            self.stage.labels(stage=stage).observe(0.002 * (stage_index + 1) + (t % 5) * 0.001)
        if t % 10 == 0:
            self.rule_load_errors.inc()
        for index, place in enumerate(PLACES):
            self.escalation.labels(place=place).set(index * 1.5 + (t % 3))
        for topic in TOPICS:
            for partition in range(2):
                self.lag.labels(topic=topic, partition=str(partition)).set((t * 3 + partition) % 50)
        self.last_processed.set(time.time())


def build_registry() -> FakeWorkerMetrics:
    """Fresh fake metrics with one tick applied, so every series exists from the first scrape."""
    metrics = FakeWorkerMetrics()
    metrics.tick()
    return metrics


def start_fake_worker() -> tuple[str, Callable[[], None]]:
    """Serve fake metrics on 127.0.0.1; return (``host:port`` scrape target, stop)."""
    metrics = build_registry()
    port = free_port()
    server, thread = start_http_server(port, addr="127.0.0.1", registry=metrics.registry)
    done = threading.Event()

    def run() -> None:
        while not done.wait(TICK_SECONDS):
            metrics.tick()

    ticker = threading.Thread(target=run, name="fake-worker-ticker", daemon=True)
    ticker.start()

    def stop() -> None:
        done.set()
        ticker.join(timeout=5)
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"127.0.0.1:{port}", stop
