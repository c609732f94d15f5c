"""(1) Good and bad items through one worker on a real broker: every expected alert arrives, every
bad record is dead-lettered with its reason and original bytes, and the worker's counts add up."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from stream_helpers import (
    BAD,
    alerts_of,
    corpus,
    covered_pairs,
    expected_pairs,
    item_records,
    publish,
    read_topic,
)

from streams.publishing import Record
from streams.settings import Settings
from streams.supervise import WorkerProcess, metric_totals

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]


def test_good_items_alert_and_bad_items_are_dead_lettered(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess]
) -> None:
    items = corpus(60)
    expected = expected_pairs(items)
    assert expected, "the corpus should fire at least one rule"
    settings = make_settings()
    worker = start_worker(settings)
    bad = [Record(value, None, f"bad{i}") for i, (value, _reason) in enumerate(BAD)]
    publish(settings, item_records(items) + bad)

    dead = read_topic(settings, settings.deadletter_topic, expect=len(BAD), timeout=90)
    assert Counter(r.headers["tripwire.reason"].decode() for r in dead) == Counter(r for _, r in BAD)
    assert sorted(r.value or b"" for r in dead) == sorted(v for v, _ in BAD), "original bytes kept"
    for record in dead:
        assert record.headers["tripwire.source.topic"].decode() == settings.input_topic
        assert record.headers["tripwire.source.partition"].decode().isdigit()
        assert record.headers["tripwire.source.offset"].decode().isdigit()
        assert record.headers["tripwire.error"]

    alerts = alerts_of(read_topic(settings, settings.alerts_topic, expect=len(expected), timeout=90))
    covered = covered_pairs(alerts)
    assert expected <= covered, f"missing alerts: {sorted(expected - covered)[:5]}"
    unexpected = covered_pairs(a for a in alerts if not a.chain) - expected
    assert not unexpected, f"alerts the engine does not produce: {sorted(unexpected)[:5]}"

    totals = metric_totals(worker.metrics_text())
    assert totals["tripwire_items_received_total"] == len(items) + len(BAD)
    assert totals["tripwire_items_processed_total"] == len(items)
    assert totals["tripwire_items_deadlettered_total"] == len(BAD)
    assert totals["tripwire_signals_total"] == len(expected)
