"""Correlation on a real broker: thirty reprints are one alert naming every outlet, sequences of
signals for one place raise one escalation alert, and correlation state survives a worker restart
(recovered from the table's changelog), so a repeat after the restart does not re-alert."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from stream_helpers import alerts_of, item_records, publish, read_topic

from schemas.alert import Alert, AlertStatus
from schemas.news import NewsItem
from streams.settings import Settings
from streams.supervise import WorkerProcess

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "test_engine"))
from stories import reprint

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

RULE = "troop_buildup.forces_massing"


def _reprints(count: int, border: str, start: datetime, prefix: str) -> list[NewsItem]:
    items = []
    for n in range(count):
        title, body = reprint(n, f"{prefix}-outlet-{n}").replace("northern border", border).split("\n\n", 1)
        items.append(
            NewsItem(
                id=f"{prefix}-{n}",
                title=title,
                body=body,
                source=f"{prefix}-outlet-{n}",
                published_at=start + timedelta(minutes=n),
            )
        )
    return items


def _of_rule(alerts: list[Alert], rule: str, place: str) -> list[Alert]:
    return [a for a in alerts if a.rule_id == rule and a.place == place]


def test_reprints_sequences_and_restart_recovery(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess]
) -> None:
    settings = make_settings(expire_interval=2.0)
    worker = start_worker(settings, "first")
    two_days_ago = datetime.now(UTC) - timedelta(days=2)

    # 1. Thirty reprints of one story from thirty outlets: one alert, whose versions raise severity at
    #    the third source and, once the situation goes quiet (event time two days ago), resolve naming
    #    all thirty outlets.
    publish(settings, item_records(_reprints(30, "Latvian border", two_days_ago, "lv")))

    # 2. A buildup, an exercise and a cyberattack for Estonia within 14 days: one sequence alert.
    #    The same three spread over two places (Lithuania and Finland): none.
    def item(item_id: str, text: str, day: int) -> NewsItem:
        title, body = text.split("\n\n", 1)
        return NewsItem(
            id=item_id,
            title=title,
            body=body,
            source=f"src-{item_id}",
            published_at=two_days_ago + timedelta(days=day - 10),
        )

    chain = [
        item(
            "ee-1",
            "Estonia border tension\n\n"
            "About 30,000 troops have massed near the Estonian border, officials in Tallinn said.",
            1,
        ),
        item(
            "ee-2", "Drills in Estonia\n\nThe army began live-fire military drills in Estonia on Monday.", 3
        ),
        item(
            "ee-3",
            "Estonian ministries hacked\n\n"
            "Hackers knocked Estonian government websites offline, the cyber agency said.",
            5,
        ),
        item(
            "lt-1",
            "Lithuania border tension\n\n"
            "About 30,000 troops have massed near the Lithuanian border, officials in Vilnius said.",
            1,
        ),
        item(
            "fi-2", "Drills in Finland\n\nThe army began live-fire military drills in Finland on Monday.", 3
        ),
    ]
    # Published one step at a time, as the news would arrive: items of different ids travel on
    # different partitions of news.clean, and days-old steps racing each other would be "late".
    for step in (chain[0:1] + chain[3:4], chain[1:2] + chain[4:5], chain[2:3]):
        publish(settings, item_records(step))
        wanted = {i.id for i in step}
        deadline = time.monotonic() + 60
        while not wanted <= {
            a.item_id for a in alerts_of(read_topic(settings, settings.alerts_topic, 1, 3, 0.3))
        }:
            assert time.monotonic() < deadline, f"no alert for {wanted}"

    def resolved_with_all_sources() -> list[Alert]:
        alerts = alerts_of(read_topic(settings, settings.alerts_topic, expect=1, timeout=5, settle=0.5))
        return [a for a in _of_rule(alerts, RULE, "LV") if a.status is AlertStatus.RESOLVED]

    deadline = time.monotonic() + 90
    while not resolved_with_all_sources() and time.monotonic() < deadline:
        time.sleep(2)
    alerts = alerts_of(read_topic(settings, settings.alerts_topic, expect=1, timeout=10))
    latvia = _of_rule(alerts, RULE, "LV")
    assert len({a.alert_id for a in latvia}) == 1, "thirty reprints must be one alert"
    first, last = min(latvia, key=lambda a: a.version), max(latvia, key=lambda a: a.version)
    assert last.status is AlertStatus.RESOLVED
    assert len(set(last.corroboration.sources)) == 30
    assert last.severity.rank > first.severity.rank or last.corroboration.count >= 3
    assert len({(a.alert_id, a.version) for a in latvia}) <= 4, "copies must not produce an update each"

    sequences = [a for a in alerts if a.category == "escalation_sequence"]
    assert {a.place for a in sequences} == {"EE"}, sequences
    (sequence,) = {a.alert_id: a for a in sequences}.values()
    assert len(sequence.chain) == 3
    assert set(sequence.items) == {"ee-1", "ee-2", "ee-3"}

    # 3. Restart recovery: a recent story for Poland alerts; the worker stops; a copy from another
    #    outlet after the restart is corroboration, not a new alert.
    now = datetime.now(UTC) - timedelta(minutes=30)
    poland = _reprints(2, "Polish border", now, "pl")
    publish(settings, item_records(poland[:1]))
    deadline = time.monotonic() + 60
    while not _of_rule(
        alerts_of(read_topic(settings, settings.alerts_topic, expect=1, timeout=3, settle=0.3)), RULE, "PL"
    ):
        assert time.monotonic() < deadline, "no alert for the first Polish report"
    time.sleep(settings.commit_interval * 3)
    worker.stop()
    start_worker(settings, "second")
    publish(settings, item_records(poland[1:]))
    time.sleep(8)
    alerts = alerts_of(read_topic(settings, settings.alerts_topic, expect=1, timeout=10))
    polish = _of_rule(alerts, RULE, "PL")
    assert len({a.alert_id for a in polish}) == 1, "the repeat after the restart must not re-alert"
