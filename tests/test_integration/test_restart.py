"""(4) A restarted worker resumes from its group's committed offsets: it does not re-emit alerts for
items processed and committed before the stop (a small at-least-once overlap is allowed)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

import pytest
from stream_helpers import alerts_of, corpus, covered_pairs, expected_pairs, item_records, publish, read_topic

from schemas.alert import Alert
from streams.settings import Settings
from streams.supervise import WorkerProcess, metric_totals

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]


def first_ids(alerts: list[Alert]) -> set[str]:
    return {a.alert_id for a in alerts if a.item_id.startswith("r")}


def test_restarted_worker_resumes_from_committed_offsets(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess]
) -> None:
    first_half = corpus(150, seed=9, prefix="r")
    second_half = corpus(150, seed=10, prefix="s")
    expected_first = expected_pairs(first_half)
    expected_second = expected_pairs(second_half)
    settings = make_settings()

    worker = start_worker(settings, "before")
    publish(settings, item_records(first_half))
    read_topic(settings, settings.alerts_topic, expect=len(expected_first), timeout=90)
    time.sleep(settings.commit_interval * 3)  # let the worker commit what it processed
    worker.stop()

    restarted = start_worker(settings, "after")
    publish(settings, item_records(second_half))
    total = len(expected_first) + len(expected_second)
    alerts = alerts_of(read_topic(settings, settings.alerts_topic, expect=total, timeout=90, settle=2))
    assert expected_second <= covered_pairs(alerts)

    # The same alert version twice is a re-emission; a later version (e.g. resolved) is not.
    counts = Counter((a.alert_id, a.version, a.status) for a in alerts)
    re_emitted = sum(n - 1 for (alert_id, _v, _s), n in counts.items() if alert_id in first_ids(alerts))
    assert re_emitted <= max(2, len(expected_first) // 20), f"{re_emitted} alerts re-emitted after restart"

    received = metric_totals(restarted.metrics_text())["tripwire_items_received_total"]
    assert received <= len(second_half) + len(first_half) // 20, f"restart re-read {received} records"
