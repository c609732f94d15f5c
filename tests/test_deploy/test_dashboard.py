"""The Grafana dashboard: current with its builder, well-formed, and every query valid and answered.

Why a real Prometheus: only the server's own parser says a query is valid, and only a server
scraping contract-shaped metrics shows each panel would have data (wrong label, wrong metric type
or a typo in a name all come back as an empty result).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from deploy.grafana import build_dashboard
from deploy.grafana.queries import (
    DASHBOARD_JSON,
    PanelQuery,
    dashboard_queries,
    dashboard_url,
    load_dashboard,
    panel_queries,
    substitute,
)

from .conftest import DEPLOY, PrometheusStack, load_yaml
from .contract import CONTRACT, METRIC_NAMES, series_names
from .prom import query, wait_until
from .promql import metric_names, selectors

SERIES_TO_FAMILY = {series: spec for spec in CONTRACT for series in series_names(spec)}
QUERIES = panel_queries()


def query_id(q: PanelQuery) -> str:
    return q.label


def all_panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    """Top-level panels and those nested in rows."""
    found: list[dict[str, Any]] = []
    for panel in dashboard["panels"]:
        found.append(panel)
        found.extend(panel.get("panels", []))
    return found


def test_committed_json_is_current() -> None:
    assert DASHBOARD_JSON == build_dashboard.OUTPUT
    assert DASHBOARD_JSON.read_text(encoding="utf-8") == build_dashboard.render(), (
        "deploy/grafana/dashboards/tripwire.json is stale: run python deploy/grafana/build_dashboard.py"
    )


def test_builder_check_mode_agrees(tmp_path: Any) -> None:
    stale = tmp_path / "tripwire.json"
    stale.write_text("{}\n")
    assert build_dashboard.main(["--check", "--output", str(stale)]) == 1
    assert build_dashboard.main(["--check"]) == 0


def test_identity_and_link_pattern() -> None:
    dashboard = load_dashboard()
    assert dashboard["uid"] == "tripwire-overview"
    assert dashboard["title"] == "Tripwire"
    url = dashboard_url("http://grafana:3000/", "troop_buildup", "UA")
    assert url == "http://grafana:3000/d/tripwire-overview/tripwire?var-category=troop_buildup&var-place=UA"
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert "{base}/d/tripwire-overview/tripwire?var-category={category}&var-place={place}" in readme


@pytest.mark.parametrize(
    ("name", "metric"), [("category", "tripwire_signals_total"), ("place", "tripwire_escalation_index")]
)
def test_template_variable(name: str, metric: str) -> None:
    variables = {v["name"]: v for v in load_dashboard()["templating"]["list"]}
    var = variables[name]
    assert var["type"] == "query"
    assert var["multi"] is True and var["includeAll"] is True
    assert var["allValue"] == ".*", "All must send a regex that matches every value"
    assert var["definition"] == f"label_values({metric}, {name})"
    spec = next(s for s in CONTRACT if s.name == metric)
    assert name in spec.labels, f"{metric} has no {name} label in the contract"


def test_every_panel_has_targets_and_a_unique_id() -> None:
    panels = all_panels(load_dashboard())
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids))
    for panel in panels:
        if panel["type"] == "row":
            continue
        assert panel.get("targets"), f"panel {panel['title']!r} has no targets"
        assert all(t.get("expr") for t in panel["targets"]), panel["title"]
        assert len({t["refId"] for t in panel["targets"]}) == len(panel["targets"])


def test_panels_do_not_overlap() -> None:
    cells: dict[tuple[int, int], str] = {}
    for panel in all_panels(load_dashboard()):
        pos = panel["gridPos"]
        assert pos["x"] >= 0 and pos["x"] + pos["w"] <= 24, panel["title"]
        for x in range(pos["x"], pos["x"] + pos["w"]):
            for y in range(pos["y"], pos["y"] + pos["h"]):
                assert (x, y) not in cells, f"{panel['title']!r} overlaps {cells[(x, y)]!r}"
                cells[(x, y)] = panel["title"]


REQUIRED_PANELS = {
    "alerts over time": {"tripwire_alerts_total"},
    "escalation index by place": {"tripwire_escalation_index"},
    "top firing rules": {"tripwire_alerts_total"},
    "throughput": {
        "tripwire_items_received_total",
        "tripwire_items_processed_total",
        "tripwire_alerts_total",
    },
    "dead-letter rate by reason": {"tripwire_items_deadlettered_total"},
    "publication to alert latency": {"tripwire_alert_latency_seconds_bucket"},
    "stage latency": {"tripwire_stage_seconds_bucket"},
    "consumer lag": {"tripwire_consumer_lag"},
    "rules loaded": {"tripwire_rules_loaded"},
    "rule load errors": {"tripwire_rule_load_errors_total"},
    "rule set version": {"tripwire_ruleset_info"},
}


@pytest.mark.parametrize("title", sorted(REQUIRED_PANELS))
def test_required_panel_exists(title: str) -> None:
    panels = [p for p in all_panels(load_dashboard()) if p["title"].lower().startswith(title)]
    assert panels, f"no panel titled {title!r}"
    used = {name for p in panels for t in p["targets"] for name in metric_names(t["expr"])}
    assert REQUIRED_PANELS[title] <= used


def test_latency_panels_show_p50_p95_p99() -> None:
    for title in ("Publication to alert latency", "Stage latency"):
        panel = next(p for p in all_panels(load_dashboard()) if p["title"].startswith(title))
        quantiles = {re.search(r"histogram_quantile\(([\d.]+)", t["expr"]).group(1) for t in panel["targets"]}  # type: ignore[union-attr]
        assert quantiles == {"0.5", "0.95", "0.99"}


def test_top_firing_rules_uses_topk() -> None:
    panel = next(p for p in all_panels(load_dashboard()) if p["title"] == "Top firing rules")
    assert panel["targets"][0]["expr"].startswith("topk(")


@pytest.mark.parametrize("q", QUERIES, ids=query_id)
def test_query_uses_only_contract_metrics(q: PanelQuery) -> None:
    names = metric_names(q.expr)
    assert names, f"{q.label}: no metric found in {q.expr!r}"
    unknown = names - set(SERIES_TO_FAMILY)
    assert not unknown, f"{q.label}: not in the metrics contract: {unknown}"


@pytest.mark.parametrize("q", QUERIES, ids=query_id)
def test_query_honours_the_filters(q: PanelQuery) -> None:
    """Every selector of a metric with a category (place) label filters on $category ($place)."""
    for name, matchers in selectors(q.expr):
        spec = SERIES_TO_FAMILY[name]
        if "category" in spec.labels:
            assert 'category=~"$category"' in matchers, f"{q.label}: {name} ignores $category"
        if "place" in spec.labels:
            assert 'place=~"$place"' in matchers, f"{q.label}: {name} ignores $place"


def test_variable_queries_use_contract_metrics() -> None:
    for var in load_dashboard()["templating"]["list"]:
        if var["type"] == "query":
            metric = re.match(r"label_values\((\w+),", var["definition"])
            assert metric and metric.group(1) in METRIC_NAMES


def test_substitution() -> None:
    expr = 'sum(rate(x{category=~"$category", place=~"${place}"}[$__rate_interval])) + y[$__range]'
    expected = 'sum(rate(x{category=~"a|b", place=~"UA"}[1m])) + y[1h]'
    assert substitute(expr, category="a|b", place="UA") == expected
    with pytest.raises(ValueError, match=r"\$nope"):
        substitute('x{a=~"$nope"}')
    assert len(dashboard_queries()) == len(QUERIES)
    assert all("$" not in expr for expr in dashboard_queries())


def test_provisioning_points_at_the_dashboards() -> None:
    datasources = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")
    (source,) = datasources["datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    providers = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "tripwire.yml")
    (provider,) = providers["providers"]
    assert provider["type"] == "file"
    assert provider["options"]["path"] == "/var/lib/grafana/dashboards"
    json.loads(DASHBOARD_JSON.read_text(encoding="utf-8"))


@pytest.mark.parametrize("q", QUERIES, ids=query_id)
def test_query_is_valid_promql(prometheus_stack: PrometheusStack, q: PanelQuery) -> None:
    for category, place in ((".*", ".*"), ("troop_buildup|cyberattack", "UA")):
        expr = substitute(q.expr, category=category, place=place)
        answer = query(prometheus_stack.url, expr)
        assert answer["status"] == "success", f"{q.label}: {answer.get('error')} in {expr}"


def test_every_query_returns_data(scraped_stack: PrometheusStack) -> None:
    """Against contract-shaped metrics every panel has something to draw (bounded wait)."""
    exprs = dashboard_queries(rate_interval="1m", range_="5m")
    empty: list[str] = []

    def all_answered() -> bool:
        empty.clear()
        for expr in exprs:
            result = query(scraped_stack.url, expr).get("data", {}).get("result", [])
            if not result:
                empty.append(expr)
        return not empty

    assert wait_until(all_answered, timeout=30, interval=0.5), f"queries without data: {empty}"
