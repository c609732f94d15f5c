"""(2) An independent client (confluent-kafka, librdkafka) reads `alerts.<category>`: every value is
a valid Alert of that category, keyed by category|place, with CloudEvents 1.0 binary-mode headers."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime

import pytest
from stream_helpers import corpus, detector, item_records, publish

from schemas.alert import Alert
from streams.settings import Settings
from streams.supervise import WorkerProcess

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def test_independent_consumer_reads_category_topics(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess]
) -> None:
    confluent_kafka = pytest.importorskip("confluent_kafka")
    items = corpus(40, seed=3, prefix="c")
    det = detector()
    per_category = Counter(s.category for item in items for s in det.detect(item))
    assert per_category
    settings = make_settings()
    start_worker(settings)
    publish(settings, item_records(items))

    topics = {settings.alert_topic(c): c for c in per_category}
    consumer = confluent_kafka.Consumer(
        {
            "bootstrap.servers": ",".join(settings.bootstrap_servers),
            "group.id": f"{settings.app_id}-independent",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    # Assign partitions directly: a plain reader, no consumer-group rebalance to wait for.
    consumer.assign(
        [
            confluent_kafka.TopicPartition(t, p, confluent_kafka.OFFSET_BEGINNING)
            for t in topics
            for p in range(settings.partitions)
        ]
    )
    seen: Counter[str] = Counter()
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline and any(seen[c] < n for c, n in per_category.items()):
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            category = topics[message.topic()]
            alert = Alert.model_validate_json(message.value())
            assert alert.category == category
            assert message.key() == f"{alert.category}|{alert.place}".encode()
            headers = {k: v.decode() for k, v in message.headers() or []}
            assert headers["ce_specversion"] == "1.0"
            assert headers["ce_id"] == f"{alert.alert_id}:{alert.version}"
            assert headers["ce_source"] == f"/tripwire/{settings.app_id}"
            assert headers["ce_type"] == f"org.tripwire.alert.{alert.status}"
            assert headers["ce_subject"] == f"{alert.category}/{alert.place}"
            assert headers["content-type"] == "application/json"
            datetime.fromisoformat(headers["ce_time"].replace("Z", "+00:00"))
            seen[category] += 1
    finally:
        consumer.close()
    for category, count in per_category.items():
        assert seen[category] >= count, f"{category}: {seen[category]} of {count} alerts"
