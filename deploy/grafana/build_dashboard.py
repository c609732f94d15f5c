"""Build the Grafana dashboard ``deploy/grafana/dashboards/tripwire.json`` from code.

Why code and not a hand-edited export: the panels' PromQL is reviewed here as text, the layout is
computed instead of hand-placed, and ``tests/test_deploy`` checks that the committed JSON is what
this script produces, so the dashboard cannot drift from its source. Plain dicts keep the build
free of dependencies (grafana-foundation-sdk would add one for little gain at this size).

Usage::

    python deploy/grafana/build_dashboard.py          # rewrite the JSON
    python deploy/grafana/build_dashboard.py --check  # exit 1 if the committed JSON is stale

Every query uses only the metrics of the worker's metrics contract (see deploy/README.md); the
``category`` variable filters every metric that has a category label, ``place`` filters the
escalation index (the only metric with a place label, to bound cardinality).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["DASHBOARD_TITLE", "DASHBOARD_UID", "OUTPUT", "build", "main", "render"]

Json = dict[str, Any]

DASHBOARD_UID = "tripwire-overview"
DASHBOARD_TITLE = "Tripwire"
OUTPUT = Path(__file__).resolve().parent / "dashboards" / "tripwire.json"

# Panels point at the datasource chosen in the `datasource` variable, so the dashboard works
# with any Prometheus, not only the provisioned one.
DATASOURCE: Json = {"type": "prometheus", "uid": "${datasource}"}
GRID_WIDTH = 24

CAT = 'category=~"$category"'
PLACE = 'place=~"$place"'
QUANTILES = (("p50", "0.5"), ("p95", "0.95"), ("p99", "0.99"))


class Layout:
    """Places panels left to right in Grafana's 24-column grid, wrapping to a new line when full.

    Computing positions keeps panels from overlapping when one is added or resized.
    """

    def __init__(self) -> None:
        self.x = 0
        self.y = 0
        self.line_height = 0
        self.next_id = 1

    def place(self, w: int, h: int) -> Json:
        """Return the gridPos for a panel of width ``w`` and height ``h``."""
        if self.x + w > GRID_WIDTH:
            self.newline()
        pos = {"h": h, "w": w, "x": self.x, "y": self.y}
        self.x += w
        self.line_height = max(self.line_height, h)
        return pos

    def newline(self) -> None:
        """Start a new line below the tallest panel of the current one."""
        self.y += self.line_height
        self.x = 0
        self.line_height = 0

    def panel_id(self) -> int:
        """Return a fresh panel id (Grafana needs them unique within the dashboard)."""
        pid = self.next_id
        self.next_id += 1
        return pid


def target(expr: str, legend: str = "", *, instant: bool = False, table: bool = False) -> Json:
    """One Prometheus query of a panel; refIds are filled in by :func:`panel`."""
    return {
        "datasource": DATASOURCE,
        "editorMode": "code",
        "expr": expr,
        "format": "table" if table else "time_series",
        "instant": instant,
        "range": not instant,
        "legendFormat": legend or "__auto",
    }


def panel(
    layout: Layout,
    kind: str,
    title: str,
    description: str,
    targets: list[Json],
    *,
    w: int,
    h: int,
    unit: str = "short",
    options: Json | None = None,
    custom: Json | None = None,
    thresholds: list[Json] | None = None,
) -> Json:
    """A panel of any visualisation ``kind`` with its targets, unit and position."""
    for index, tgt in enumerate(targets):
        tgt["refId"] = chr(ord("A") + index)
    defaults: Json = {"unit": unit}
    if custom:
        defaults["custom"] = custom
    if thresholds:
        defaults["thresholds"] = {"mode": "absolute", "steps": thresholds}
    return {
        "id": layout.panel_id(),
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DATASOURCE,
        "gridPos": layout.place(w, h),
        "fieldConfig": {"defaults": defaults, "overrides": []},
        "options": options or {},
        "targets": targets,
    }


def row(layout: Layout, title: str) -> Json:
    """A full-width row header; rows hold no queries of their own."""
    layout.newline()
    return {
        "id": layout.panel_id(),
        "type": "row",
        "title": title,
        "collapsed": False,
        "gridPos": layout.place(GRID_WIDTH, 1),
        "panels": [],
    }


def timeseries_options() -> Json:
    """Legend as a table with last and max, which reads better for many series."""
    return {
        "legend": {"displayMode": "table", "placement": "right", "calcs": ["lastNotNull", "max"]},
        "tooltip": {"mode": "multi", "sort": "desc"},
    }


def bars(stacked: bool) -> Json:
    """Field config for stacked bars (counts per interval)."""
    return {
        "drawStyle": "bars",
        "fillOpacity": 80,
        "lineWidth": 1,
        "stacking": {"mode": "normal" if stacked else "none", "group": "A"},
    }


def lines() -> Json:
    """Field config for plain lines."""
    return {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never"}


GREEN_RED: list[Json] = [{"color": "green", "value": None}, {"color": "red", "value": 1}]


def alert_panels(layout: Layout) -> list[Json]:
    """What the service found: alerts, escalation index, busiest rules, signals."""
    return [
        row(layout, "Alerts"),
        panel(
            layout,
            "timeseries",
            "Alerts over time by category and severity",
            "Firing alerts emitted in each interval, stacked by category and severity.",
            [
                target(
                    f'sum by (category, severity) (increase(tripwire_alerts_total{{status="firing", {CAT}}}'
                    "[$__rate_interval]))",
                    "{{category}} · {{severity}}",
                )
            ],
            w=24,
            h=8,
            custom=bars(stacked=True),
            options=timeseries_options(),
        ),
        panel(
            layout,
            "timeseries",
            "Escalation index by place",
            "tripwire_escalation_index per place (max over workers). Places outside the tracked "
            'set are reported as "other".',
            [target(f"max by (place) (tripwire_escalation_index{{{PLACE}}})", "{{place}}")],
            w=12,
            h=9,
            custom=lines(),
            options=timeseries_options(),
        ),
        panel(
            layout,
            "bargauge",
            "Escalation index now (top 10 places)",
            "Current escalation index, highest first.",
            [
                target(
                    f"topk(10, max by (place) (tripwire_escalation_index{{{PLACE}}}))",
                    "{{place}}",
                    instant=True,
                )
            ],
            w=6,
            h=9,
            options={"orientation": "horizontal", "displayMode": "gradient", "showUnfilled": True},
        ),
        panel(
            layout,
            "bargauge",
            "Top firing rules",
            "Rules with the most firing alerts over the dashboard's time range.",
            [
                target(
                    "topk(10, sum by (rule, category) "
                    f'(increase(tripwire_alerts_total{{status="firing", {CAT}}}[$__range])))',
                    "{{rule}} ({{category}})",
                    instant=True,
                )
            ],
            w=6,
            h=9,
            options={"orientation": "horizontal", "displayMode": "gradient", "showUnfilled": True},
        ),
        panel(
            layout,
            "timeseries",
            "Signals and suppressed alerts by category",
            "Rule hits (signals) per second, and alerts held back by suppression (cooldown, "
            "duplicates) — a suppressed signal is attached to the alert it repeats.",
            [
                target(
                    f"sum by (category) (rate(tripwire_signals_total{{{CAT}}}[$__rate_interval]))",
                    "{{category}} signals",
                ),
                target(
                    f"sum by (category) (rate(tripwire_alerts_suppressed_total{{{CAT}}}[$__rate_interval]))",
                    "{{category}} suppressed",
                ),
            ],
            w=24,
            h=8,
            unit="ops",
            custom=lines(),
            options=timeseries_options(),
        ),
    ]


def pipeline_panels(layout: Layout) -> list[Json]:
    """How the pipeline runs: throughput, dead letters, lag, freshness."""
    return [
        row(layout, "Pipeline"),
        panel(
            layout,
            "timeseries",
            "Throughput: received, processed, alerts",
            "Items per second in and out of the pipeline across all workers.",
            [
                target("sum(rate(tripwire_items_received_total[$__rate_interval]))", "received"),
                target("sum(rate(tripwire_items_processed_total[$__rate_interval]))", "processed"),
                target("sum(rate(tripwire_items_deadlettered_total[$__rate_interval]))", "dead-lettered"),
                target(f"sum(rate(tripwire_signals_total{{{CAT}}}[$__rate_interval]))", "signals"),
                target(
                    f'sum(rate(tripwire_alerts_total{{status="firing", {CAT}}}[$__rate_interval]))',
                    "alerts",
                ),
            ],
            w=12,
            h=8,
            unit="ops",
            custom=lines(),
            options=timeseries_options(),
        ),
        panel(
            layout,
            "timeseries",
            "Dead-letter rate by reason",
            "Items rejected to news.deadletter per second, by reason. The records keep the original "
            "bytes, the error and the source offset.",
            [
                target(
                    "sum by (reason) (rate(tripwire_items_deadlettered_total[$__rate_interval]))",
                    "{{reason}}",
                )
            ],
            w=8,
            h=8,
            unit="ops",
            custom=bars(stacked=True),
            options=timeseries_options(),
        ),
        panel(
            layout,
            "stat",
            "Dead-letter ratio",
            "Share of received items that were dead-lettered (TripwireDeadLetterSurge fires above 10%).",
            [
                target(
                    "sum(rate(tripwire_items_deadlettered_total[$__rate_interval])) "
                    "/ sum(rate(tripwire_items_received_total[$__rate_interval]))",
                    "ratio",
                )
            ],
            w=4,
            h=8,
            unit="percentunit",
            thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.1}],
            options={"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "background"},
        ),
        panel(
            layout,
            "timeseries",
            "Consumer lag",
            "Messages behind the end of each partition (max over workers: after a rebalance the "
            "previous owner may report a stale value).",
            [
                target(
                    "max by (topic, partition) (tripwire_consumer_lag)",
                    "{{topic}}/{{partition}}",
                )
            ],
            w=16,
            h=8,
            custom=lines(),
            options=timeseries_options(),
        ),
        panel(
            layout,
            "stat",
            "Since last item processed",
            "Seconds since any worker processed an item. High on a quiet feed, alarming while lag grows.",
            [
                target(
                    "time() - max(tripwire_last_processed_timestamp_seconds)",
                    "age",
                )
            ],
            w=8,
            h=8,
            unit="s",
            thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 600}],
            options={"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "value"},
        ),
    ]


def latency_panels(layout: Layout) -> list[Json]:
    """How fast: publication-to-alert latency and per-stage processing time."""
    alert_latency = [
        target(
            f"histogram_quantile({q}, sum by (le) "
            f"(rate(tripwire_alert_latency_seconds_bucket{{{CAT}}}[$__rate_interval])))",
            name,
        )
        for name, q in QUANTILES
    ]
    stage_latency = [
        target(
            f"histogram_quantile({q}, sum by (le, stage) "
            "(rate(tripwire_stage_seconds_bucket[$__rate_interval])))",
            "{{stage}} " + name,
        )
        for name, q in QUANTILES
    ]
    return [
        row(layout, "Latency"),
        panel(
            layout,
            "timeseries",
            "Publication to alert latency (p50 / p95 / p99)",
            "From the article's published_at to the alert being emitted. Late articles (backfills) "
            "raise the upper quantiles.",
            alert_latency,
            w=12,
            h=8,
            unit="s",
            custom=lines(),
            options=timeseries_options(),
        ),
        panel(
            layout,
            "timeseries",
            "Stage latency (p50 / p95 / p99)",
            "Time spent in ingest, detect, correlate and emit per item.",
            stage_latency,
            w=12,
            h=8,
            unit="s",
            custom=lines(),
            options=timeseries_options(),
        ),
    ]


def rule_panels(layout: Layout) -> list[Json]:
    """Rule health: how many rules each worker runs, load errors, which rule set version."""
    return [
        row(layout, "Rules"),
        panel(
            layout,
            "stat",
            "Rules loaded by status",
            "Rules loaded per maturity status (max over workers).",
            [target("max by (status) (tripwire_rules_loaded)", "{{status}}")],
            w=8,
            h=6,
            options={"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "value"},
        ),
        panel(
            layout,
            "stat",
            "Rule load errors",
            "Rule files that failed to load over the time range (see TripwireRuleLoadFailures).",
            [target("sum(increase(tripwire_rule_load_errors_total[$__range]))", "errors", instant=True)],
            w=8,
            h=6,
            thresholds=GREEN_RED,
            options={"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "background"},
        ),
        panel(
            layout,
            "table",
            "Rule set version per worker",
            "tripwire_ruleset_info: more than one version across workers means a rollout in progress "
            "or stuck (TripwireRulesetMismatch).",
            [
                target(
                    "max by (instance, version) (tripwire_ruleset_info)",
                    "{{instance}} {{version}}",
                    instant=True,
                    table=True,
                )
            ],
            w=8,
            h=6,
            options={"showHeader": True},
        ),
    ]


def query_variable(name: str, label: str, metric: str) -> Json:
    """A multi-value template variable over one label's values, with All meaning any value."""
    query = f"label_values({metric}, {name})"
    return {
        "name": name,
        "label": label,
        "type": "query",
        "datasource": DATASOURCE,
        "definition": query,
        "query": {"qryType": 1, "query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
        "refresh": 2,
        "multi": True,
        "includeAll": True,
        # Regex matchers (=~"$category") need ".*" for All, not Grafana's default value list.
        "allValue": ".*",
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "options": [],
        "sort": 1,
        "hide": 0,
    }


def variables() -> list[Json]:
    """The datasource picker and the category and place filters the alert links set."""
    return [
        {
            "name": "datasource",
            "label": "Data source",
            "type": "datasource",
            "query": "prometheus",
            "current": {},
            "hide": 0,
            "refresh": 1,
            "options": [],
        },
        query_variable("category", "Category", "tripwire_signals_total"),
        query_variable("place", "Place", "tripwire_escalation_index"),
    ]


def build() -> Json:
    """The whole dashboard as a JSON-ready dict."""
    layout = Layout()
    panels = alert_panels(layout) + pipeline_panels(layout) + latency_panels(layout) + rule_panels(layout)
    return {
        "uid": DASHBOARD_UID,
        "title": DASHBOARD_TITLE,
        "description": (
            "Tripwire: geopolitical escalation alerts and the health of the pipeline that finds them."
        ),
        "tags": ["tripwire", "kafka", "alerts"],
        "timezone": "utc",
        "editable": True,
        "graphTooltip": 1,
        "schemaVersion": 39,
        "version": 1,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "timepicker": {},
        "fiscalYearStartMonth": 0,
        "liveNow": False,
        "links": [],
        "annotations": {"list": []},
        "templating": {"list": variables()},
        "panels": panels,
    }


def render() -> str:
    """The dashboard as the exact text committed to OUTPUT."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the dashboard, or with --check report whether the committed file is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if OUTPUT differs from the build")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run python deploy/grafana/build_dashboard.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
