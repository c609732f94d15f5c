"""Consumer lag per input partition (highwater - position), refreshed by a Faust timer.

Why position and not committed: the position is what this worker will read next, so highwater -
position is the backlog it still has to process; it is public API on Faust's consumer.
"""

from __future__ import annotations

import logging

import faust

from streams.metrics import Metrics

__all__ = ["register_lag_timer", "update_lag"]

logger = logging.getLogger(__name__)


async def update_lag(app: faust.App, metrics: Metrics, topics: frozenset[str]) -> None:
    consumer = app.consumer
    for tp in consumer.assignment():
        if tp.topic not in topics:
            continue
        try:
            highwater = consumer.highwater(tp)
            position = await consumer.position(tp)
        except Exception as exc:  # metrics must never take the worker down
            logger.debug("lag unavailable for %s: %s", tp, exc)
            continue
        if highwater is None or position is None:
            continue
        metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(
            max(highwater - position, 0)
        )


def register_lag_timer(app: faust.App, metrics: Metrics, topics: frozenset[str], interval: float) -> None:
    @app.timer(interval, name="consumer_lag")  # type: ignore[untyped-decorator]  # faust is untyped here
    async def consumer_lag() -> None:
        await update_lag(app, metrics, topics)
