"""Agent `ingest_news`: raw bytes from `news.raw` → clean item on `news.clean`, or a dead letter.

Why raw values: Faust's own deserialiser raises inside the consumer on bad bytes; reading bytes and
decoding here means every record ends in exactly one place (clean or dead-lettered) and the stream
never stops.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import faust

from streams.deadletter import DeadLetters
from streams.decode import Clean, Reason, decode_news
from streams.metrics import Metrics
from streams.topics import Topics

__all__ = ["IngestStage", "register_ingest"]

logger = logging.getLogger(__name__)


class IngestStage:
    """Decode one record and route it; never raises for a record."""

    def __init__(self, topics: Topics, dead: DeadLetters, metrics: Metrics, max_item_bytes: int) -> None:
        self.topics = topics
        self.dead = dead
        self.metrics = metrics
        self.max_item_bytes = max_item_bytes

    async def __call__(self, message: faust.types.Message) -> None:
        self.metrics.items_received.labels(topic=message.topic).inc()
        started = time.perf_counter()
        try:
            value = message.value if isinstance(message.value, bytes | None) else bytes(message.value)
            result = decode_news(value, self.max_item_bytes)
        except Exception as exc:  # a bug in decode: dead-letter the record, keep the stream alive
            logger.exception("ingest failed on %s[%d]@%d", message.topic, message.partition, message.offset)
            await self.dead.send(message, Reason.PROCESSING_ERROR, f"{type(exc).__name__}: {exc}")
            return
        finally:
            self.metrics.stage_seconds.labels(stage="ingest").observe(time.perf_counter() - started)
        if isinstance(result, Clean):
            await self.topics.clean.send(key=result.item.id.encode(), value=result.payload)
        else:
            await self.dead.send(message, result.reason, result.error)


def register_ingest(app: faust.App, topics: Topics, stage: IngestStage) -> faust.types.AgentT[Any]:
    @app.agent(topics.raw, name="ingest_news")
    async def ingest_news(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await stage(event.message)

    return ingest_news
