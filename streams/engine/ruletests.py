"""Run the tests embedded in rule files through the same path as the service (Detector.detect).

Why embedded tests: a rule and the texts that justify it travel together, so an override or a list
change that breaks a rule fails `tripwire rules test` (and `rules push`) before it reaches analysts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from schemas.errors import SourceLocation
from schemas.news import NewsItem
from schemas.rule import RuleTestCase
from schemas.signal import Signal
from streams.engine.compiler import CompiledRule
from streams.engine.detector import Detector
from streams.engine.trace import Trace


@dataclass(frozen=True)
class RuleTestOutcome:
    rule_id: str
    expect: str  # "fire" or "quiet"
    text: str
    passed: bool
    detail: str
    location: SourceLocation

    def describe(self) -> str:
        verdict = "ok" if self.passed else "FAIL"
        return (
            f"{verdict} {self.location} {self.rule_id} should {self.expect}: {self.text[:90]!r} {self.detail}"
        )


def _as_case(value: str | RuleTestCase) -> RuleTestCase:
    return value if isinstance(value, RuleTestCase) else RuleTestCase(text=value)


def run_rule(detector: Detector, compiled: CompiledRule) -> list[RuleTestOutcome]:
    outcomes: list[RuleTestOutcome] = []
    rule = compiled.rule
    for expect, cases in (("fire", rule.tests.fire), ("quiet", rule.tests.quiet)):
        for i, raw in enumerate(cases):
            case = _as_case(raw)
            item = NewsItem(id=f"{rule.id}#{expect}{i}", title=case.title, body=case.text)
            trace = Trace()
            signals = detector.detect(item, only={rule.id}, trace=trace)
            passed, detail = _judge(expect, case, signals, trace, rule.id)
            where = compiled.source.locate(("tests", expect, i))
            outcomes.append(RuleTestOutcome(rule.id, expect, case.text, passed, detail, where))
    return outcomes


def _judge(
    expect: str, case: RuleTestCase, signals: list[Signal], trace: Trace, rule_id: str
) -> tuple[bool, str]:
    rule_trace = trace.rules.get(rule_id)
    why = "; ".join(reason for reason, _ in rule_trace.suppressed) if rule_trace else "no term matched"
    if expect == "quiet":
        if signals:
            words = signals[0].evidence[0].matched if signals[0].evidence else []
            return False, f"(fired on {words})"
        return True, ""
    if not signals:
        return False, f"(did not fire: {why or 'the condition did not hold'})"
    signal = signals[0]
    if case.quantity_at_least is not None:
        values = [q.value for q in signal.quantities]
        if not any(v >= case.quantity_at_least for v in values):
            return False, f"(quantities {values} below {case.quantity_at_least:g})"
    if case.place is not None and case.place not in signal.places and case.place not in signal.place_names:
        return False, f"(places {signal.places} lack {case.place})"
    return True, ""


def run_rule_tests(detector: Detector, rule_ids: Collection[str] | None = None) -> list[RuleTestOutcome]:
    outcomes: list[RuleTestOutcome] = []
    for compiled in detector.rules:
        if rule_ids is None or compiled.id in rule_ids:
            outcomes.extend(run_rule(detector, compiled))
    return outcomes
