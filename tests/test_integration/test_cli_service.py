"""The CLI against a real broker: `publish` (validated and --raw) feeds a worker, `tail` shows its
alerts with filters, and the embedded broker is stopped by PID."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from stream_helpers import corpus, expected_pairs, read_topic

from schemas.alert import Alert
from schemas.signal import Severity
from streams.broker import EmbeddedBroker
from streams.cli_service import publish_command, tail_command
from streams.settings import Settings, settings_env
from streams.supervise import WorkerProcess

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def test_publish_and_tail_round_trip(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess], tmp_path: Path
) -> None:
    settings = make_settings()
    items = corpus(12, seed=21, prefix="cli")
    expected = expected_pairs(items)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(i.model_dump_json() for i in items) + '\n{"title": "no id"}\n')
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\xff\xfe")
    env = settings_env(settings)
    start_worker(settings)
    runner = CliRunner()

    result = runner.invoke(publish_command, [str(feed)], env=env)
    assert result.exit_code == 1, result.output  # one line skipped
    assert f"published {len(items)} items to {settings.input_topic} (1 skipped)" in result.output
    assert "feed.jsonl:13" in result.output
    result = runner.invoke(publish_command, ["--raw", str(bad)], env=env)
    assert result.exit_code == 0 and "published 1 items" in result.output

    read_topic(settings, settings.alerts_topic, expect=len(expected), timeout=60)
    result = runner.invoke(
        tail_command,
        ["--from-beginning", "--format", "jsonl", "--min-severity", "high", "--timeout", "5"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    shown = [Alert.model_validate_json(line) for line in result.output.splitlines() if line.startswith("{")]
    assert all(a.severity.rank >= Severity.HIGH.rank for a in shown)
    category = next(iter(sorted({a.category for a in shown})), None)
    if category:
        result = runner.invoke(
            tail_command,
            [
                "--category",
                category,
                "--from-beginning",
                "--format",
                "jsonl",
                "--max",
                "1",
                "--timeout",
                "20",
            ],
            env=env,
        )
        lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
        assert len(lines) == 1 and lines[0]["category"] == category


def test_embedded_broker_is_stopped_by_pid(tmp_path: Path) -> None:
    with EmbeddedBroker(log_path=tmp_path / "b.log") as broker:
        assert broker.process is not None
        pid = broker.process.pid
        os.kill(pid, 0)  # running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
