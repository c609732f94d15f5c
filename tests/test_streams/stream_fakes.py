"""Plain fakes for the stream stages: topics that record sends, messages, a detector, a signal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas.news import NewsItem
from schemas.signal import Evidence, Quantity, Severity, Signal


def make_signal(**overrides: object) -> Signal:
    fields: dict[str, object] = {
        "signal_id": "s1",
        "rule_id": "troop_buildup.forces_massing",
        "rule_title": "Forces massing",
        "rule_version": "abc",
        "category": "troop_buildup",
        "severity": Severity.HIGH,
        "item_id": "n1",
        "source": "reuters",
        "title": "Troops massed",
        "detected_at": datetime(2026, 1, 1, tzinfo=UTC),
        "evidence": [Evidence(text="Some 40,000 troops were massed.", start=0, end=31)],
        "quantities": [Quantity(value=40000, unit="troops", text="40,000 troops")],
        "places": ["UA", "RU"],
    }
    fields.update(overrides)
    return Signal.model_validate(fields)


@dataclass
class FakeTopic:
    name: str
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, **kwargs: Any) -> None:
        self.sent.append(kwargs)


@dataclass
class FakeMessage:
    value: bytes | None
    key: bytes | None = None
    topic: str = "news.raw"
    partition: int = 1
    offset: int = 42


@dataclass
class FakeTopics:
    raw: FakeTopic = field(default_factory=lambda: FakeTopic("news.raw"))
    clean: FakeTopic = field(default_factory=lambda: FakeTopic("news.clean"))
    signals: FakeTopic = field(default_factory=lambda: FakeTopic("signals"))
    alerts: FakeTopic = field(default_factory=lambda: FakeTopic("alerts"))
    deadletter: FakeTopic = field(default_factory=lambda: FakeTopic("news.deadletter"))
    by_category: dict[str, FakeTopic] = field(default_factory=dict)

    def alert_topic(self, app: Any, settings: Any, category: str) -> FakeTopic:
        return self.by_category.setdefault(category, FakeTopic(f"alerts.{category}"))


class FakeDetector:
    version = "v"
    rule_count = 1

    def __init__(self, signals: list[Signal] | None = None, error: Exception | None = None) -> None:
        self.signals = signals or []
        self.error = error

    def detect(self, item: NewsItem) -> list[Signal]:
        if self.error:
            raise self.error
        return self.signals
