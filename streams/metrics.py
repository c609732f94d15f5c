"""Every Prometheus metric the service exports, declared once, on a registry the app owns.

Why a class and not module globals: tests and the benchmark build several apps in one process; a
registry per app keeps their counters apart and avoids "Duplicated timeseries" on re-import.
Units are seconds (the Faust sensor records milliseconds into second buckets; we do not).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["STAGES", "Metrics"]

STAGES = ("ingest", "detect", "correlate", "emit")
_STAGE_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0)
# Alert latency runs from an article's published_at to the alert: minutes for live feeds, days for
# backfills, so the buckets reach a week.
_LATENCY_BUCKETS = (1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400)


class Metrics:
    """The service's metric families; label values stay bounded (rule ids, categories, reasons)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry(auto_describe=True)
        r = self.registry
        self.items_received = Counter(
            "tripwire_items_received_total", "Records read from an input topic", ["topic"], registry=r
        )
        self.items_processed = Counter(
            "tripwire_items_processed_total", "News items that passed detection", registry=r
        )
        self.items_deadlettered = Counter(
            "tripwire_items_deadlettered_total",
            "Records sent to the dead-letter topic",
            ["reason"],
            registry=r,
        )
        self.signals = Counter(
            "tripwire_signals_total", "Rule hits", ["rule", "category", "severity"], registry=r
        )
        self.alerts = Counter(
            "tripwire_alerts_total", "Alerts emitted", ["rule", "category", "severity", "status"], registry=r
        )
        self.alerts_suppressed = Counter(
            "tripwire_alerts_suppressed_total",
            "Signals folded into an existing alert instead of alerting again",
            ["rule", "category"],
            registry=r,
        )
        self.stage_seconds = Histogram(
            "tripwire_stage_seconds",
            "Time spent per record in each stage",
            ["stage"],
            buckets=_STAGE_BUCKETS,
            registry=r,
        )
        self.alert_latency = Histogram(
            "tripwire_alert_latency_seconds",
            "From the article's published_at to the alert being emitted",
            ["category"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.rules_loaded = Gauge("tripwire_rules_loaded", "Rules loaded, by status", ["status"], registry=r)
        self.rule_load_errors = Counter(
            "tripwire_rule_load_errors_total", "Rule files that failed to load", registry=r
        )
        self.ruleset_info = Gauge(
            "tripwire_ruleset_info", "The rule set in use (value is always 1)", ["version"], registry=r
        )
        self.escalation_index = Gauge(
            "tripwire_escalation_index", "Current escalation index per place", ["place"], registry=r
        )
        self.consumer_lag = Gauge(
            "tripwire_consumer_lag", "Highwater minus committed offset", ["topic", "partition"], registry=r
        )
        self.last_processed = Gauge(
            "tripwire_last_processed_timestamp_seconds",
            "Wall-clock time of the last processed record",
            registry=r,
        )
        for stage in STAGES:
            self.stage_seconds.labels(stage=stage)

    def render(self) -> bytes:
        """The Prometheus text exposition of this registry."""
        return generate_latest(self.registry)
