"""Every topic the service reads or writes, in one place, with the partition count it must have.

Why up-front creation: Tansu (and locked-down production clusters) cannot add partitions later, and a
topic auto-created by a first produce gets the broker default, which breaks keyed ordering guarantees.
So all topics, including one `alerts.<category>` per category in the rule set, are created at start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import faust
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

from streams.errors import BrokerError
from streams.kafka import client_options
from streams.settings import Settings

__all__ = ["Topics", "all_topic_names", "ensure_topics"]

TOPIC_EXISTS = 36


def all_topic_names(settings: Settings, categories: Iterable[str] = ()) -> list[str]:
    names = [
        settings.input_topic,
        settings.clean_topic,
        settings.signals_topic,
        settings.alerts_topic,
        settings.deadletter_topic,
    ]
    names += [settings.alert_topic(c) for c in sorted(set(categories))]
    return names


async def ensure_topics(settings: Settings, names: Iterable[str], timeout: float = 15.0) -> None:
    """Create missing topics with the configured partitions; existing ones are left as they are."""
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=int(timeout * 1000))
    try:
        await admin.start()
        wanted = [NewTopic(n, settings.partitions, settings.replication_factor) for n in dict.fromkeys(names)]
        response = await admin.create_topics(wanted, timeout_ms=int(timeout * 1000))
        for name, code, message in _topic_errors(response):
            if code not in (0, TOPIC_EXISTS):
                raise BrokerError(f"cannot create topic {name}: error {code} {message or ''}".rstrip())
    except KafkaError as exc:
        raise BrokerError(f"cannot create topics on {settings.broker}: {exc}") from exc
    finally:
        await admin.close()


def _topic_errors(response: object) -> list[tuple[str, int, str | None]]:
    out: list[tuple[str, int, str | None]] = []
    for entry in getattr(response, "topic_errors", []):
        name, code, *rest = entry
        out.append((name, code, rest[0] if rest else None))
    return out


@dataclass(frozen=True)
class Topics:
    """The Faust topic objects of one app. Values are raw bytes: we decode and encode ourselves."""

    raw: faust.TopicT
    clean: faust.TopicT
    signals: faust.TopicT
    alerts: faust.TopicT
    deadletter: faust.TopicT

    @classmethod
    def declare(cls, app: faust.App, settings: Settings) -> Topics:
        def topic(name: str) -> faust.TopicT:
            return app.topic(
                name,
                key_serializer="raw",
                value_serializer="raw",
                partitions=settings.partitions,
                replicas=settings.replication_factor,
            )

        return cls(
            raw=topic(settings.input_topic),
            clean=topic(settings.clean_topic),
            signals=topic(settings.signals_topic),
            alerts=topic(settings.alerts_topic),
            deadletter=topic(settings.deadletter_topic),
        )

    def alert_topic(self, app: faust.App, settings: Settings, category: str) -> faust.TopicT:
        return app.topic(
            settings.alert_topic(category),
            key_serializer="raw",
            value_serializer="raw",
            partitions=settings.partitions,
            replicas=settings.replication_factor,
        )
