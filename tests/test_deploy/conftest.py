"""Fixtures for the deploy tests: repository paths, and one Prometheus scraping a fake worker.

The Prometheus fixture is session-scoped: starting a server costs about a second, and every
dashboard query and alert rule can share the one instance.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from .fake_worker import start_fake_worker
from .prom import get_json, query, scrape_config, start_prometheus, wait_until

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
PROMETHEUS_DIR = DEPLOY / "prometheus"
ALERTS_YML = PROMETHEUS_DIR / "alerts.yml"

# `deploy` is not an installed package: put the repository root on the path so the tests import
# deploy.grafana.* whether pytest runs from the root or elsewhere (pytest's `pythonpath = ["."]`
# would do the same).
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def load_yaml(path: Path) -> Any:
    """One YAML document."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_yaml_all(path: Path) -> list[Any]:
    """Every document of a multi-document YAML file, empty ones dropped."""
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


@dataclass(frozen=True)
class PrometheusStack:
    """A running Prometheus (with deploy/prometheus/alerts.yml) scraping the fake worker."""

    url: str
    target: str
    started: float


@pytest.fixture(scope="session")
def prometheus_stack() -> Iterator[PrometheusStack]:
    """Fake worker + Prometheus for the session; both stopped by PID/handle at the end."""
    target, stop_worker = start_fake_worker()
    try:
        url, stop_prometheus = start_prometheus(scrape_config([target], interval="1s"), [ALERTS_YML])
    except BaseException:
        stop_worker()
        raise
    try:
        yield PrometheusStack(url=url, target=target, started=time.time())
    finally:
        stop_prometheus()
        stop_worker()


@pytest.fixture(scope="session")
def scraped_stack(prometheus_stack: PrometheusStack) -> PrometheusStack:
    """The stack once Prometheus has scraped the fake worker at least three times (bounded wait)."""

    def enough_samples() -> bool:
        answer = query(prometheus_stack.url, 'count_over_time(up{job="tripwire"}[1m])')
        result = answer.get("data", {}).get("result", [])
        return bool(result) and float(result[0]["value"][1]) >= 3

    if not wait_until(enough_samples, timeout=30):
        targets = get_json(f"{prometheus_stack.url}/api/v1/targets")
        pytest.fail(f"Prometheus did not scrape the fake worker in 30 s: {targets}")
    return prometheus_stack
