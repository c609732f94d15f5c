"""Assemble the pipeline: app + topics + stages + agents + views + timers, from Settings.

Why a separate assembly step: `app.py` only builds the App; here the rule set is compiled once (so a
bad rule stops the worker before it joins the group) and each thin agent gets its stage object,
which unit tests can also drive without Kafka.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import faust

from schemas.alert import Alert
from schemas.errors import RuleErrors
from schemas.signal import Signal
from streams.app import HEADROOM, TripwireApp, create_app, max_request_bytes
from streams.correlate import (
    Correlate,
    CorrelateStage,
    Expire,
    no_expiry,
    register_correlate,
    register_expiry_timer,
)
from streams.deadletter import DeadLetters
from streams.detect import DetectorLike, DetectStage, register_detect
from streams.emit import AlertEmitter
from streams.ingest import IngestStage, register_ingest
from streams.lag import register_lag_timer
from streams.metrics import Metrics
from streams.rulesync_worker import LiveRules, register_rule_sync
from streams.settings import Settings
from streams.tables import correlation_table, partition_for
from streams.topics import Topics
from streams.web import register_views

__all__ = ["Service", "build_service", "load_detector"]


@dataclass(frozen=True)
class Service:
    app: TripwireApp
    topics: Topics
    detector: DetectorLike
    emitter: AlertEmitter
    agents: tuple[faust.types.AgentT[Any], ...]


def load_detector(settings: Settings, metrics: Metrics) -> DetectorLike:
    """Compile the rule set once; record the outcome in metrics either way."""
    from streams.engine.detector import Detector

    try:
        detector: DetectorLike = Detector.load(settings.rules_dirs, settings.local_rules)
    except RuleErrors as exc:
        metrics.rule_load_errors.inc(max(len(exc.errors), 1))
        metrics.rules_loaded.labels(status="error").set(len(exc.errors))
        raise
    from streams.rulesync_worker import announce_ruleset

    announce_ruleset(metrics, detector)
    return detector


def rule_categories(detector: DetectorLike) -> list[str]:
    """Categories the rule set can alert on (for pre-creating `alerts.<category>` topics)."""
    categories = getattr(detector, "categories", None)
    if categories is None:
        rules = getattr(detector, "rules", ())
        categories = [getattr(r, "category", None) for r in rules]
    return sorted({str(c) for c in categories if c})


def table_correlation(
    app: TripwireApp, settings: Settings, detector: DetectorLike, live: LiveRules | None = None
) -> tuple[Correlate, Expire]:
    """The engine's Correlator on a Faust table; expiry limited to one partition's places."""
    from streams.engine.correlation import Correlator
    from streams.engine.correlation_state import OPEN_PREFIX

    table = correlation_table(app, settings)
    ruleset = getattr(detector, "ruleset", None)
    correlator = Correlator(
        table, sequences=getattr(ruleset, "sequences", ()), dashboard_url=settings.dashboard_url
    )
    if live is not None:
        live.correlator = correlator  # a live rule update swaps its sequence rules too

    def correlate(signal: Signal) -> list[Alert]:
        return correlator.process(signal)

    def expire(partition: int) -> list[Alert]:
        keys = [
            k
            for k in correlator.open_keys()
            if partition_for(k[len(OPEN_PREFIX) :].encode(), settings.partitions) == partition
        ]
        return correlator.expire_keys(keys, datetime.now(UTC))

    return correlate, expire


def build_service(
    settings: Settings,
    detector: DetectorLike | None = None,
    correlate: Correlate | None = None,
    metrics: Metrics | None = None,
) -> Service:
    """Wire the pipeline. `correlate` replaces the table-backed Correlator (unit tests)."""
    metrics = metrics or Metrics()
    if detector is None:
        detector = load_detector(settings, metrics)
    app = create_app(settings, metrics)
    app.declare_categories(rule_categories(detector))
    topics = Topics.declare(app, settings)
    dead = DeadLetters(topics.deadletter, metrics, max_request_bytes(settings) - HEADROOM)
    emitter = AlertEmitter(app, topics, settings, metrics)
    expire: Expire = no_expiry
    detect_stage = DetectStage(detector, topics, dead, metrics)
    live = LiveRules(metrics, detect_stage)
    if correlate is None:
        correlate, expire = table_correlation(app, settings, detector, live)
    agents = (
        register_ingest(app, topics, IngestStage(topics, dead, metrics, settings.max_item_bytes)),
        register_detect(app, topics, detect_stage),
        register_correlate(app, topics, CorrelateStage(correlate, emitter, dead, metrics, expire)),
    )
    register_expiry_timer(app, topics, settings.signals_topic, settings.expire_interval)
    register_rule_sync(app, settings, live)
    if settings.alertmanager_url:
        from streams.alertsink import register_alertmanager

        register_alertmanager(app, emitter, settings.alertmanager_url, settings.alertmanager_interval)
    register_views(app, metrics)
    inputs = frozenset({settings.input_topic, settings.clean_topic, settings.signals_topic})
    register_lag_timer(app, metrics, inputs, settings.lag_interval)
    return Service(app=app, topics=topics, detector=detector, emitter=emitter, agents=agents)
