"""The correlation table: the Correlator's state, partitioned like the `signals` topic.

Why a Faust table: each worker holds the state of the partitions it owns, every write is logged to a
changelog topic, and a worker that takes over a partition (after a crash or a rebalance) recovers the
state from that changelog before processing. Writes go to the partition of the event being processed,
so all keys of one place live in the partition its signals are keyed to.
"""

from __future__ import annotations

from typing import Any

import faust
from aiokafka.partitioner import murmur2

from streams.settings import Settings

__all__ = ["correlation_table", "partition_for"]


def correlation_table(app: faust.App, settings: Settings) -> faust.types.TableT[Any, Any]:
    return app.Table(
        "correlation",
        partitions=settings.partitions,
        # JSON both ways: the Correlator stores plain JSON values, and the changelog stays readable.
        schema=faust.Schema(key_type=str, key_serializer="json", value_serializer="json"),
        help="Correlator state (situations, places, sequences, open alerts)",
    )


def partition_for(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner (murmur2) gives a keyed record."""
    return int(murmur2(key) & 0x7FFFFFFF) % partitions
