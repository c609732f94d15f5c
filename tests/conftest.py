"""Shared fixtures: one embedded Tansu broker per session, settings with per-test topics, workers.

Why one broker: starting Tansu is cheap, but CI runs on two cores in under 30 minutes; tests stay
independent by giving every test its own app id and topic names on the shared broker.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from streams.broker import EmbeddedBroker, free_port
from streams.settings import Settings, load_settings
from streams.supervise import WorkerProcess

# Short group timeouts: Tansu rebalances in seconds, and kill -9 tests wait for a session to expire.
FAST_GROUP = {
    "rebalance_timeout": 4.0,
    "session_timeout": 6.0,
    "heartbeat_interval": 1.0,
    "commit_interval": 1.0,
    "lag_interval": 1.0,
}


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.2, what: str = "") -> None:
    """Poll `predicate` until true; fail the test (not hang) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what or predicate}")


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    log = tmp_path_factory.mktemp("broker") / "tansu.log"
    with EmbeddedBroker(log_path=log) as running:
        yield running


@pytest.fixture
def make_settings(broker: EmbeddedBroker, tmp_path: Path) -> Callable[..., Settings]:
    """Settings on the session broker with this test's own app id and topic names."""
    prefix = f"t{uuid.uuid4().hex[:8]}"

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "broker": broker.url,
            "app_id": f"{prefix}-app",
            "input_topic": f"{prefix}.news.raw",
            "clean_topic": f"{prefix}.news.clean",
            "signals_topic": f"{prefix}.signals",
            "alerts_topic": f"{prefix}.alerts",
            "deadletter_topic": f"{prefix}.news.deadletter",
            "data_dir": tmp_path / "data",
            "web_port": free_port(),
            **FAST_GROUP,
        }
        values.update(overrides)
        return load_settings(env={}, **values)

    return make


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    """Start `tripwire worker` subprocesses; every one is stopped by PID at teardown."""
    started: list[WorkerProcess] = []

    def start(
        settings: Settings, name: str = "worker", ready_timeout: float = 150.0, wait: bool = True
    ) -> WorkerProcess:
        # Each worker gets its own web port, so two workers of one app can run side by side.
        settings = settings.model_copy(update={"web_port": free_port()})
        worker = WorkerProcess(settings, tmp_path / f"{name}-{len(started)}.log", loglevel="info")
        started.append(worker)
        worker.start()
        if wait:  # compiling the rule set takes a while: start several, then wait for each
            worker.wait_ready(timeout=ready_timeout)
        return worker

    yield start
    for worker in started:
        worker.stop(timeout=10)


@pytest.fixture
def alertmanager_url() -> Iterator[str]:
    """A real Alertmanager (Debian's package) with the deploy bundle's config, stopped by PID."""
    from test_deploy.conftest import DEPLOY
    from test_deploy.prom import start_alertmanager

    url, stop = start_alertmanager(DEPLOY / "alertmanager" / "alertmanager.yml")
    try:
        yield url
    finally:
        stop()
