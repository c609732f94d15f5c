"""Agent `correlate_signals`: signals (keyed by place) → alerts via the emitter; expiry ticks.

Why ticks through the topic: a Faust table may only be written while processing an event of its
partition, so de-escalation (`Correlator.expire`) cannot run in a plain timer. A timer instead sends a
small tick record to each `signals` partition this worker owns; the agent handles it like a signal,
inside the partition, and resolves that partition's quiet alerts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import faust

from schemas.alert import Alert
from schemas.rule import RuleStatus
from schemas.signal import Signal
from streams.deadletter import DeadLetters
from streams.decode import Reason
from streams.emit import AlertEmitter
from streams.engine.alerting import alert_from_signal
from streams.metrics import Metrics
from streams.topics import Topics

__all__ = ["TICK_KEY", "Correlate", "CorrelateStage", "Expire", "register_correlate", "single_alert"]

logger = logging.getLogger(__name__)

TICK_KEY = b"__tripwire.tick__"
Correlate = Callable[[Signal], list[Alert]]
Expire = Callable[[int], list[Alert]]


def single_alert(signal: Signal) -> list[Alert]:
    """No correlation: one alert per (rule, item)."""
    return [alert_from_signal(signal)]


def no_expiry(partition: int) -> list[Alert]:
    return []


class CorrelateStage:
    def __init__(
        self,
        correlate: Correlate,
        emitter: AlertEmitter,
        dead: DeadLetters,
        metrics: Metrics,
        expire: Expire = no_expiry,
    ) -> None:
        self.correlate = correlate
        self.expire = expire
        self.emitter = emitter
        self.dead = dead
        self.metrics = metrics

    async def __call__(self, message: faust.types.Message) -> None:
        if message.key == TICK_KEY:
            await self.tick(message)
            return
        started = time.perf_counter()
        try:
            signal = Signal.model_validate_json(message.value or b"")
            if signal.rule_status != RuleStatus.STABLE:
                return  # a shadow rule (test/experimental): counted by detect, publishes nothing
            alerts = self.correlate(signal)
        except Exception as exc:
            logger.exception(
                "correlate failed on %s[%d]@%d", message.topic, message.partition, message.offset
            )
            await self.dead.send(message, Reason.PROCESSING_ERROR, f"{type(exc).__name__}: {exc}")
            return
        finally:
            self.metrics.stage_seconds.labels(stage="correlate").observe(time.perf_counter() - started)
        if not any(a.rule_id == signal.rule_id for a in alerts):
            # Folded into an existing alert (copy, repeat in the cool-down) or a re-delivery.
            self.metrics.alerts_suppressed.labels(rule=signal.rule_id, category=signal.category).inc()
        for alert in alerts:
            await self.emitter.emit(alert)

    async def tick(self, message: faust.types.Message) -> None:
        try:
            alerts = self.expire(message.partition)
        except Exception:  # expiry must never stop signals from flowing
            logger.exception("expiry failed on %s[%d]@%d", message.topic, message.partition, message.offset)
            return
        for alert in alerts:
            await self.emitter.emit(alert)


def register_correlate(app: faust.App, topics: Topics, stage: CorrelateStage) -> faust.types.AgentT[Any]:
    @app.agent(topics.signals, name="correlate_signals")
    async def correlate_signals(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await stage(event.message)

    return correlate_signals


def register_expiry_timer(app: faust.App, topics: Topics, signals_topic: str, interval: float) -> None:
    """Every `interval` seconds, one tick to each `signals` partition this worker consumes."""

    @app.timer(interval, name="expire_alerts")  # type: ignore[untyped-decorator]  # faust is untyped here
    async def expire_alerts() -> None:
        for tp in sorted(app.consumer.assignment()):
            if tp.topic == signals_topic:
                await topics.signals.send(key=TICK_KEY, value=b"", partition=tp.partition)
