from __future__ import annotations

from streams.metrics import Metrics

NAMES = {
    "tripwire_items_received_total",
    "tripwire_items_processed_total",
    "tripwire_items_deadlettered_total",
    "tripwire_signals_total",
    "tripwire_alerts_total",
    "tripwire_alerts_suppressed_total",
    "tripwire_stage_seconds",
    "tripwire_alert_latency_seconds",
    "tripwire_rules_loaded",
    "tripwire_rule_load_errors_total",
    "tripwire_ruleset_info",
    "tripwire_escalation_index",
    "tripwire_consumer_lag",
    "tripwire_last_processed_timestamp_seconds",
}


def test_every_metric_declared_once_per_registry() -> None:
    first, second = Metrics(), Metrics()  # two apps in one process must not collide
    text = first.render().decode()
    declared = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}
    assert {n.removesuffix("_total") for n in NAMES} <= {d.removesuffix("_total") for d in declared}
    assert second.registry is not first.registry


def test_stage_histogram_is_in_seconds() -> None:
    m = Metrics()
    m.stage_seconds.labels(stage="detect").observe(0.0004)
    assert (
        m.registry.get_sample_value("tripwire_stage_seconds_bucket", {"stage": "detect", "le": "0.0005"}) == 1
    )
