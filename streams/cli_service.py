"""`tripwire worker | publish | tail | demo`: the service commands.

Why one error funnel (`_run`): users see every expected failure (broker down, bad rule, missing file)
as one line on stderr with exit code 2, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from schemas.alert import Alert
from schemas.errors import NewsInputError, TripwireError
from schemas.signal import Severity
from streams.settings import Settings, load_settings

__all__ = ["demo_command", "publish_command", "tail_command", "worker_command"]

T = TypeVar("T")
PROGRESS_THRESHOLD = 50
SEVERITIES = [s.value for s in Severity]


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    sys.exit(2)


def _run(func: Callable[[], T]) -> T:
    try:
        return func()
    except TripwireError as exc:
        _fail(str(exc).replace("\n", "; "))
    except KeyboardInterrupt:
        sys.exit(130)
    raise AssertionError("unreachable")


def _arun(coro: Callable[[], Coroutine[Any, Any, T]]) -> T:
    # aiokafka logs each failed connection attempt; the user gets our one line instead.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    try:
        return _run(lambda: asyncio.run(coro()))
    finally:
        logging.getLogger("aiokafka").setLevel(logging.NOTSET)


def print_alert(console: Console, alert: Alert, fmt: str = "text") -> None:
    """Text via the shared renderer (same as `scan`), or the alert contract JSON on one line."""
    from streams.render import render_alert

    if fmt == "jsonl":
        click.echo(alert.model_dump_json())
    else:
        console.print(render_alert(alert), end="", soft_wrap=True)


def _settings(**overrides: Any) -> Settings:
    return _run(lambda: load_settings(**overrides))


broker_option = click.option(
    "--broker",
    "-b",
    help="kafka://host:port[;host:port…] or host:port (default: $TRIPWIRE_BROKER or kafka://127.0.0.1:9092)",
)


@click.command("worker")
@broker_option
@click.option("--web-port", type=int, help="port for /metrics, /healthz, /readyz (default 6066)")
@click.option(
    "--rules", "rules", multiple=True, type=click.Path(path_type=Path), help="rule folder (repeatable)"
)
@click.option("--local-rules", multiple=True, type=click.Path(path_type=Path), help="local override folder")
@click.option(
    "--loglevel",
    "-l",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
)
def worker_command(
    broker: str | None,
    web_port: int | None,
    rules: tuple[Path, ...],
    local_rules: tuple[Path, ...],
    loglevel: str,
) -> None:
    """Run a Faust worker: ingest → detect → correlate → emit."""
    import faust

    from streams.service import build_service
    from streams.topics import all_topic_names, ensure_topics

    settings = _settings(
        broker=broker, web_port=web_port, rules_dirs=rules or None, local_rules=local_rules or None
    )
    service = _run(lambda: build_service(settings))
    # Fail fast with one line if the broker is down, before Faust starts retrying in the background.
    _arun(lambda: ensure_topics(settings, [*all_topic_names(settings), *service.app.extra_topics]))
    worker = faust.Worker(service.app, loglevel=loglevel, quiet=loglevel in ("warning", "error"))
    worker.execute_from_commandline()


@click.command("publish")
@click.argument("paths", nargs=-1, required=True)
@broker_option
@click.option("--topic", help="topic to publish to (default: the input topic, news.raw)")
@click.option(
    "--raw", is_flag=True, help="send bytes unvalidated (one record a file, or a line for .jsonl/stdin)"
)
def publish_command(paths: tuple[str, ...], broker: str | None, topic: str | None, raw: bool) -> None:
    """Send news items (JSON object or array, JSON Lines, .txt, folders, - for stdin) to news.raw.

    Bad items are reported with file and line and skipped; the rest are sent; the exit code is 1
    when anything was skipped, 2 when nothing could be done.
    """
    from streams.clients import publish_records
    from streams.publishing import Record, raw_records, validated_records
    from streams.topics import ensure_topics

    settings = _settings(broker=broker)
    target = topic or settings.input_topic
    err = Console(stderr=True, highlight=False)
    records: list[Record] = []
    problems = 0
    stdin = sys.stdin.buffer if "-" in paths else None

    def read() -> list[Record | NewsInputError]:
        return list(raw_records(paths, stdin)) if raw else list(validated_records(paths))

    for entry in _run(read):
        if isinstance(entry, NewsInputError):
            problems += 1
            err.print(f"[yellow]skipped[/] {entry}", soft_wrap=True)
        else:
            records.append(entry)

    async def send() -> int:
        await ensure_topics(settings, [target])
        if len(records) <= PROGRESS_THRESHOLD:
            return await publish_records(settings, records, target)
        with Progress(
            TextColumn("publishing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("publish", total=len(records))
            return await publish_records(settings, records, target, on_sent=lambda _r: progress.advance(task))

    sent = _arun(send) if records else 0
    click.echo(f"published {sent} items to {target}" + (f" ({problems} skipped)" if problems else ""))
    if problems:
        sys.exit(1)


@click.command("tail")
@broker_option
@click.option("--category", "-c", help="only this category (reads alerts.<category>)")
@click.option("--min-severity", "-s", type=click.Choice(SEVERITIES), help="hide alerts below this severity")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.option("--from-beginning", is_flag=True, help="start at the oldest alert instead of new ones")
@click.option("--max", "max_count", type=click.IntRange(min=1), help="stop after this many alerts")
@click.option("--timeout", type=click.FloatRange(min=0), help="stop after this many seconds")
def tail_command(
    broker: str | None,
    category: str | None,
    min_severity: str | None,
    fmt: str,
    from_beginning: bool,
    max_count: int | None,
    timeout: float | None,
) -> None:
    """Print alerts as they arrive (rich text, or one JSON object a line with --format jsonl)."""
    from streams.clients import consume

    settings = _settings(broker=broker)
    topic = settings.alert_topic(category) if category else settings.alerts_topic
    floor = Severity(min_severity).rank if min_severity else 0
    out = Console(highlight=False, force_terminal=None if fmt == "text" else False)
    err = Console(stderr=True, highlight=False)

    async def run() -> int:
        shown = 0
        async for _topic, value, _headers in consume(settings, [topic], from_beginning, timeout):
            try:
                alert = Alert.model_validate_json(value or b"")
            except ValueError as exc:
                err.print(f"[yellow]skipped a record that is not an alert:[/] {str(exc).splitlines()[0]}")
                continue
            if alert.severity.rank < floor:
                continue
            print_alert(out, alert, fmt)
            shown += 1
            if max_count is not None and shown >= max_count:
                break
        return shown

    _arun(run)


@click.command("demo")
@click.option("--follow", is_flag=True, help="keep running (and printing alerts) until Ctrl-C")
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=120.0,
    show_default=True,
    help="give up waiting for the expected output after this many seconds",
)
@click.option(
    "--examples",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="examples folder with news/ and bad/ (default: the repo's examples/)",
)
def demo_command(follow: bool, timeout: float, examples: Path | None) -> None:
    """Embedded broker + worker + sample news (good and bad); prints alerts as they arrive."""
    from streams.demo import run_demo

    console = Console(highlight=False)
    code = _run(lambda: run_demo(console, lambda a: print_alert(console, a), follow, timeout, examples))
    sys.exit(code)
