"""Live rule updates inside a worker: follow the rules topic, validate a bundle, then swap atomically.

Why validate before swapping: a worker must never run a rule set that `tripwire rules push` would have
refused. A bundle is compiled and its embedded tests run off the event loop (`asyncio.to_thread`); only
a bundle that passes replaces the detector, in one synchronous step on the loop, so no record is ever
seen by half a rule set. A refused bundle leaves the running version in place, increments
`tripwire_rule_load_errors_total` and logs one line per problem naming the bundle version and the
bundle-relative file:line:field.

Why replay at startup, before the consumer joins the group: a restarted worker must run the newest
valid pushed rule set from its first record, not its local folders for a few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from aiokafka import AIOKafkaConsumer, ConsumerRecord
from aiokafka.errors import KafkaError

from schemas.rule import RuleStatus
from streams.detect import DetectorLike, DetectStage
from streams.engine.detector import Detector
from streams.errors import BrokerError
from streams.metrics import Metrics
from streams.rulesync import BundleError, BundleRefused, compile_bundle, parse_bundle
from streams.rulesync_kafka import ensure_rules_topic, read_to_end, rules_consumer, rules_partition
from streams.settings import Settings

__all__ = ["LiveRules", "RuleFollower", "announce_ruleset", "register_rule_sync"]

logger = logging.getLogger(__name__)
RETRY_SECONDS = 2.0


class SequenceHolder(Protocol):
    """The correlator, which keeps the rule set's sequence rules (`Correlator.set_sequences`)."""

    def set_sequences(self, sequences: Sequence[Any]) -> None: ...


def status_counts(detector: DetectorLike) -> dict[str, int]:
    """Rules (and sequence rules) by maturity: every status is reported, absent ones as 0."""
    counts: Counter[str] = Counter({s.value: 0 for s in RuleStatus})
    ruleset = getattr(detector, "ruleset", None)
    if ruleset is None:
        counts[RuleStatus.STABLE.value] = detector.rule_count
        return dict(counts)
    for compiled in ruleset.rules:
        counts[compiled.rule.status.value] += 1
    for sequence in ruleset.sequences:
        counts[sequence.status.value] += 1
    return dict(counts)


def announce_ruleset(metrics: Metrics, detector: DetectorLike, previous: str | None = None) -> None:
    """Metrics and the log line for the rule set now in use (at startup and on every swap)."""
    if previous is not None and previous != detector.version:
        with contextlib.suppress(KeyError):  # never exported (a fake detector in unit tests)
            metrics.ruleset_info.remove(previous)
    metrics.ruleset_info.labels(version=detector.version).set(1)
    for status, count in status_counts(detector).items():
        metrics.rules_loaded.labels(status=status).set(count)
    log_active(detector)


def log_active(detector: DetectorLike) -> None:
    logger.info("ruleset %s active (%d rules)", detector.version, detector.rule_count)


class LiveRules:
    """Everything in one worker that holds the rule set, swapped together."""

    def __init__(
        self, metrics: Metrics, stage: DetectStage, correlator: SequenceHolder | None = None
    ) -> None:
        self.metrics = metrics
        self.stage = stage
        self.correlator = correlator

    @property
    def version(self) -> str:
        return self.stage.detector.version

    def swap(self, detector: Detector) -> None:
        """Synchronous on purpose: runs between two records on the event loop, never during one."""
        previous = self.stage.detector.version
        self.stage.detector = detector
        if self.correlator is not None:
            self.correlator.set_sequences(detector.ruleset.sequences)
        announce_ruleset(self.metrics, detector, previous)


class RuleFollower:
    """Reads the rules topic without a consumer group and applies the newest valid bundle."""

    def __init__(self, settings: Settings, live: LiveRules) -> None:
        self.settings = settings
        self.live = live
        self.consumer: AIOKafkaConsumer | None = None

    async def replay(self) -> None:
        """Startup: create the topic if missing, read it to the end, apply the newest valid bundle."""
        await ensure_rules_topic(self.settings)
        self.consumer = await rules_consumer(self.settings)
        records = await read_to_end(self.consumer, self.settings)
        logger.info("rules topic %s: %d bundle(s) at startup", self.settings.rules_topic, len(records))
        await self.apply(records)

    async def apply(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> bool:
        """Newest first: the first bundle that passes (or is already running) wins. True if one did."""
        for record in reversed(records):
            if await self._try(record):
                return True
        return False

    async def _try(self, record: ConsumerRecord[bytes, bytes]) -> bool:
        version = f"at offset {record.offset}"
        try:
            bundle = parse_bundle(record.value)
            version = bundle.version
            if bundle.version == self.live.version:
                logger.info("ruleset %s already active (offset %d)", bundle.version, record.offset)
                return True
            detector = await asyncio.to_thread(compile_bundle, bundle)
        except BundleRefused as exc:
            self._refused(version, record.offset, exc.problems)
            return False
        except BundleError as exc:
            self._refused(version, record.offset, [str(exc)])
            return False
        except Exception as exc:  # a bug in compiling must cost one bundle, not the worker
            logger.exception("rule bundle %s (offset %d) failed to load", version, record.offset)
            self._refused(version, record.offset, [f"{type(exc).__name__}: {exc}"])
            return False
        self.live.swap(detector)
        return True

    def _refused(self, version: str, offset: int, problems: Sequence[str]) -> None:
        self.live.metrics.rule_load_errors.inc(max(len(problems), 1))
        for problem in problems:
            logger.error("rule bundle %s (offset %d) refused: %s", version, offset, problem)
        logger.error("keeping ruleset %s", self.live.version)

    async def follow(self) -> None:
        """Forever: apply each new batch of bundles; broker trouble is logged and retried."""
        tp = rules_partition(self.settings)
        try:
            while True:
                try:
                    if self.consumer is None:
                        await self.replay()
                        continue
                    batches = await self.consumer.getmany(tp, timeout_ms=1000)
                    records = batches.get(tp, [])
                    if records:
                        await self.apply(records)
                except (KafkaError, BrokerError) as exc:
                    logger.warning("rules topic %s: %s; retrying", self.settings.rules_topic, exc)
                    await self.close()
                    await asyncio.sleep(RETRY_SECONDS)
        finally:
            await self.close()

    async def close(self) -> None:
        consumer, self.consumer = self.consumer, None
        if consumer is not None:
            await consumer.stop()


def register_rule_sync(app: Any, settings: Settings, live: LiveRules) -> RuleFollower | None:
    """Replay before the app consumes (a startup hook), then follow in an app task.

    The hook also logs the rule set in use: the first announcement happens while the service is
    assembled, before the worker has set up logging.
    """
    follower = RuleFollower(settings, live) if settings.rules_topic else None

    async def replay_rules() -> None:
        before = live.version
        if follower is not None:
            try:
                await follower.replay()
            except (KafkaError, BrokerError) as exc:
                topic = settings.rules_topic
                logger.warning("rules topic %s unavailable at startup (%s): running local rules", topic, exc)
                await follower.close()
        if live.version == before:
            log_active(live.stage.detector)

    app.startup_hooks.append(replay_rules)
    if follower is None:
        return None

    @app.task  # type: ignore[untyped-decorator]  # faust is untyped here
    async def follow_rules() -> None:
        await follower.follow()

    return follower
