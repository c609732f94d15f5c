"""`tripwire scan` and `tripwire rules ...`: the detection core on the command line, no broker needed."""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import TypeAdapter
from rich.console import Console
from rich.table import Table

from schemas.errors import RuleErrors, TripwireError
from schemas.news import NewsItem
from schemas.rule import OverrideFile, Rule, SequenceRule, VocabularyFile
from schemas.signal import Signal
from streams.engine.detector import DEFAULT_RULES_DIR, Detector
from streams.engine.evaluation import evaluate, read_dataset
from streams.engine.lint import lint_library
from streams.engine.replay import replay
from streams.engine.ruletests import run_rule_tests
from streams.engine.trace import Trace
from streams.newsfiles import read_items
from streams.render import render_alert

F = TypeVar("F", bound=Callable[..., Any])
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "rule.schema.json"


def friendly_errors(func: F) -> F:
    """Users see one clear line per problem and exit code 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RuleErrors as exc:
            for err in exc.errors:
                click.echo(f"error: {err}", err=True)
            sys.exit(2)
        except TripwireError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def rules_options(func: F) -> F:
    func = click.option(
        "--local-rules",
        "local_rules",
        multiple=True,
        type=click.Path(path_type=Path),
        envvar="TRIPWIRE_LOCAL_RULES",
        help="local folder(s) of rules and overrides applied on top of the library",
    )(func)
    func = click.option(
        "--rules",
        "rules_dirs",
        multiple=True,
        type=click.Path(path_type=Path),
        help=f"rule folder(s) or file(s) (default: {DEFAULT_RULES_DIR})",
    )(func)
    return func


def load_detector(
    rules_dirs: Sequence[Path], local_rules: Sequence[Path], *, collect: bool = False
) -> Detector:
    local: list[Path] = []
    for entry in local_rules:
        local.extend(Path(p) for p in str(entry).split(":") if p)
    return Detector.load(list(rules_dirs) or [DEFAULT_RULES_DIR], local, collect=collect)


# ---------------------------------------------------------------------------------------------- scan
@click.command("scan")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.option("--include-shadow", is_flag=True, help="also print alerts of test/experimental rules")
@rules_options
@friendly_errors
def scan_command(
    paths: tuple[str, ...],
    fmt: str,
    include_shadow: bool,
    rules_dirs: tuple[Path, ...],
    local_rules: tuple[Path, ...],
) -> None:
    """Detect and correlate in-process, no broker: alerts on stdout.

    PATHS are JSON, JSON Lines or .txt files, or - for stdin. Items are replayed in event-time order
    through the same correlation as the service, so a day of news shows what would have been sent.
    """
    detector = load_detector(rules_dirs, local_rules)
    console = Console(stderr=False, highlight=False)
    signals: list[Signal] = []
    bad = items = 0
    for entry in read_items(list(paths)):
        if isinstance(entry, TripwireError):
            click.echo(f"error: {entry}", err=True)
            bad += 1
            continue
        items += 1
        found = detector.detect(entry)
        signals.extend(s for s in found if include_shadow or s.rule_status == "stable")
    alerts = replay(signals, sequences=detector.ruleset.sequences)
    for alert in alerts:
        if fmt == "jsonl":
            click.echo(alert.model_dump_json())
        else:
            console.print(render_alert(alert))
    if fmt == "text":
        click.echo(f"{items} item(s) scanned, {len(alerts)} alert(s), {bad} unreadable", err=True)
    if bad:
        sys.exit(1)


# --------------------------------------------------------------------------------------------- rules
@click.group("rules")
def rules_group() -> None:
    """Validate, test, explain and measure rule files."""


@rules_group.command("lint")
@rules_options
@click.option("--strict", is_flag=True, help="treat warnings as errors")
@friendly_errors
def lint_command(rules_dirs: tuple[Path, ...], local_rules: tuple[Path, ...], strict: bool) -> None:
    """Validate every rule file; report every problem with file, line and field."""
    detector = load_detector(rules_dirs, local_rules, collect=True)
    findings = lint_library(detector)
    for finding in findings:
        click.echo(str(finding), err=True)
    errors = [f for f in findings if f.level == "error" or strict]
    click.echo(
        f"{detector.rule_count} rules, {len(detector.ruleset.sequences)} sequence rules, "
        f"{len(detector.ruleset.files)} files: {len(errors)} error(s), "
        f"{len(findings) - len(errors)} warning(s)"
    )
    if errors:
        sys.exit(1)


@rules_group.command("test")
@rules_options
@click.option("--rule", "rule_ids", multiple=True, help="only these rule ids")
@click.option("-v", "--verbose", is_flag=True, help="list passing tests too")
@friendly_errors
def test_command(
    rules_dirs: tuple[Path, ...], local_rules: tuple[Path, ...], rule_ids: tuple[str, ...], verbose: bool
) -> None:
    """Run every rule's embedded tests (texts that must fire and must stay quiet)."""
    detector = load_detector(rules_dirs, local_rules)
    outcomes = run_rule_tests(detector, set(rule_ids) or None)
    failed = [o for o in outcomes if not o.passed]
    for outcome in outcomes:
        if verbose or not outcome.passed:
            click.echo(outcome.describe())
    click.echo(f"rule tests: {len(outcomes) - len(failed)} passed, {len(failed)} failed")
    if failed:
        sys.exit(1)


@rules_group.command("explain")
@click.argument("text_or_file")
@click.option("--rule", "rule_ids", multiple=True, help="only these rule ids")
@rules_options
@friendly_errors
def explain_command(
    text_or_file: str, rule_ids: tuple[str, ...], rules_dirs: tuple[Path, ...], local_rules: tuple[Path, ...]
) -> None:
    """Which rules fire on a text or file, on which words, and which guard suppressed what."""
    detector = load_detector(rules_dirs, local_rules)
    known = {compiled.id for compiled in detector.ruleset.rules}
    unknown = sorted(set(rule_ids) - known)
    if unknown:
        hints = {u: difflib.get_close_matches(u, known, n=1) for u in unknown}
        named = ", ".join(f"{u!r}" + (f" (did you mean {h[0]!r}?)" if h else "") for u, h in hints.items())
        raise click.BadParameter(f"no such rule: {named}", param_hint="--rule")
    path = Path(text_or_file)
    if _is_file(path):
        entries = [e for e in read_items([str(path)])]
        for entry in entries:
            if isinstance(entry, TripwireError):
                raise entry
        items = [e for e in entries if isinstance(e, NewsItem)]
    else:
        items = [NewsItem(id="text", body=text_or_file)]
    console = Console(highlight=False)
    for item in items:
        trace = Trace()
        signals = detector.detect(item, only=set(rule_ids) or None, trace=trace)
        fired = {s.rule_id for s in signals}
        console.print(f"[bold]{item.id}[/]: {len(trace.terms)} term hit(s), {len(fired)} rule(s) fired")
        for rule_id, rule_trace in sorted(trace.rules.items()):
            mark = "[green]FIRED[/]" if rule_id in fired else "[yellow]quiet[/]"
            console.print(f"  {mark} {rule_id}")
            for sentence, words in rule_trace.fired:
                console.print(f"      on {words}: [italic]{sentence[:200]}[/]")
            for reason, sentence in rule_trace.suppressed:
                suffix = f": [dim]{sentence[:160]}[/]" if sentence else ""
                if reason.startswith("match: "):
                    console.print(f"      [yellow]no match[/] {reason.removeprefix('match: ')}{suffix}")
                else:
                    console.print(f"      [red]suppressed[/] {reason}{suffix}")
        for rule_id in sorted(set(rule_ids) - trace.rules.keys()):
            # Asked for by name but never a candidate: the terms it needs are not all in the text.
            console.print(f"  [yellow]quiet[/] {rule_id}")
            console.print("      [yellow]no match[/] no sentence has all the terms the rule needs")
        for signal in signals:
            quantities = ", ".join(f"{q.value:g} {q.unit}" for q in signal.quantities)
            console.print(
                f"  -> {signal.category} {signal.severity.value} places={signal.place_names} "
                f"actors={signal.actors} quantities=[{quantities}]"
            )


@rules_group.command("eval")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--show-misses", is_flag=True, help="list false positives and negatives by item id")
@rules_options
@friendly_errors
def eval_command(
    dataset: Path,
    fmt: str,
    show_misses: bool,
    rules_dirs: tuple[Path, ...],
    local_rules: tuple[Path, ...],
) -> None:
    """Per-category precision, recall and F1 on a labelled JSON Lines data set."""
    detector = load_detector(rules_dirs, local_rules)
    items = list(read_dataset(dataset))
    report = evaluate(detector, items)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        table = Table(title=f"{dataset.name}: {report.items} items")
        for col in ("category", "tp", "fp", "fn", "precision", "recall", "f1"):
            table.add_column(col, justify="right" if col != "category" else "left")
        for cat, s in sorted(report.scores.items()):
            table.add_row(
                cat, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"
            )
        Console().print(table)
    if show_misses:
        for item_id, category, kind in report.misses:
            click.echo(f"{kind} {category} {item_id}")


@rules_group.command("schema")
@click.option("--check", is_flag=True, help="exit 1 when the committed schema is stale")
@click.option("--output", type=click.Path(path_type=Path), default=SCHEMA_PATH, show_default=True)
def schema_command(check: bool, output: Path) -> None:
    """Write the JSON Schema of rule files (for yaml-language-server / VS Code)."""
    text = rule_json_schema()
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            click.echo(f"{output} is stale: run `tripwire rules schema`", err=True)
            sys.exit(1)
        click.echo(f"{output} is current")
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")


def rule_json_schema() -> str:
    """One schema for every kind of file under rules/: rule, sequence rule, vocabulary, overrides."""
    adapter: TypeAdapter[Any] = TypeAdapter(Rule | SequenceRule | VocabularyFile | OverrideFile)
    schema = adapter.json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Tripwire rule file"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


__all__ = ["rules_group", "scan_command"]


def _is_file(path: Path) -> bool:
    """Whether the argument names a file; a long sentence is not a path the OS can even look up."""
    try:
        return path.is_file()
    except OSError:  # e.g. ENAMETOOLONG for a paragraph passed as text
        return False
