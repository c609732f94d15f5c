"""Arrival order within the allowed lateness does not change what the correlator concludes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from signal_factory import T0, JsonTable, hours, make_signal
from stories import BODY, DISTINCT, reprint

from schemas.alert import Alert
from schemas.rule import SequenceRule
from schemas.signal import Severity, Signal
from streams.engine.correlation import Correlator

RULE = SequenceRule.model_validate(
    YAML(typ="safe").load(
        (Path(__file__).parents[2] / "rules/sequences/buildup_exercise_cyber.yaml").read_text()
    )
)

# Within five hours (lateness is 6h, cool-down 12h, window 24h): four copies of one story from three
# outlets, three other stories, a second rule and category at the same place, and a sequence elsewhere.
SIGNALS: list[Signal] = [
    *(
        make_signal(source=s, text=reprint(i, s), published_at=T0 + hours(i), evidence=BODY[0])
        for i, s in enumerate(["ap", "afp", "ap", "dpa"])
    ),
    *(
        make_signal(source=s, text=DISTINCT[i], published_at=T0 + hours(0.5 + i))
        for i, s in enumerate(["x", "y", "z"])
    ),
    make_signal(rule_id="cyberattack.outage", text=DISTINCT[3], source="x", published_at=T0 + hours(2.5)),
    make_signal(rule_id="troop_buildup.massing", place="MD", text=DISTINCT[0], published_at=T0 + hours(1)),
    make_signal(rule_id="military_exercise.drills", place="MD", text=DISTINCT[1], published_at=T0 + hours(3)),
    make_signal(rule_id="cyberattack.outage", place="MD", text=DISTINCT[2], published_at=T0 + hours(4.5)),
    make_signal(
        rule_id="troop_buildup.massing",
        place="GE",
        text=DISTINCT[4],
        published_at=T0 + hours(2),
        severity=Severity.HIGH,
    ),
]


def outcome(signals: list[Signal]) -> tuple[list[tuple[object, ...]], dict[str, float]]:
    """What was concluded, independent of which item happened to be first: the resolved alerts'
    grouping, sources, severity and counts, plus the places' escalation index."""
    correlator = Correlator(JsonTable(), sequences=[RULE])
    emitted: list[Alert] = []
    for signal in signals:
        emitted += correlator.process(signal)
    finals = correlator.expire(T0 + hours(24 * 30))
    assert len(finals) == len({a.alert_id for a in emitted})  # every alert resolved exactly once
    summary = sorted(
        (
            a.category,
            a.place,
            sorted(a.items),
            sorted(a.corroboration.sources),
            a.severity,
            a.suppressed,
            a.late,
        )
        for a in finals
    )
    index = {p: round(correlator.escalation_index(p, T0 + hours(6)), 9) for p in ("UA", "MD", "GE")}
    return summary, index


IN_ORDER = outcome(sorted(SIGNALS, key=lambda s: s.published_at or T0))


def test_the_in_order_result_is_what_the_policy_says() -> None:
    summary, _ = IN_ORDER
    ua = [row for row in summary if row[:2] == ("troop_buildup", "UA")]
    assert len(ua) == 1  # one story in four copies plus three repeats in the cool-down: one alert
    _, _, items, sources, severity, suppressed, late = ua[0]
    assert len(items) == 7 and sources == ["afp", "ap", "dpa", "x", "y", "z"]
    assert severity is Severity.HIGH and suppressed == 3 and not late
    assert [row[0] for row in summary].count("escalation_sequence") == 1


@settings(max_examples=60, deadline=None)
@given(st.permutations(SIGNALS))
def test_any_arrival_order_within_lateness_concludes_the_same(order: list[Signal]) -> None:
    assert outcome(order) == IN_ORDER


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(SIGNALS), min_size=len(SIGNALS), max_size=2 * len(SIGNALS)))
def test_redelivery_is_idempotent(extra: list[Signal]) -> None:
    ordered = sorted(SIGNALS, key=lambda s: s.published_at or T0)
    assert outcome([*ordered, *extra]) == IN_ORDER


@pytest.mark.parametrize("cut", [1, 5, 9])
def test_a_restart_at_any_point_continues_the_same(cut: int) -> None:
    ordered = sorted(SIGNALS, key=lambda s: s.published_at or T0)
    table = JsonTable()
    for signal in ordered[:cut]:
        Correlator(table, sequences=[RULE]).process(signal)
    rebuilt = Correlator(table, sequences=[RULE])  # nothing but the table survives the restart
    for signal in ordered:  # the new worker re-reads from the last committed offset: re-deliveries
        rebuilt.process(signal)
    finals = rebuilt.expire(T0 + hours(24 * 30))
    assert (
        sorted(
            (
                a.category,
                a.place,
                sorted(a.items),
                sorted(a.corroboration.sources),
                a.severity,
                a.suppressed,
                a.late,
            )
            for a in finals
        )
        == IN_ORDER[0]
    )
