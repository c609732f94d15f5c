"""A real Prometheus scrapes a real worker on the embedded broker while news flows: every panel query
of the Grafana dashboard returns data, the service's alert rules load, and the worker's alerts reach
a real Alertmanager through its v2 API (the optional sink)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable

import pytest
from stream_helpers import BAD, alerts_of, corpus, expected_pairs, item_records, publish, read_topic
from test_deploy.conftest import ALERTS_YML
from test_deploy.prom import query, scrape_config, start_prometheus, wait_until

from deploy.grafana.queries import panel_queries, substitute
from streams.publishing import Record
from streams.settings import Settings
from streams.supervise import WorkerProcess

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def _am_alerts(url: str) -> list[dict[str, object]]:
    with urllib.request.urlopen(f"{url}/api/v2/alerts", timeout=5) as response:
        alerts: list[dict[str, object]] = json.load(response)
    return alerts


def test_dashboard_queries_return_data_and_alerts_reach_alertmanager(
    make_settings: Callable[..., Settings],
    start_worker: Callable[..., WorkerProcess],
    alertmanager_url: str,
) -> None:
    settings = make_settings(
        alertmanager_url=alertmanager_url,
        alertmanager_interval=2.0,
        dashboard_url="http://grafana.example",
    )
    worker = start_worker(settings)
    target = worker.base_url.removeprefix("http://")
    prometheus, stop_prometheus = start_prometheus(scrape_config([target], interval="1s"), [ALERTS_YML])
    try:
        items = corpus(40)
        expected = expected_pairs(items)
        publish(settings, item_records(items[:20]))
        alerts = alerts_of(read_topic(settings, settings.alerts_topic, expect=1, timeout=90))
        assert alerts, "the first batch should alert"
        # Copies of alerted stories from other outlets (corroboration and suppression), and bad records.
        copies = [i.model_copy(update={"id": f"{i.id}-copy", "source": "other-outlet"}) for i in items[:20]]
        bad = [Record(value, None, f"bad{n}") for n, (value, _reason) in enumerate(BAD)]
        publish(settings, item_records(items[20:] + copies) + bad)
        read_topic(settings, settings.alerts_topic, expect=len(expected), timeout=90)
        read_topic(settings, settings.deadletter_topic, expect=len(BAD), timeout=90)

        def scraped_enough() -> bool:
            result = query(prometheus, "count_over_time(tripwire_items_processed_total[1m])")
            samples = result.get("data", {}).get("result", [])
            return bool(samples) and float(samples[0]["value"][1]) >= 6

        assert wait_until(scraped_enough, 60), "Prometheus did not scrape the worker"

        empty: list[str] = []
        checked = 0
        for panel in panel_queries():
            expr = substitute(panel.expr, rate_interval="1m", interval="5s", range_="5m")
            result = query(prometheus, expr)
            assert result["status"] == "success", (panel.label, expr, result)
            checked += 1
            if not result["data"]["result"]:
                empty.append(f"{panel.label}: {expr}")
        assert checked >= 10
        assert not empty, "panels without data:\n" + "\n".join(empty)

        rules = json.load(urllib.request.urlopen(f"{prometheus}/api/v1/rules", timeout=5))
        groups = rules["data"]["groups"]
        assert groups and all(r["health"] == "ok" for g in groups for r in g["rules"])

        def tripwire_alerts_in_alertmanager() -> bool:
            return any(
                a["labels"].get("alertname") == "TripwireEscalation"  # type: ignore[union-attr]
                for a in _am_alerts(alertmanager_url)
            )

        assert wait_until(tripwire_alerts_in_alertmanager, 30), "no Tripwire alert reached Alertmanager"
        sent = [
            a for a in _am_alerts(alertmanager_url) if a["labels"].get("alertname") == "TripwireEscalation"
        ]  # type: ignore[union-attr]
        categories = {a["labels"]["category"] for a in sent}  # type: ignore[index]
        assert categories <= {rule.split(".")[0] for rule, _ in expected} | {"escalation_sequence"}
        assert all(str(a["annotations"]["dashboard"]).startswith("http://grafana.example/d/") for a in sent)  # type: ignore[index]
    finally:
        stop_prometheus()
