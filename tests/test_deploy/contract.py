"""The worker's metrics and settings contract, as the deploy files rely on it.

Why a copy here instead of importing ``streams.metrics``: these tests check the deploy artefacts
against the *published* contract (DESIGN.md, deploy/README.md), independently of how the worker
implements it today. The end-to-end test can compare a real worker's /metrics with this list.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CATEGORIES",
    "CONTRACT",
    "DEADLETTER_REASONS",
    "ENV_VARS",
    "METRIC_NAMES",
    "SEVERITIES",
    "STAGES",
    "MetricSpec",
    "series_names",
]


@dataclass(frozen=True)
class MetricSpec:
    """One metric family: its Prometheus type and label names."""

    name: str
    kind: str  # counter | gauge | histogram
    labels: tuple[str, ...] = ()


CONTRACT: tuple[MetricSpec, ...] = (
    MetricSpec("tripwire_items_received_total", "counter", ("topic",)),
    MetricSpec("tripwire_items_processed_total", "counter"),
    MetricSpec("tripwire_items_deadlettered_total", "counter", ("reason",)),
    MetricSpec("tripwire_signals_total", "counter", ("rule", "category", "severity")),
    MetricSpec("tripwire_alerts_total", "counter", ("rule", "category", "severity", "status")),
    MetricSpec("tripwire_alerts_suppressed_total", "counter", ("rule", "category")),
    MetricSpec("tripwire_stage_seconds", "histogram", ("stage",)),
    MetricSpec("tripwire_alert_latency_seconds", "histogram", ("category",)),
    MetricSpec("tripwire_rules_loaded", "gauge", ("status",)),
    MetricSpec("tripwire_rule_load_errors_total", "counter"),
    MetricSpec("tripwire_ruleset_info", "gauge", ("version",)),
    MetricSpec("tripwire_escalation_index", "gauge", ("place",)),
    MetricSpec("tripwire_consumer_lag", "gauge", ("topic", "partition")),
    MetricSpec("tripwire_last_processed_timestamp_seconds", "gauge"),
)

METRIC_NAMES: frozenset[str] = frozenset(spec.name for spec in CONTRACT)

CATEGORIES = (
    "troop_buildup",
    "military_exercise",
    "cyberattack",
    "truce_violation",
    "mobilisation",
    "talks_breakdown",
    "embassy_evacuation",
    "airspace_incursion",
    "naval_incident",
    "nuclear_signalling",
    "annexation",
    "escalation_sequence",
)
SEVERITIES = ("info", "low", "medium", "high", "critical")
STAGES = ("ingest", "detect", "correlate", "emit")
DEADLETTER_REASONS = ("invalid_json", "bad_encoding", "schema", "empty", "oversized")
RULE_STATUSES = ("stable", "test", "experimental")

# Environment variables the deploy files may set: the worker's settings (streams/settings.py reads
# TRIPWIRE_<FIELD>; rules_dirs is TRIPWIRE_RULES). A name outside this set is a typo the worker
# would silently ignore.
ENV_VARS: frozenset[str] = frozenset(
    {
        "TRIPWIRE_CONFIG",
        "TRIPWIRE_BROKER",
        "TRIPWIRE_APP_ID",
        "TRIPWIRE_INPUT_TOPIC",
        "TRIPWIRE_CLEAN_TOPIC",
        "TRIPWIRE_SIGNALS_TOPIC",
        "TRIPWIRE_ALERTS_TOPIC",
        "TRIPWIRE_DEADLETTER_TOPIC",
        "TRIPWIRE_PARTITIONS",
        "TRIPWIRE_REPLICATION_FACTOR",
        "TRIPWIRE_IDEMPOTENT",
        "TRIPWIRE_ACKS",
        "TRIPWIRE_SECURITY_PROTOCOL",
        "TRIPWIRE_SASL_MECHANISM",
        "TRIPWIRE_SASL_USERNAME",
        "TRIPWIRE_SASL_PASSWORD",
        "TRIPWIRE_SSL_CAFILE",
        "TRIPWIRE_WEB_PORT",
        "TRIPWIRE_WEB_HOST",
        "TRIPWIRE_RULES",
        "TRIPWIRE_LOCAL_RULES",
        "TRIPWIRE_MAX_ITEM_BYTES",
        "TRIPWIRE_ALERTMANAGER_URL",
        "TRIPWIRE_DASHBOARD_URL",
        "TRIPWIRE_DATA_DIR",
    }
)


def series_names(spec: MetricSpec) -> set[str]:
    """The sample names a family may appear under in PromQL (histograms add _bucket/_sum/_count)."""
    if spec.kind == "histogram":
        return {spec.name + suffix for suffix in ("_bucket", "_sum", "_count")}
    return {spec.name}
