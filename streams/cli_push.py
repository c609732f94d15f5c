"""`tripwire rules push`: validate, test, then publish a rule set to every running worker.

Why the same checks as `rules lint`/`rules test` before publishing: workers refuse a bad bundle anyway,
but the author should hear about it at their desk with the file:line:field report, and a refused push
publishes nothing, so the topic's newest record is always a rule set that passed.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from streams.cli_rules import friendly_errors, load_detector, rules_options
from streams.engine.ruletests import run_rule_tests
from streams.rulesync import BundleRefused, build_bundle, compile_bundle
from streams.rulesync_kafka import publish_bundle
from streams.settings import load_settings

__all__ = ["push_command"]


@click.command("push")
@rules_options
@click.option("--broker", help="Kafka bootstrap servers (default: TRIPWIRE_BROKER)")
@click.option("--topic", help="rules topic (default: TRIPWIRE_RULES_TOPIC or tripwire.rules)")
@friendly_errors
def push_command(
    rules_dirs: tuple[Path, ...], local_rules: tuple[Path, ...], broker: str | None, topic: str | None
) -> None:
    """Validate the rule files, run every embedded test, then publish them to all workers.

    A rule set with an error (exit 2) or a failing test (exit 1) is refused and nothing is published.
    Workers validate the bundle again and switch to it within seconds; they keep their running
    version if it fails there.
    """
    settings = load_settings(broker=broker, rules_topic=topic)
    if not settings.rules_topic:
        click.echo("error: live rule updates are off (TRIPWIRE_RULES_TOPIC is empty)", err=True)
        sys.exit(2)
    folders = list(rules_dirs) or list(settings.rules_dirs)  # what workers load: TRIPWIRE_RULES too
    detector = load_detector(folders, local_rules)  # RuleErrors: file:line:col (field), exit 2
    failed = [o for o in run_rule_tests(detector) if not o.passed]
    for outcome in failed:
        click.echo(outcome.describe(), err=True)
    if failed:
        click.echo(f"push refused: {len(failed)} rule test(s) failed; nothing published", err=True)
        sys.exit(1)
    local = [Path(p) for entry in local_rules for p in str(entry).split(":") if p]
    bundle = build_bundle(folders, local, detector.version)
    try:
        compile_bundle(bundle)  # the bundle, as a worker will rebuild it, must give the same version
    except BundleRefused as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo("push refused: the bundle does not rebuild as validated; nothing published", err=True)
        sys.exit(2)
    offset = asyncio.run(publish_bundle(settings, bundle))
    click.echo(
        f"pushed ruleset {bundle.version} ({detector.rule_count} rules, {len(bundle.files)} files) "
        f"to {settings.rules_topic} at offset {offset}"
    )
