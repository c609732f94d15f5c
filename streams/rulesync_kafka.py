"""The rules topic on Kafka: create it, publish a bundle, read its records (push and workers share it).

Why one partition and the LAST record: a rule set is one value, totally ordered; every worker reads the
whole topic without a consumer group, so each one sees every push. Real Kafka keeps only the latest
record with `cleanup.policy=compact` (requested here); Tansu ignores compaction and keeps every
record, which is fine because readers take the newest valid bundle anyway.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

from streams.errors import BrokerError
from streams.kafka import client_options
from streams.rulesync import RuleBundle
from streams.settings import Settings

__all__ = [
    "BUNDLE_KEY",
    "MAX_BUNDLE_BYTES",
    "ensure_rules_topic",
    "publish_bundle",
    "read_to_end",
    "rules_consumer",
]

BUNDLE_KEY = b"ruleset"  # one key, so a compacted topic keeps exactly the latest bundle
MAX_BUNDLE_BYTES = 8 * 1024 * 1024  # the shipped library is ~200 kB of YAML, gzip makes it ~40 kB
TOPIC_EXISTS = 36
COMPACT = {"cleanup.policy": "compact"}


async def ensure_rules_topic(settings: Settings, timeout: float = 15.0) -> None:
    """Create the rules topic (1 partition, compacted) unless it exists; BrokerError when we cannot."""
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=int(timeout * 1000))
    try:
        await admin.start()
        topic = NewTopic(settings.rules_topic, 1, settings.replication_factor, topic_configs=COMPACT)
        response = await admin.create_topics([topic], timeout_ms=int(timeout * 1000))
        for entry in getattr(response, "topic_errors", []):
            name, code, *rest = entry
            if code not in (0, TOPIC_EXISTS):
                detail = rest[0] if rest and rest[0] else ""
                raise BrokerError(f"cannot create topic {name}: error {code} {detail}".rstrip())
    except KafkaError as exc:
        raise BrokerError(f"cannot create topic {settings.rules_topic} on {settings.broker}: {exc}") from exc
    finally:
        await admin.close()


async def publish_bundle(settings: Settings, bundle: RuleBundle) -> int:
    """Send the bundle (gzip, acks=all); returns its offset on the rules topic."""
    await ensure_rules_topic(settings)
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks="all",
        compression_type="gzip",
        max_request_size=MAX_BUNDLE_BYTES,
    )
    try:
        await producer.start()
        meta = await producer.send_and_wait(
            settings.rules_topic, bundle.model_dump_json().encode(), key=BUNDLE_KEY
        )
        return int(meta.offset)
    except KafkaError as exc:
        raise BrokerError(f"cannot publish to {settings.rules_topic} on {settings.broker}: {exc}") from exc
    finally:
        await producer.stop()


def rules_partition(settings: Settings) -> TopicPartition:
    return TopicPartition(settings.rules_topic, 0)


async def rules_consumer(settings: Settings) -> AIOKafkaConsumer:
    """A started consumer on the rules topic's partition, at its beginning; no group, no commits."""
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=MAX_BUNDLE_BYTES,
        fetch_max_bytes=4 * MAX_BUNDLE_BYTES,
    )
    await consumer.start()
    tp = rules_partition(settings)
    consumer.assign([tp])
    await consumer.seek_to_beginning(tp)
    return consumer


async def read_to_end(
    consumer: AIOKafkaConsumer, settings: Settings, timeout: float = 60.0
) -> Sequence[ConsumerRecord[bytes, bytes]]:
    """Every record from the current position up to the end offset seen now (the startup replay)."""
    tp = rules_partition(settings)
    end = (await consumer.end_offsets([tp]))[tp]
    records: list[ConsumerRecord[bytes, bytes]] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while await consumer.position(tp) < end:
        if loop.time() > deadline:
            raise BrokerError(f"timed out reading {settings.rules_topic} to offset {end}")
        batches = await consumer.getmany(tp, timeout_ms=500)
        records.extend(batches.get(tp, ()))
    return records
