"""Dead letters: a bad record goes to `news.deadletter` with its original bytes and why it failed.

Why original bytes: an operator must be able to replay or inspect exactly what the producer sent;
re-encoding would hide the very problem (bad UTF-8, broken JSON). The headers carry the reason and
the source coordinates so the record can be traced back to its input offset.
"""

from __future__ import annotations

import logging

import faust

from streams.decode import Reason
from streams.metrics import Metrics

__all__ = ["HEADER_ERROR", "HEADER_REASON", "DeadLetters", "deadletter_headers"]

logger = logging.getLogger(__name__)

HEADER_ERROR = "tripwire.error"
HEADER_REASON = "tripwire.reason"
HEADER_TOPIC = "tripwire.source.topic"
HEADER_PARTITION = "tripwire.source.partition"
HEADER_OFFSET = "tripwire.source.offset"
HEADER_TRUNCATED = "tripwire.truncated"
MAX_ERROR_CHARS = 1000


def deadletter_headers(
    reason: Reason, error: str, topic: str, partition: int, offset: int
) -> list[tuple[str, bytes]]:
    return [
        (HEADER_ERROR, error[:MAX_ERROR_CHARS].encode("utf-8", "replace")),
        (HEADER_REASON, str(reason).encode()),
        (HEADER_TOPIC, topic.encode("utf-8", "replace")),
        (HEADER_PARTITION, str(partition).encode()),
        (HEADER_OFFSET, str(offset).encode()),
    ]


class DeadLetters:
    """Sends rejected records to the dead-letter topic and counts them by reason."""

    def __init__(self, topic: faust.TopicT, metrics: Metrics, max_value_bytes: int) -> None:
        self.topic = topic
        self.metrics = metrics
        self.max_value_bytes = max_value_bytes

    async def send(self, message: faust.types.Message, reason: Reason, error: str) -> None:
        value = message.value if isinstance(message.value, bytes) else b""
        key = message.key if isinstance(message.key, bytes) else None
        headers = deadletter_headers(reason, error, message.topic, message.partition, message.offset)
        if len(value) > self.max_value_bytes:
            # Larger than our producer may send: keep the head, say how big the original was.
            headers.append((HEADER_TRUNCATED, str(len(value)).encode()))
            value = value[: self.max_value_bytes]
        log = logger.error if reason is Reason.PROCESSING_ERROR else logger.info
        log("dead-letter %s[%d]@%d %s: %s", message.topic, message.partition, message.offset, reason, error)
        await self.topic.send(key=key, value=value, headers=headers)
        self.metrics.items_deadlettered.labels(reason=str(reason)).inc()
