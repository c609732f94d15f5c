"""`tripwire demo`: embedded broker, one worker, the bundled examples, alerts printed as they arrive.

Why it waits on the worker's own metrics: the demo knows how many records it published; it is done
when the worker has accounted for every one (processed or dead-lettered), every signal became an
alert or a suppression, and every alert and dead letter reached our consumers — or the time is up.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from schemas.alert import Alert
from streams.broker import EmbeddedBroker, free_port
from streams.clients import consume, publish_records
from streams.errors import BrokerError
from streams.publishing import Record, raw_records, validated_records
from streams.settings import Settings, load_settings
from streams.supervise import WorkerProcess, metric_totals, stage_count

__all__ = ["DemoCounts", "is_complete", "run_demo"]

REPO_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
POLL_SECONDS = 0.5


@dataclass
class DemoCounts:
    published: int = 0
    alerts: list[Alert] = field(default_factory=list)
    dead_letters: dict[str, int] = field(default_factory=dict)


def is_complete(totals: dict[str, float], correlated: float, counts: DemoCounts) -> bool:
    """Every published record accounted for by the worker (processed or dead-lettered), every signal
    through correlation, and every alert and dead letter seen by our consumers."""
    received = totals.get("tripwire_items_received_total", 0)
    processed = totals.get("tripwire_items_processed_total", 0)
    done = processed + totals.get("tripwire_items_deadlettered_total", 0)
    signals = totals.get("tripwire_signals_total", 0)
    return (
        received >= counts.published
        and done >= counts.published
        and correlated >= signals
        and len(counts.alerts) >= totals.get("tripwire_alerts_total", 0)
        and sum(counts.dead_letters.values()) >= totals.get("tripwire_items_deadlettered_total", 0)
    )


def _load_examples(folder: Path, console: Console) -> tuple[list[Record], list[Record]]:
    good_dir, bad_dir = folder / "news", folder / "bad"
    if not good_dir.is_dir():
        raise BrokerError(f"{good_dir}: examples not found (pass --examples DIR with news/ and bad/)")
    good: list[Record] = []
    for entry in validated_records([str(good_dir)]):
        if isinstance(entry, Record):
            good.append(entry)
        else:
            console.print(f"[yellow]skipped example[/] {entry}")
    bad = list(raw_records([str(bad_dir)])) if bad_dir.is_dir() else []
    return good, bad


async def _watch(
    settings: Settings,
    worker: WorkerProcess,
    counts: DemoCounts,
    console: Console,
    on_alert: Callable[[Alert], None],
    good: list[Record],
    bad: list[Record],
    timeout: float,
    follow: bool,
) -> bool:
    async def read_alerts() -> None:
        async for _t, value, _h in consume(settings, [settings.alerts_topic], from_beginning=True):
            alert = Alert.model_validate_json(value or b"{}")
            counts.alerts.append(alert)
            on_alert(alert)

    async def read_dead() -> None:
        async for _t, _v, headers in consume(settings, [settings.deadletter_topic], from_beginning=True):
            reason = dict(headers).get("tripwire.reason", b"?").decode()
            counts.dead_letters[reason] = counts.dead_letters.get(reason, 0) + 1

    readers = [asyncio.create_task(read_alerts()), asyncio.create_task(read_dead())]
    try:
        counts.published += await publish_records(settings, good)
        counts.published += await publish_records(settings, bad)
        console.print(
            f"[dim]published {len(good)} news items and {len(bad)} bad records to {settings.input_topic}[/]"
        )
        deadline = time.monotonic() + timeout
        complete = False
        while follow or time.monotonic() < deadline:
            await asyncio.sleep(POLL_SECONDS)
            for task in readers:
                failure = task.exception() if task.done() else None
                if failure is not None:
                    raise failure
            text = worker.metrics_text()
            if not complete and is_complete(metric_totals(text), stage_count(text, "correlate"), counts):
                complete = True
                if not follow:
                    break
                console.print("[dim]all examples processed; following new alerts (Ctrl-C to stop)[/]")
        return complete
    finally:
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)


def run_demo(
    console: Console,
    on_alert: Callable[[Alert], None],
    follow: bool = False,
    timeout: float = 120.0,
    examples: Path | None = None,
) -> int:
    good, bad = _load_examples(examples or REPO_EXAMPLES, console)
    workdir = Path(tempfile.mkdtemp(prefix="tripwire-demo-"))
    started = time.monotonic()
    with EmbeddedBroker(log_path=workdir / "broker.log") as broker:
        console.print(
            f"[bold]tripwire demo[/]: embedded Kafka broker (Tansu) on {broker.bootstrap}, pid "
            f"{broker.process.pid if broker.process else '?'}"
        )
        settings = load_settings(
            broker=broker.url,
            app_id="tripwire-demo",
            web_port=free_port(),
            rebalance_timeout=4,
            session_timeout=6,
            heartbeat_interval=1,
            commit_interval=1,
            lag_interval=2,
            data_dir=workdir,
        )
        console.print("[dim]starting a worker (it compiles the rule set first)…[/]")
        with WorkerProcess(settings, workdir / "worker.log") as worker:
            worker.wait_ready(timeout=min(timeout, 90))
            console.print(
                f"worker pid {worker.pid} ready; metrics at {worker.base_url}/metrics (logs in {workdir})"
            )
            counts = DemoCounts()
            try:
                complete = asyncio.run(
                    _watch(settings, worker, counts, console, on_alert, good, bad, timeout, follow)
                )
            except KeyboardInterrupt:
                complete = False
            dead = ", ".join(f"{n} {r}" for r, n in sorted(counts.dead_letters.items())) or "none"
            status = "all output arrived" if complete else f"stopped waiting after {timeout:.0f}s"
            console.print(
                f"\n[bold]summary[/]: {counts.published} items published, {len(counts.alerts)} alerts, "
                f"{sum(counts.dead_letters.values())} dead letters ({dead}); {status} in "
                f"{time.monotonic() - started:.1f}s"
            )
    return 0
