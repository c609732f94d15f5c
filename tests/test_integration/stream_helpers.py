"""Shared material for the real-broker tests: a news corpus, bad records, topic readers, expectations.

Why expectations come from the in-process Detector: the stream must alert on exactly what the engine
finds in the same items, so the test asks the engine (not a hand-kept list) what to expect.
"""

from __future__ import annotations

import asyncio
import functools
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from schemas.alert import Alert
from schemas.news import NewsItem
from streams.clients import publish_records
from streams.kafka import client_options
from streams.publishing import Record, validated_records
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[2]
FIRE = [
    "An assessment describes the deployment of more than 150,000 troops toward the {adj} border.",
    "Roughly 90,000 soldiers have been amassed near {place}, according to a defence official.",
    "The defence ministry has deployed an additional 12,000 soldiers to {place}.",
    "Officials said ministry websites in {place} were hit by a cyberattack that replaced their front pages.",
    "A ransomware attack crippled the port authority's booking systems in {place} on Thursday.",
    "The navy opened three days of live-fire drills in waters east of {place} on Monday.",
    "Moscow launched snap drills involving 7,000 troops near {place}, the ministry said.",
    "Both armies accused each other of violating the ceasefire in {place} as shelling continued overnight.",
    "Monitors recorded more than 40 ceasefire violations along the contact line in {place} on Saturday.",
]
QUIET = [
    "The president said a deployment of soldiers to the border of {place} was not being considered.",
    "Experts warned that a cyberattack could disrupt the power grid in {place} if tensions escalate.",
    "Pupils in {place} took part in an earthquake drill at the school on Tuesday.",
    "The ceasefire in {place} has largely held since it took effect on Friday, monitors said.",
]
PLACES = [
    ("Ukraine", "Ukrainian"),
    ("Taiwan", "Taiwanese"),
    ("Armenia", "Armenian"),
    ("Poland", "Polish"),
    ("Georgia", "Georgian"),
    ("Moldova", "Moldovan"),
    ("Lebanon", "Lebanese"),
    ("Serbia", "Serbian"),
]
SOURCES = ["reuters", "ap", "afp", "bbc", "dpa"]

BAD = [  # (bytes, reason)
    (b"{not json", "invalid_json"),
    (b'{"id": "x", "title": "truncated', "invalid_json"),
    (b"\xff\xfe\x00bad", "bad_encoding"),
    (b'{"id": "x", "title": "caf\xe9"}', "bad_encoding"),
    (b'["a", "list"]', "schema"),
    (b'{"title": "no id here"}', "schema"),
    (b'{"id": "x", "title": 5}', "schema"),
    (b'{"id": "x", "title": "", "body": ""}', "empty"),
    (b"   ", "empty"),
]


FILLER = [
    "harbour",
    "grain",
    "tariff",
    "museum",
    "orchestra",
    "vaccine",
    "bridge",
    "election",
    "lottery",
    "glacier",
    "festival",
    "library",
    "railway",
    "bakery",
    "vineyard",
    "stadium",
    "courier",
    "theatre",
    "satellite",
    "pension",
    "archive",
    "marathon",
    "canal",
]
EVENT_SPACING = timedelta(days=45)  # further apart than any window, cool-down or sequence span


def corpus(count: int, seed: int = 7, prefix: str = "n") -> list[NewsItem]:
    """Deterministic articles, three in four firing a rule, each an independent story.

    Why independent: correlation folds copies and repeats into earlier alerts, which would make the
    expected alerts depend on arrival order. Unique filler text keeps items from being near-duplicates,
    and event times 45 days apart keep them out of each other's windows, cool-downs and sequences, so
    every signal the engine finds must surface as (at least) one alert of its own.
    """
    rng = random.Random(seed)
    base = datetime(1960, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(1000))
    items = []
    for i in range(count):
        place, adj = rng.choice(PLACES)
        template = rng.choice(FIRE if i % 4 else QUIET)
        sentence = template.format(place=place, adj=adj)
        filler = " ".join(rng.sample(FILLER, 12))
        items.append(
            NewsItem(
                id=f"{prefix}{i:05d}",
                title=f"Dispatch {prefix}{i}: {filler[:60]}",
                body=f"{sentence} Separately, {filler}.",
                source=rng.choice(SOURCES),
                published_at=base + EVENT_SPACING * i,
                url=f"https://news.example/{prefix}{i}",
            )
        )
    return items


def example_items() -> list[NewsItem]:
    """The bundled examples (examples/news), if the examples helper has written them."""
    folder = REPO / "examples" / "news"
    if not folder.is_dir():
        return []
    out = []
    for entry in validated_records([str(folder)]):
        if isinstance(entry, Record):
            out.append(NewsItem.model_validate_json(entry.value))
    return out


@functools.cache
def detector():  # type: ignore[no-untyped-def]
    """Compiled once per test session (compiling the rule set takes seconds)."""
    try:
        from streams.engine.detector import Detector
    except ImportError as exc:  # the engine is being written in parallel; run once it exists
        pytest.skip(f"detection engine not available yet: {exc}")
    return Detector.load()


def expected_pairs(items: Iterable[NewsItem]) -> set[tuple[str, str]]:
    """(rule_id, item_id) for every signal the engine finds in the items, in process."""
    det = detector()
    return {(s.rule_id, s.item_id) for item in items for s in det.detect(item)}


def covered_pairs(alerts: Iterable[Alert]) -> set[tuple[str, str]]:
    """(rule_id, item_id) covered by alerts, counting items folded into an alert by correlation."""
    return {(a.rule_id, item) for a in alerts for item in {a.item_id, *a.items}}


def item_records(items: Iterable[NewsItem]) -> list[Record]:
    return [Record(i.model_dump_json().encode(), i.id.encode(), i.id) for i in items]


def publish(settings: Settings, records: list[Record]) -> int:
    return asyncio.run(publish_records(settings, records))


@dataclass
class Received:
    value: bytes | None
    headers: dict[str, bytes]


def read_topic(
    settings: Settings, topic: str, expect: int, timeout: float, settle: float = 1.0
) -> list[Received]:
    """Everything on `topic` from the start: returns once `expect` records arrived and nothing new came
    for `settle` seconds (so duplicates and extras are seen too), or at `timeout`."""

    async def run() -> list[Received]:
        consumer = AIOKafkaConsumer(
            topic,
            **client_options(settings),
            group_id=None,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            metadata_max_age_ms=1000,
        )
        await consumer.start()
        out: list[Received] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last = loop.time()
        try:
            while loop.time() < deadline:
                batches = await consumer.getmany(timeout_ms=200)
                for messages in batches.values():
                    for m in messages:
                        out.append(Received(m.value, dict(m.headers or ())))
                        last = loop.time()
                if len(out) >= expect and loop.time() - last >= settle:
                    break
        finally:
            await consumer.stop()
        return out

    return asyncio.run(run())


def alerts_of(records: Iterable[Received]) -> list[Alert]:
    return [Alert.model_validate_json(r.value or b"") for r in records]


def dumps(obj: object) -> bytes:
    return json.dumps(obj).encode()


def hostile_values(count: int, seed: int = 11) -> list[bytes]:
    """Deterministic hostile records: broken bytes and JSON, wrong types, huge and deep values, and
    some valid items among them, so the worker sees the mix a broken producer would send."""
    rng = random.Random(seed)
    makers = [
        lambda i: bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))),
        lambda i: b"{" * rng.randrange(1, 5000),
        lambda i: dumps({"id": i, "title": "troops massed " + "\x00\x07\x1b" * 3, "body": "x"}),
        lambda i: dumps({"id": None, "title": "x"}),
        lambda i: dumps({"id": f"h{i}", "title": rng.choice([None, 5, [], {}, True])}),
        lambda i: f'{{"id": "h{i}", "title": NaN}}'.encode(),
        lambda i: dumps({"id": f"h{i}", "title": "a" * rng.randrange(1, 3000), "body": "b" * 1_200_000}),
        lambda i: dumps({"id": f"h{i}", "title": "x", "nested": json.loads("[" * 300 + "]" * 300)}),
        lambda i: dumps({"id": f"h{i}", "title": "", "body": "   "}),
        lambda i: dumps(
            {"id": f"h{i}", "title": "Ceasefire violated in Ukraine", "published_at": "not a date"}
        ),
        lambda i: dumps(
            {"id": f"h{i}", "title": "The 2,000 troops moved to the border of Poland", "x": [1.5]}
        ),
        lambda i: b'{"id": "h%d", "title": "\\ud800 lone surrogate"}' % i,
        lambda i: dumps(rng.choice([1, "str", None, [1, 2], 3.5])),
        lambda i: b"",
    ]
    return [rng.choice(makers)(i) for i in range(count)]
