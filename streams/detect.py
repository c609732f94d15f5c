"""Agent `detect_signals`: clean item → one Signal per rule hit on `signals`, keyed by place.

Why keyed by place (not category|place): the Correlator's state is per place across categories
(escalation index, sequence rules such as build-up → exercise → cyberattack), so every signal about
one place must reach the same partition, and therefore the same correlate actor and table partition,
in order. Alerts are keyed by category|place on the alert topics.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Protocol

import faust

from schemas.news import NewsItem
from schemas.signal import Signal
from streams.deadletter import DeadLetters
from streams.decode import Reason
from streams.metrics import Metrics
from streams.topics import Topics

__all__ = ["DetectStage", "DetectorLike", "register_detect", "signal_key"]

logger = logging.getLogger(__name__)


class DetectorLike(Protocol):
    """What the stream needs from `streams.engine.detector.Detector`."""

    @property
    def version(self) -> str: ...

    @property
    def rule_count(self) -> int: ...

    def detect(self, item: NewsItem) -> list[Signal]: ...


def signal_key(signal: Signal) -> str:
    return signal.place


class DetectStage:
    def __init__(self, detector: DetectorLike, topics: Topics, dead: DeadLetters, metrics: Metrics) -> None:
        self.detector = detector
        self.topics = topics
        self.dead = dead
        self.metrics = metrics

    async def __call__(self, message: faust.types.Message) -> None:
        started = time.perf_counter()
        try:
            item = NewsItem.model_validate_json(message.value or b"")
            signals = self.detector.detect(item)
            payloads = [(signal_key(s).encode(), s.model_dump_json().encode(), s) for s in signals]
        except Exception as exc:  # a detector bug must cost one item, not the worker
            logger.exception("detect failed on %s[%d]@%d", message.topic, message.partition, message.offset)
            await self.dead.send(message, Reason.PROCESSING_ERROR, f"{type(exc).__name__}: {exc}")
            return
        finally:
            self.metrics.stage_seconds.labels(stage="detect").observe(time.perf_counter() - started)
        for key, value, signal in payloads:
            self.metrics.signals.labels(
                rule=signal.rule_id, category=signal.category, severity=str(signal.severity)
            ).inc()
            await self.topics.signals.send(key=key, value=value)
        self.metrics.items_processed.inc()
        self.metrics.last_processed.set(time.time())


def register_detect(app: faust.App, topics: Topics, stage: DetectStage) -> faust.types.AgentT[Any]:
    @app.agent(topics.clean, name="detect_signals")
    async def detect_signals(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await stage(event.message)

    return detect_signals
