"""(5b) A few hundred hostile records through a real worker: each is processed or dead-lettered, the
worker survives, and its counts match what the decode function predicts in process."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from conftest import wait_until
from stream_helpers import hostile_values, publish, read_topic

from streams.decode import Clean, decode_news
from streams.publishing import Record
from streams.settings import Settings
from streams.supervise import WorkerProcess, metric_totals

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def test_hostile_records_are_all_accounted_for(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess]
) -> None:
    settings = make_settings(max_item_bytes=1_000_000)
    values = hostile_values(300)
    outcomes = [decode_news(v, settings.max_item_bytes) for v in values]
    clean = sum(isinstance(o, Clean) for o in outcomes)
    reasons = Counter(str(o.reason) for o in outcomes if not isinstance(o, Clean))
    worker = start_worker(settings)
    publish(settings, [Record(v, None, f"h{i}") for i, v in enumerate(values)])

    def settled() -> bool:
        t = metric_totals(worker.metrics_text())
        done = t.get("tripwire_items_processed_total", 0) + t.get("tripwire_items_deadlettered_total", 0)
        return done >= len(values)

    wait_until(settled, 90, what="every hostile record processed or dead-lettered")
    totals = metric_totals(worker.metrics_text())
    assert totals["tripwire_items_received_total"] == len(values)
    assert totals["tripwire_items_processed_total"] == clean
    assert totals["tripwire_items_deadlettered_total"] == len(values) - clean
    dead = read_topic(settings, settings.deadletter_topic, expect=len(values) - clean, timeout=60)
    assert Counter(r.headers["tripwire.reason"].decode() for r in dead) == reasons
    assert worker.process is not None and worker.process.poll() is None, "worker must survive"
