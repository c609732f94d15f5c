"""Errors the streaming service raises on purpose, each carrying where in Kafka it happened.

Why: a worker logs these with topic/partition/offset and keeps going, and the CLI prints them as one
line with exit code 2, so the location travels with the error instead of being pasted into text.
"""

from __future__ import annotations

from schemas.errors import TripwireError

__all__ = ["BrokerError", "ProcessingError", "StreamError"]


class StreamError(TripwireError):
    """Something went wrong with one record; names the record it happened on."""

    def __init__(self, message: str, *, topic: str, partition: int, offset: int) -> None:
        super().__init__(f"{topic}[{partition}]@{offset}: {message}")
        self.message = message
        self.topic = topic
        self.partition = partition
        self.offset = offset


class ProcessingError(StreamError):
    """A bug or unexpected failure while processing a record that decoded fine."""


class BrokerError(TripwireError):
    """The broker cannot be reached, started or asked what we need (one line for the user)."""
