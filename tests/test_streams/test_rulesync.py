"""Live rule updates without a broker: bundles, worker-side validation and swap, shadow rules.

Small rule folders (one rule, no vocabulary) keep each compile well under a second.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from stream_fakes import FakeMessage, FakeTopics

from schemas.news import NewsItem
from streams.correlate import CorrelateStage, single_alert
from streams.deadletter import DeadLetters
from streams.detect import DetectStage
from streams.emit import AlertEmitter
from streams.engine.detector import Detector
from streams.metrics import Metrics
from streams.rulesync import (
    BundleError,
    BundleRefused,
    RuleBundle,
    build_bundle,
    compile_bundle,
    parse_bundle,
)
from streams.rulesync_worker import LiveRules, RuleFollower
from streams.settings import load_settings

BORDER = """\
id: border_closure.crossings_sealed
title: Border crossings sealed
category: border_closure
severity: medium
status: {status}
description: A state closes or seals its border crossings with a neighbour.
match:
  all:
    - [closed, closes, sealed, seals, shut, shuts]
    - [border, borders, crossing points, checkpoints, frontier]
  within: {within}
exclude:
  - [snow, storm, flood*, outbreak, quarantine]
tests:
  fire:
    - "The government sealed all crossing points on its eastern border overnight."
  quiet:
    - "The border crossing was closed for two days because of heavy snow."
"""
DRILLS = """\
id: military_exercise.drills
title: Drills
category: military_exercise
severity: low
description: Armed forces hold drills.
match: {all: [[drills, exercises], [troops, navy, army]], within: 6}
tests:
  fire: ["The navy opened three days of drills on Monday."]
"""
SEALED = "The government sealed all crossing points on its eastern border overnight."


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    write(folder, "military_exercise/drills.yaml", DRILLS)
    return folder


def bundle_of(library: Path, local: Path | None = None, version: str | None = None) -> RuleBundle:
    locals_ = [local] if local else []
    detector = Detector.load([library], locals_)
    return build_bundle([library], locals_, version or detector.version, pushed_by="test")


def sample(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


# ------------------------------------------------------------------------------------- bundles
def test_bundle_round_trip_keeps_version_and_local_files(library: Path, tmp_path: Path) -> None:
    local = tmp_path / "site"
    write(local, "border.yaml", BORDER.format(status="stable", within=4))
    bundle = bundle_of(library, local)
    assert set(bundle.files) == {"lib/military_exercise/drills.yaml", "site/border.yaml"}
    assert bundle.local == ["site/border.yaml"]
    again = parse_bundle(bundle.model_dump_json().encode())
    detector = compile_bundle(again)
    assert detector.version == bundle.version
    assert {r.id for r in detector.rules} == {"military_exercise.drills", "border_closure.crossings_sealed"}


def test_folders_with_one_name_get_distinct_labels(tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "rules", tmp_path / "b" / "rules"
    write(one, "drills.yaml", DRILLS)
    write(two, "border.yaml", BORDER.format(status="stable", within=4))
    bundle = build_bundle([one], [two], "v", pushed_by="test")
    assert set(bundle.files) == {"rules/drills.yaml", "rules-2/border.yaml"}


def test_broken_rule_is_refused_with_bundle_relative_location(library: Path, tmp_path: Path) -> None:
    local = tmp_path / "site"
    write(local, "border.yaml", BORDER.format(status="stable", within="many"))
    files = {
        "lib/military_exercise/drills.yaml": DRILLS,
        "site/border.yaml": (local / "border.yaml").read_text(),
    }
    bundle = RuleBundle(version="broken-1", files=files, local=["site/border.yaml"])
    with pytest.raises(BundleRefused) as caught:
        compile_bundle(bundle)
    [problem] = caught.value.problems
    assert problem.startswith("site/border.yaml:11:")
    assert "(match.all.within)" in problem and "tripwire-bundle-" not in problem
    assert "broken-1" in str(caught.value)


def test_failing_embedded_test_is_refused(library: Path, tmp_path: Path) -> None:
    text = BORDER.format(status="stable", within=4).replace("heavy snow", "a government order")
    bundle = RuleBundle(
        version="v", files={"lib/drills.yaml": DRILLS, "site/border.yaml": text}, local=["site/border.yaml"]
    )
    with pytest.raises(BundleRefused) as caught:
        compile_bundle(bundle)
    assert any(p.startswith("FAIL site/border.yaml:") and "should quiet" in p for p in caught.value.problems)


def test_a_bundle_must_compile_to_the_version_it_names(library: Path) -> None:
    bundle = bundle_of(library, version="sha256:0000000000000000")
    with pytest.raises(BundleRefused, match=r"\(version\): says sha256:0000"):
        compile_bundle(bundle)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (b"{not json", "not a rule bundle"),
        (json.dumps({"version": "v", "files": {"../evil.yaml": "x"}}).encode(), "unsafe path"),
        (json.dumps({"version": "v", "files": {"/etc/evil.yaml": "x"}}).encode(), "unsafe path"),
        (json.dumps({"version": "v", "files": {"a/run.sh": "x"}}).encode(), "not a rule file"),
        (json.dumps({"version": "v", "files": {}}).encode(), "at least one rule file"),
    ],
)
def test_records_that_are_not_bundles(value: bytes, fragment: str) -> None:
    with pytest.raises(BundleError, match=fragment):
        parse_bundle(value)


# ------------------------------------------------------------------------------- worker swap
@dataclass
class Record:
    """What RuleFollower reads from aiokafka's ConsumerRecord."""

    value: bytes
    offset: int


class FakeCorrelator:
    def __init__(self) -> None:
        self.sequences: list[Any] | None = None

    def set_sequences(self, sequences: Any) -> None:
        self.sequences = list(sequences)


def live_rules(detector: Detector) -> tuple[LiveRules, Metrics, FakeCorrelator]:
    topics, metrics = FakeTopics(), Metrics()
    dead = DeadLetters(topics.deadletter, metrics, max_value_bytes=100)  # type: ignore[arg-type]
    stage = DetectStage(detector, topics, dead, metrics)  # type: ignore[arg-type]
    correlator = FakeCorrelator()
    return LiveRules(metrics, stage, correlator), metrics, correlator


def follower(live: LiveRules) -> RuleFollower:
    return RuleFollower(load_settings(env={}), live)


def test_newest_valid_bundle_is_swapped_in_with_metrics_and_log(
    library: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    start = Detector.load([library])
    live, metrics, correlator = live_rules(start)
    local = tmp_path / "site"
    write(local, "border.yaml", BORDER.format(status="test", within=4))
    older, newer = bundle_of(library), bundle_of(library, local)
    records = [Record(older.model_dump_json().encode(), 0), Record(newer.model_dump_json().encode(), 1)]
    with caplog.at_level(logging.INFO, logger="streams.rulesync_worker"):
        assert asyncio.run(follower(live).apply(records))  # type: ignore[arg-type]
    assert live.stage.detector.version == newer.version != start.version
    assert correlator.sequences == []
    assert sample(metrics, "tripwire_ruleset_info", version=newer.version) == 1
    assert sample(metrics, "tripwire_ruleset_info", version=start.version) is None
    assert sample(metrics, "tripwire_rules_loaded", status="stable") == 1
    assert sample(metrics, "tripwire_rules_loaded", status="test") == 1
    assert f"ruleset {newer.version} active (2 rules)" in caplog.text


def test_refused_bundle_keeps_running_version_and_counts_errors(
    library: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    start = Detector.load([library])
    live, metrics, _ = live_rules(start)
    good = bundle_of(library)
    broken = RuleBundle(
        version="broken-7",
        files={**good.files, "site/border.yaml": BORDER.format(status="stable", within="many")},
        local=["site/border.yaml"],
    )
    records = [Record(broken.model_dump_json().encode(), 5), Record(b"garbage", 6)]
    with caplog.at_level(logging.INFO, logger="streams.rulesync_worker"):
        assert not asyncio.run(follower(live).apply(records))  # type: ignore[arg-type]
    assert live.stage.detector is start
    assert sample(metrics, "tripwire_rule_load_errors_total") == 2
    assert "rule bundle broken-7 (offset 5) refused: site/border.yaml:11:" in caplog.text
    assert "(match.all.within)" in caplog.text
    assert "rule bundle at offset 6 (offset 6) refused: not a rule bundle" in caplog.text


def test_an_invalid_newest_bundle_falls_back_to_the_newest_valid_one(library: Path, tmp_path: Path) -> None:
    live, metrics, _ = live_rules(Detector.load([library]))
    local = tmp_path / "site"
    write(local, "border.yaml", BORDER.format(status="stable", within=4))
    good = bundle_of(library, local)
    records = [Record(good.model_dump_json().encode(), 0), Record(b"{}", 1)]
    assert asyncio.run(follower(live).apply(records))  # type: ignore[arg-type]
    assert live.stage.detector.version == good.version
    assert sample(metrics, "tripwire_rule_load_errors_total") == 1


# ------------------------------------------------------------------------------- shadow rules
def test_shadow_rule_signal_is_counted_but_alerts_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(folder, "border.yaml", BORDER.format(status="test", within=4))
    topics, metrics = FakeTopics(), Metrics()
    dead = DeadLetters(topics.deadletter, metrics, max_value_bytes=100)  # type: ignore[arg-type]
    detect = DetectStage(Detector.load([folder]), topics, dead, metrics)  # type: ignore[arg-type]
    item = NewsItem(id="n1", title="Crossings sealed", body=SEALED)
    asyncio.run(detect(FakeMessage(item.model_dump_json().encode(), topic="news.clean")))  # type: ignore[arg-type]
    assert (
        sample(
            metrics,
            "tripwire_signals_total",
            rule="border_closure.crossings_sealed",
            category="border_closure",
            severity="medium",
        )
        == 1
    )
    [sent] = topics.signals.sent
    emitter = AlertEmitter(None, topics, load_settings(env={}), metrics)  # type: ignore[arg-type]
    correlate = CorrelateStage(single_alert, emitter, dead, metrics)
    asyncio.run(correlate(FakeMessage(sent["value"], key=sent["key"], topic="signals")))  # type: ignore[arg-type]
    assert not topics.alerts.sent and not topics.by_category and not topics.deadletter.sent
    assert (
        metrics.registry.get_sample_value(
            "tripwire_alerts_total",
            {
                "rule": "border_closure.crossings_sealed",
                "category": "border_closure",
                "severity": "medium",
                "status": "firing",
            },
        )
        is None
    )
