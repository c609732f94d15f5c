"""Run `tripwire worker` as a child process: start with settings, wait for /readyz, stop by PID.

Why a subprocess: the demo, the integration tests and the benchmark need real, independent workers
that can be killed with SIGKILL mid-stream; they share this one implementation of "start, wait
(bounded), stop what we started".
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from streams.errors import BrokerError
from streams.settings import Settings, settings_env

__all__ = ["WorkerProcess", "http_get", "metric_totals", "stage_count"]


def http_get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    """GET a URL on loopback; (status, body), status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


class WorkerProcess:
    """One `python -m streams worker` child with its own log file."""

    def __init__(
        self,
        settings: Settings,
        log_path: Path,
        extra_env: Mapping[str, str] | None = None,
        loglevel: str = "warning",
    ) -> None:
        self.settings = settings
        self.log_path = log_path
        self.extra_env = dict(extra_env or {})
        self.loglevel = loglevel
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> WorkerProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRIPWIRE_")}
        env.update(settings_env(self.settings))
        env.update(self.extra_env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streams", "worker", "--loglevel", self.loglevel],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        return self

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Poll /readyz until 200; raise with the log's tail if the worker dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise BrokerError(f"worker exited ({code}) before it was ready: {self.log_tail()}")
            status, _ = http_get(self.base_url + "/readyz", timeout=1.0)
            if status == 200:
                return
            time.sleep(0.2)
        raise BrokerError(f"worker not ready within {timeout:.0f}s: {self.log_tail()}")

    def metrics_text(self) -> str:
        status, body = http_get(self.base_url + "/metrics")
        return body.decode() if status == 200 else ""

    def log_tail(self, lines: int = 8) -> str:
        if not self.log_path.exists():
            return ""
        return " | ".join(self.log_path.read_text(errors="replace").strip().splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL: the crash case, no commit, no leave-group."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (Faust commits and leaves the group), SIGKILL if it does not exit in time."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self) -> WorkerProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def metric_totals(text: str) -> dict[str, float]:
    """Sum every sample of each metric family over its labels: `{"tripwire_alerts_total": 12.0, …}`."""
    from prometheus_client.parser import text_string_to_metric_families

    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.endswith(("_created", "_bucket", "_count", "_sum")):
                continue
            totals[sample.name] = totals.get(sample.name, 0.0) + float(sample.value)
    return totals


def stage_count(text: str, stage: str) -> float:
    """Records a stage has handled, from `tripwire_stage_seconds_count{stage=…}` (0 when absent)."""
    from prometheus_client.parser import text_string_to_metric_families

    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "tripwire_stage_seconds_count" and sample.labels.get("stage") == stage:
                return float(sample.value)
    return 0.0
