"""The Faust app and nothing else: broker, timeouts, guarantees and web port from Settings.

Why a factory instead of a module-level app: CLI flags (`--broker`, `--web-port`) and tests (one app
id per test, two workers in one run) need apps with different settings in one process tree; a
factory keeps that explicit instead of mutating env vars before an import.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import faust
from faust.transport.drivers.aiokafka import Producer as AIOKafkaProducer

from streams.kafka import faust_credentials
from streams.metrics import Metrics
from streams.settings import Settings
from streams.topics import all_topic_names, ensure_topics

__all__ = ["HEADROOM", "TripwireApp", "create_app", "max_request_bytes"]

ACKS = {"all": -1, "1": 1, "0": 0}
HEADROOM = 64 * 1024  # record headers and batch framing on top of the value


def max_request_bytes(settings: Settings) -> int:
    """Large enough to dead-letter an oversized item (truncated to this much) with its headers."""
    return max(2 * settings.max_item_bytes + HEADROOM, 1_048_576)


class IdempotentProducer(AIOKafkaProducer):
    """Faust only enables idempotence inside transactions; production wants it for every send."""

    def _settings_extra(self) -> dict[str, Any]:
        return {**super()._settings_extra(), "enable_idempotence": True, "acks": "all"}


class TripwireApp(faust.App):
    """A Faust app that knows its settings and metrics and creates its topics before consuming."""

    def __init__(self, settings: Settings, metrics: Metrics, **options: Any) -> None:
        super().__init__(settings.app_id, **options)
        self.tripwire_settings = settings
        self.metrics = metrics
        self.extra_topics: list[str] = []
        # Awaited once at start, before the consumer joins the group (the live-rules replay).
        self.startup_hooks: list[Callable[[], Awaitable[None]]] = []

    def declare_categories(self, categories: Iterable[str]) -> None:
        """Alert topics to create at start, one per category in the rule set."""
        self.extra_topics = [self.tripwire_settings.alert_topic(c) for c in sorted(set(categories))]

    async def on_first_start(self) -> None:
        self.tripwire_settings.data_dir.mkdir(parents=True, exist_ok=True)
        await super().on_first_start()
        # Before the consumer subscribes and before the first send: Tansu cannot add partitions later.
        await ensure_topics(
            self.tripwire_settings, [*all_topic_names(self.tripwire_settings), *self.extra_topics]
        )
        for hook in self.startup_hooks:
            await hook()

    def _new_producer(self) -> Any:
        if self.tripwire_settings.idempotent:
            return IdempotentProducer(self.transport, loop=self.loop, beacon=self.beacon)
        return super()._new_producer()


def create_app(settings: Settings, metrics: Metrics | None = None) -> TripwireApp:
    """Build the app; agents, views and timers are attached by `streams.service.build_service`."""
    options: dict[str, Any] = {
        "broker": settings.broker_url,
        "store": "memory://",
        "processing_guarantee": "at_least_once",
        "producer_acks": ACKS[settings.acks],
        "producer_max_request_size": max_request_bytes(settings),
        "topic_allow_declare": True,
        "topic_disable_leader": True,
        "topic_partitions": settings.partitions,
        "topic_replication_factor": settings.replication_factor,
        "consumer_auto_offset_reset": "earliest",
        "broker_rebalance_timeout": settings.rebalance_timeout,
        "broker_session_timeout": settings.session_timeout,
        "broker_heartbeat_interval": min(settings.heartbeat_interval, settings.session_timeout / 3),
        "broker_commit_interval": settings.commit_interval,
        "web_port": settings.web_port,
        "web_host": settings.web_host,
        "web_bind": settings.web_host,
        "web_stats_enabled": False,
        "web_graph_enabled": False,
        "web_metrics_enabled": False,
        "datadir": str(settings.data_dir / "{conf.name}-data"),
        "autodiscover": False,
    }
    credentials = faust_credentials(settings)
    if credentials is not None:
        options["broker_credentials"] = credentials
    return TripwireApp(settings, metrics or Metrics(), **options)
