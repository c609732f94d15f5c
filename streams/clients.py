"""Plain aiokafka clients for the CLI: publish records to `news.raw`, read alerts and dead letters.

Why not Faust here: these are short-lived tools; a bare producer/consumer starts in milliseconds and
has no consumer group to leave behind.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import suppress

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.app import max_request_bytes
from streams.errors import BrokerError
from streams.kafka import client_options
from streams.publishing import Record
from streams.settings import Settings

__all__ = ["consume", "publish_records"]

CONNECT_TIMEOUT = 15.0


async def _start(client: AIOKafkaProducer | AIOKafkaConsumer, settings: Settings) -> None:
    try:
        await asyncio.wait_for(client.start(), CONNECT_TIMEOUT)
    except (KafkaError, TimeoutError, OSError) as exc:
        with suppress(Exception):
            await client.stop()
        raise BrokerError(
            f"cannot connect to Kafka at {settings.broker}: {exc or type(exc).__name__}"
        ) from exc


async def publish_records(
    settings: Settings,
    records: Iterable[Record],
    topic: str | None = None,
    on_sent: Callable[[Record], None] | None = None,
) -> int:
    """Send records in order and wait until the broker acknowledged all of them."""
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks=settings.acks if settings.acks == "all" else int(settings.acks),
        enable_idempotence=settings.idempotent,
        linger_ms=5,
        max_request_size=max_request_bytes(settings),
    )
    await _start(producer, settings)
    sent = 0
    try:
        pending = []
        for record in records:
            pending.append(await producer.send(topic or settings.input_topic, record.value, key=record.key))
            sent += 1
            if on_sent is not None:
                on_sent(record)
            if len(pending) >= 500:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    except KafkaError as exc:
        raise BrokerError(f"publishing to {settings.broker} failed: {exc}") from exc
    finally:
        await producer.stop()
    return sent


async def consume(
    settings: Settings,
    topics: list[str],
    from_beginning: bool,
    timeout: float | None = None,
    idle_timeout: float | None = None,
) -> AsyncIterator[tuple[str, bytes | None, list[tuple[str, bytes]]]]:
    """Yield (topic, value, headers) without a consumer group; stop after timeout (overall) if given."""
    consumer = AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        metadata_max_age_ms=2000,
    )
    await _start(consumer, settings)
    deadline = None if timeout is None else time.monotonic() + timeout
    last = time.monotonic()
    try:
        while True:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                return
            if idle_timeout is not None and now - last >= idle_timeout:
                return
            wait = 0.5 if deadline is None else max(min(0.5, deadline - now), 0.01)
            batches = await consumer.getmany(timeout_ms=int(wait * 1000))
            for messages in batches.values():
                for m in messages:
                    last = time.monotonic()
                    yield m.topic, m.value, list(m.headers or ())
    finally:
        await consumer.stop()
