"""The PromQL of the committed Tripwire dashboard, with Grafana's variables filled in.

Why: tests (and the end-to-end check that a real Prometheus scraping a real worker answers every
panel) must send the dashboard's own queries, not a copy that could drift. This module reads the
committed ``dashboards/tripwire.json`` — the file Grafana loads — and substitutes the template and
built-in variables Grafana would. Standard library only, so any test can import it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

__all__ = [
    "DASHBOARD_JSON",
    "PanelQuery",
    "dashboard_queries",
    "dashboard_url",
    "load_dashboard",
    "panel_queries",
    "substitute",
]

DASHBOARD_JSON = Path(__file__).resolve().parent / "dashboards" / "tripwire.json"
DASHBOARD_UID = "tripwire-overview"
DASHBOARD_SLUG = "tripwire"

# $name, ${name} and ${name:format}; Grafana's built-ins start with a double underscore.
_VARIABLE = re.compile(r"\$(?:\{(?P<braced>\w+)(?::\w+)?\}|(?P<bare>\w+))")


@dataclass(frozen=True)
class PanelQuery:
    """One target of one panel: where it is shown and its raw (unsubstituted) expression."""

    panel: str
    ref_id: str
    expr: str
    instant: bool

    @property
    def label(self) -> str:
        """A short id for test reports, e.g. ``Consumer lag/A``."""
        return f"{self.panel}/{self.ref_id}"


def load_dashboard(path: Path = DASHBOARD_JSON) -> dict[str, Any]:
    """The committed dashboard JSON as a dict."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _walk_panels(panels: list[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """Every panel, including those nested in collapsed rows."""
    for item in panels:
        yield item
        yield from _walk_panels(item.get("panels", []))


def panel_queries(dashboard: Mapping[str, Any] | None = None) -> list[PanelQuery]:
    """Every Prometheus target of the dashboard, in panel order."""
    dash = dashboard if dashboard is not None else load_dashboard()
    found: list[PanelQuery] = []
    for item in _walk_panels(dash.get("panels", [])):
        for tgt in item.get("targets", []):
            if "expr" in tgt:
                found.append(
                    PanelQuery(
                        panel=str(item.get("title", "")),
                        ref_id=str(tgt.get("refId", "")),
                        expr=str(tgt["expr"]),
                        instant=bool(tgt.get("instant", False)),
                    )
                )
    return found


def substitute(
    expr: str,
    *,
    category: str = ".*",
    place: str = ".*",
    rate_interval: str = "1m",
    interval: str = "15s",
    range_: str = "1h",
) -> str:
    """Replace Grafana variables the way Grafana would before sending ``expr`` to Prometheus.

    ``category`` and ``place`` are regexes (the dashboard matches them with ``=~``; ".*" is what
    the "All" option sends). An unknown variable raises ValueError so that adding a variable to the
    dashboard without teaching this function about it fails loudly.
    """
    values = {
        "category": category,
        "place": place,
        "__rate_interval": rate_interval,
        "__interval": interval,
        "__range": range_,
    }

    def replace(match: re.Match[str]) -> str:
        name = match.group("braced") or match.group("bare")
        if name not in values:
            raise ValueError(f"unknown dashboard variable ${name} in {expr!r}")
        return values[name]

    return _VARIABLE.sub(replace, expr)


def dashboard_queries(
    category: str = ".*",
    place: str = ".*",
    *,
    rate_interval: str = "1m",
    interval: str = "15s",
    range_: str = "1h",
    dashboard: Mapping[str, Any] | None = None,
) -> list[str]:
    """Every panel expression of the dashboard, variables substituted, ready for /api/v1/query."""
    return [
        substitute(
            q.expr,
            category=category,
            place=place,
            rate_interval=rate_interval,
            interval=interval,
            range_=range_,
        )
        for q in panel_queries(dashboard)
    ]


def dashboard_url(base: str, category: str, place: str) -> str:
    """The link alerts carry: ``{base}/d/tripwire-overview/tripwire?var-category=..&var-place=..``.

    ``base`` is TRIPWIRE_DASHBOARD_URL (Grafana's root URL). Values are percent-encoded the way
    the worker encodes them (streams/engine/correlation.py), so links compare equal.
    """
    return (
        f"{base.rstrip('/')}/d/{DASHBOARD_UID}/{DASHBOARD_SLUG}"
        f"?var-category={quote(category, safe='')}&var-place={quote(place, safe='')}"
    )
