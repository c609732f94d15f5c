"""(6) Live rule updates on a real broker: two workers of one app switch to a pushed rule set within
seconds and alert with its new rule_version; a broken set is refused by `tripwire rules push` (nothing
published), and a broken bundle written straight to the topic is refused by both workers, which keep
the version they run, count the error and log the file, line and field."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import wait_until
from prometheus_client.parser import text_string_to_metric_families
from stream_helpers import REPO, alerts_of, detector, item_records, publish, read_topic

from schemas.news import NewsItem
from streams.engine.detector import Detector
from streams.rulesync import RuleBundle, build_bundle
from streams.rulesync_kafka import publish_bundle
from streams.settings import Settings, settings_env
from streams.supervise import WorkerProcess

pytestmark = [pytest.mark.integration, pytest.mark.timeout(420)]

RULE = """\
id: border_closure.crossings_sealed
title: Border crossings sealed
category: border_closure
severity: medium
status: stable
description: >
  A state closes or seals its border crossings with a neighbour. Closures for weather or disease
  control do not fire.
tags: [cameo.1724]
match:
  all:
    - [closed, closes, sealed, seals, shut, shuts, shuttered]
    - [border, borders, border crossings, crossing points, checkpoints, frontier]
  within: {within}
exclude:
  - [snow, storm, flood*, avalanche, outbreak, quarantine, holiday, maintenance]
tests:
  fire:
    - "The government sealed all crossing points on its eastern border overnight."
  quiet:
    - "The border crossing was closed for two days because of heavy snow."
"""
RULE_PATH = "border_closure/crossings_sealed.yaml"
SEALED = NewsItem(
    id="live-border-1",
    title="Crossings sealed overnight",
    body="The government sealed all crossing points on its eastern border overnight.",
    source="reuters",
    published_at=datetime.now(UTC),
)


def metric(worker: WorkerProcess, name: str, **labels: str) -> float | None:
    for family in text_string_to_metric_families(worker.metrics_text()):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return None


def push(settings: Settings, local: Path) -> subprocess.CompletedProcess[str]:
    """`tripwire rules push --local-rules DIR` as a user runs it, against the test's broker and topic."""
    env = {**settings_env(settings), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "streams", "rules", "push", "--local-rules", str(local)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def on_version(worker: WorkerProcess, version: str) -> bool:
    return metric(worker, "tripwire_ruleset_info", version=version) == 1.0


def test_push_swaps_both_workers_and_refuses_broken_rules(
    make_settings: Callable[..., Settings], start_worker: Callable[..., WorkerProcess], tmp_path: Path
) -> None:
    base = make_settings(partitions=2)
    settings = base.model_copy(update={"rules_topic": f"{base.app_id}.rules"})
    workers = [start_worker(settings, "first", wait=False), start_worker(settings, "second", wait=False)]
    for worker in workers:
        worker.wait_ready(150)
    old = detector().version
    for worker in workers:
        assert on_version(worker, old)
        assert f"ruleset {old} active" in worker.log_path.read_text()
    assert not detector().detect(SEALED)  # only the pushed rule fires on this item

    # 1. push a new category from a local folder: both workers switch within seconds
    site = tmp_path / "site"
    (site / "border_closure").mkdir(parents=True)
    (site / RULE_PATH).write_text(RULE.format(within=4))
    pushed = push(settings, site)
    assert pushed.returncode == 0, pushed.stderr
    new = Detector.load(local_dirs=[site])
    match = re.search(r"pushed ruleset (\S+) ", pushed.stdout)
    assert match and match.group(1) == new.version != old
    for worker in workers:
        what = f"{worker.log_path.name} on the new rules"
        wait_until(lambda w=worker: on_version(w, new.version), 30, what=what)
        assert metric(worker, "tripwire_ruleset_info", version=old) is None
        assert "ruleset " + new.version + " active" in worker.log_path.read_text()

    publish(settings, item_records([SEALED]))
    [alert] = alerts_of(read_topic(settings, settings.alert_topic("border_closure"), expect=1, timeout=60))
    assert alert.rule_id == "border_closure.crossings_sealed" and alert.item_id == SEALED.id
    assert alert.rule_version == new.rule("border_closure.crossings_sealed").version

    # 2. a broken rule: the CLI refuses it with file:line and field, and publishes nothing
    broken = tmp_path / "broken"
    (broken / "border_closure").mkdir(parents=True)
    (broken / RULE_PATH).write_text(RULE.format(within="many"))
    refused = push(settings, broken)
    assert refused.returncode != 0
    assert f"{broken / RULE_PATH}:14:" in refused.stderr and "(match.all.within)" in refused.stderr
    assert len(read_topic(settings, settings.rules_topic, expect=1, timeout=10, settle=2)) == 1

    # 3. a broken bundle straight onto the topic: both workers refuse it and keep the new version
    good = build_bundle([REPO / "rules"], [site], new.version, pushed_by="test")
    bad = RuleBundle(
        version="broken-1",
        files={**good.files, f"site/{RULE_PATH}": RULE.format(within="many")},
        local=good.local,
    )
    asyncio.run(publish_bundle(settings, bad))
    for worker in workers:
        wait_until(
            lambda w=worker: (metric(w, "tripwire_rule_load_errors_total") or 0) >= 1,
            60,
            what=f"{worker.log_path.name} to refuse the broken bundle",
        )
        assert on_version(worker, new.version)
        log = worker.log_path.read_text()
        assert f"rule bundle broken-1 (offset 1) refused: site/{RULE_PATH}:14:" in log
        assert "(match.all.within)" in log

    # 4. a worker started now replays the topic: the newest VALID bundle wins, the broken one is refused
    for worker in workers:
        worker.stop()  # (readiness needs partitions: the late worker must not be a third of two)
    late = start_worker(settings, "late")
    assert on_version(late, new.version)
    assert (metric(late, "tripwire_rule_load_errors_total") or 0) >= 1
    assert "rule bundle broken-1 (offset 1) refused" in late.log_path.read_text()
