"""Start real Prometheus and Alertmanager servers on 127.0.0.1 for tests, and talk to them.

Why real servers: promtool cannot parse a bare PromQL query, and routing, inhibition and rule
evaluation are only trustworthy when the real binaries do them. Each server runs in its own temp
directory on a free loopback port, is started and stopped by PID, and every wait is bounded.

Reusable by the end-to-end test (a real Prometheus scraping a real worker)::

    from test_deploy.prom import scrape_config, start_prometheus, query   # or tests.test_deploy.prom
    url, stop = start_prometheus(scrape_config(["127.0.0.1:6066"]), [ALERTS_YML])
    try:
        ...query(url, expr)...
    finally:
        stop()

Binaries come from Debian's ``prometheus`` and ``prometheus-alertmanager`` packages. When one is
missing the calling test is skipped, unless ``TRIPWIRE_REQUIRE_PROMETHEUS=1`` (set it in CI) makes
that a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

__all__ = [
    "REQUIRE_ENV",
    "ServerError",
    "free_port",
    "get_json",
    "post_json",
    "query",
    "require_binary",
    "scrape_config",
    "start_alertmanager",
    "start_prometheus",
    "wait_until",
]

REQUIRE_ENV = "TRIPWIRE_REQUIRE_PROMETHEUS"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0

Stop = Callable[[], None]


class ServerError(RuntimeError):
    """A server did not come up; the message carries the tail of its log."""


def require_binary(name: str, *alternatives: str) -> str:
    """The path of ``name`` (or an alternative name) on PATH; skip or fail the test if absent.

    Skips locally so a machine without the Debian packages can still run the rest; fails when
    ``TRIPWIRE_REQUIRE_PROMETHEUS=1`` so CI can never pass by skipping.
    """
    for candidate in (name, *alternatives):
        path = shutil.which(candidate)
        if path:
            return path
    message = (
        f"{name} not found on PATH (apt-get install prometheus prometheus-alertmanager provides "
        "prometheus, promtool, prometheus-alertmanager and amtool)"
    )
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; required because {REQUIRE_ENV}=1")
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (servers retry if it is taken)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.2) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds pass; return its last value."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def get_json(url: str, timeout: float = 5.0) -> Any:
    """GET ``url`` and decode JSON; Prometheus answers errors (400/422) with JSON bodies too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        body = exc.read()
        try:
            return json.loads(body)
        except ValueError:
            raise exc from None


def post_json(url: str, payload: Any, timeout: float = 5.0) -> int:
    """POST ``payload`` as JSON; return the HTTP status."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        status: int = response.status
        return status


def query(url: str, expr: str, at: float | None = None) -> dict[str, Any]:
    """Run an instant query; the whole API answer (``status``, ``data`` or ``error``)."""
    params = {"query": expr}
    if at is not None:
        params["time"] = f"{at:.3f}"
    answer: dict[str, Any] = get_json(f"{url}/api/v1/query?{urllib.parse.urlencode(params)}")
    return answer


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _start(
    argv_for_port: Callable[[int], list[str]],
    ready_path: str,
    workdir: Path,
    timeout: float,
) -> tuple[str, Stop]:
    """Start a server on a free port, wait for ``ready_path`` to answer 200, return (url, stop).

    Retries on a new port if the chosen one was taken between probing and binding.
    """
    log_path = workdir / "server.log"
    for _attempt in range(3):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with log_path.open("ab") as log:
            proc = subprocess.Popen(
                argv_for_port(port),
                cwd=workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def stop(proc: subprocess.Popen[bytes] = proc) -> None:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=STOP_TIMEOUT)
            shutil.rmtree(workdir, ignore_errors=True)

        def settled(proc: subprocess.Popen[bytes] = proc, probe: str = url + ready_path) -> bool:
            return proc.poll() is not None or _is_up(probe)

        if wait_until(settled, timeout, 0.1):
            if proc.poll() is None:
                return url, stop
            if "address already in use" in _log_tail(log_path).lower():
                continue
            tail = _log_tail(log_path)
            stop()
            raise ServerError(f"{argv_for_port(port)[0]} exited with {proc.returncode}:\n{tail}")
        tail = _log_tail(log_path)
        stop()
        raise ServerError(f"{argv_for_port(port)[0]} not ready after {timeout}s:\n{tail}")
    tail = _log_tail(log_path)
    shutil.rmtree(workdir, ignore_errors=True)
    raise ServerError(f"no free port after 3 attempts:\n{tail}")


def scrape_config(
    targets: Sequence[str],
    *,
    job: str = "tripwire",
    interval: str = "1s",
    metrics_path: str = "/metrics",
) -> str:
    """A minimal Prometheus config scraping ``targets`` (``host:port``) as ``job``, rules every ``interval``.

    Written as JSON, which is YAML, so no YAML emitter is needed.
    """
    config = {
        "global": {"scrape_interval": interval, "evaluation_interval": interval, "scrape_timeout": interval},
        "scrape_configs": [
            {"job_name": job, "metrics_path": metrics_path, "static_configs": [{"targets": list(targets)}]}
        ],
    }
    return json.dumps(config, indent=2)


def start_prometheus(
    config_text: str,
    rule_files: Sequence[Path | str] = (),
    *,
    timeout: float = START_TIMEOUT,
) -> tuple[str, Stop]:
    """Run Prometheus with ``config_text`` on a free loopback port; return ``(base_url, stop)``.

    ``rule_files`` replace the config's own ``rule_files`` (made absolute, so the config can live
    in a temp dir). ``stop()`` terminates the process by PID and removes its temp directory; it is
    safe to call twice.
    """
    binary = require_binary("prometheus")
    workdir = Path(tempfile.mkdtemp(prefix="tripwire-prometheus-"))
    config: dict[str, Any] = yaml.safe_load(config_text) or {}
    if rule_files:
        config["rule_files"] = [str(Path(p).resolve()) for p in rule_files]
    config_path = workdir / "prometheus.yml"
    config_path.write_text(json.dumps(config, indent=2))

    def argv(port: int) -> list[str]:
        return [
            binary,
            f"--config.file={config_path}",
            f"--storage.tsdb.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ]

    return _start(argv, "/-/ready", workdir, timeout)


def start_alertmanager(config_path: Path, *, timeout: float = START_TIMEOUT) -> tuple[str, Stop]:
    """Run Alertmanager with ``config_path``, clustering off, on a free loopback port."""
    binary = require_binary("prometheus-alertmanager", "alertmanager")
    workdir = Path(tempfile.mkdtemp(prefix="tripwire-alertmanager-"))

    def argv(port: int) -> list[str]:
        return [
            binary,
            f"--config.file={config_path.resolve()}",
            f"--storage.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
            # An empty cluster address disables gossip: nothing listens beyond the web port.
            "--cluster.listen-address=",
            "--log.level=warn",
        ]

    return _start(argv, "/-/ready", workdir, timeout)
