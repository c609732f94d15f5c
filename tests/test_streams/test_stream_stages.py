"""The agents' per-record stages, driven with plain fakes (no broker): routing, dead letters, metrics."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from stream_fakes import FakeDetector, FakeMessage, FakeTopics, make_signal

from schemas.alert import Alert
from schemas.news import NewsItem
from streams.correlate import CorrelateStage, single_alert
from streams.deadletter import DeadLetters
from streams.detect import DetectStage
from streams.emit import AlertEmitter
from streams.ingest import IngestStage
from streams.metrics import Metrics
from streams.settings import load_settings


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def env() -> tuple[FakeTopics, Metrics, DeadLetters]:
    topics, metrics = FakeTopics(), Metrics()
    return topics, metrics, DeadLetters(topics.deadletter, metrics, max_value_bytes=100)  # type: ignore[arg-type]


def test_ingest_routes_clean_items(env: tuple[FakeTopics, Metrics, DeadLetters]) -> None:
    topics, metrics, dead = env
    stage = IngestStage(topics, dead, metrics, 1000)  # type: ignore[arg-type]
    run(stage(FakeMessage(b'{"id": "n1", "title": "Troops massed"}')))  # type: ignore[arg-type]
    assert topics.clean.sent[0]["key"] == b"n1"
    assert NewsItem.model_validate_json(topics.clean.sent[0]["value"]).title == "Troops massed"
    assert sample(metrics, "tripwire_items_received_total", topic="news.raw") == 1


def test_ingest_dead_letters_with_original_bytes_and_source(
    env: tuple[FakeTopics, Metrics, DeadLetters],
) -> None:
    topics, metrics, dead = env
    stage = IngestStage(topics, dead, metrics, 1000)  # type: ignore[arg-type]
    run(stage(FakeMessage(b"\xffnot utf8", key=b"k")))  # type: ignore[arg-type]
    record = topics.deadletter.sent[0]
    assert record["value"] == b"\xffnot utf8" and record["key"] == b"k"
    headers = dict(record["headers"])
    assert headers["tripwire.reason"] == b"bad_encoding"
    assert (
        headers["tripwire.source.topic"],
        headers["tripwire.source.partition"],
        headers["tripwire.source.offset"],
    ) == (b"news.raw", b"1", b"42")
    assert sample(metrics, "tripwire_items_deadlettered_total", reason="bad_encoding") == 1
    assert not topics.clean.sent


def test_oversized_dead_letter_is_truncated_with_a_note(env: tuple[FakeTopics, Metrics, DeadLetters]) -> None:
    topics, metrics, dead = env
    stage = IngestStage(topics, dead, metrics, 50)  # type: ignore[arg-type]
    run(stage(FakeMessage(b"x" * 500)))  # type: ignore[arg-type]
    record = topics.deadletter.sent[0]
    assert len(record["value"]) == 100
    assert dict(record["headers"])["tripwire.truncated"] == b"500"


def test_detect_sends_keyed_signals(env: tuple[FakeTopics, Metrics, DeadLetters]) -> None:
    topics, metrics, dead = env
    stage = DetectStage(FakeDetector([make_signal()]), topics, dead, metrics)  # type: ignore[arg-type]
    item = NewsItem(id="n1", title="t")
    run(stage(FakeMessage(item.model_dump_json().encode(), topic="news.clean")))  # type: ignore[arg-type]
    assert topics.signals.sent[0]["key"] == b"UA"  # keyed by place: the correlator state is per place
    assert sample(metrics, "tripwire_items_processed_total") == 1
    assert (
        sample(
            metrics,
            "tripwire_signals_total",
            rule="troop_buildup.forces_massing",
            category="troop_buildup",
            severity="high",
        )
        == 1
    )


def test_detector_bug_costs_one_item_not_the_worker(env: tuple[FakeTopics, Metrics, DeadLetters]) -> None:
    topics, metrics, dead = env
    stage = DetectStage(FakeDetector(error=RuntimeError("boom")), topics, dead, metrics)  # type: ignore[arg-type]
    run(stage(FakeMessage(b'{"id":"n1","title":"t"}', topic="news.clean")))  # type: ignore[arg-type]
    headers = dict(topics.deadletter.sent[0]["headers"])
    assert headers["tripwire.reason"] == b"processing_error"
    assert b"RuntimeError: boom" in headers["tripwire.error"]


def test_correlate_emits_to_both_alert_topics(env: tuple[FakeTopics, Metrics, DeadLetters]) -> None:
    topics, metrics, dead = env
    settings = load_settings(env={})
    app = type("App", (), {"extra_topics": ["alerts.troop_buildup"]})()
    emitter = AlertEmitter(app, topics, settings, metrics)  # type: ignore[arg-type]
    stage = CorrelateStage(single_alert, emitter, dead, metrics)
    signal = make_signal()
    run(stage(FakeMessage(signal.model_dump_json().encode(), topic="signals")))  # type: ignore[arg-type]
    firehose, category = topics.alerts.sent[0], topics.by_category["troop_buildup"].sent[0]
    assert firehose["value"] == category["value"] and firehose["key"] == b"troop_buildup|UA"
    assert Alert.model_validate_json(firehose["value"]).rule_id == signal.rule_id
    assert dict(firehose["headers"])["ce_type"] == b"org.tripwire.alert.firing"
    assert (
        sample(
            metrics,
            "tripwire_alerts_total",
            rule=signal.rule_id,
            category="troop_buildup",
            severity="high",
            status="firing",
        )
        == 1
    )


def test_suppressed_signals_are_counted(env: tuple[FakeTopics, Metrics, DeadLetters]) -> None:
    topics, metrics, dead = env
    emitter = AlertEmitter(None, topics, load_settings(env={}), metrics)  # type: ignore[arg-type]
    stage = CorrelateStage(lambda s: [], emitter, dead, metrics)
    run(stage(FakeMessage(make_signal().model_dump_json().encode(), topic="signals")))  # type: ignore[arg-type]
    assert not topics.alerts.sent
    assert (
        sample(
            metrics,
            "tripwire_alerts_suppressed_total",
            rule="troop_buildup.forces_massing",
            category="troop_buildup",
        )
        == 1
    )
