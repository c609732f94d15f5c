"""Sequence rules (buildup -> exercise -> cyberattack at one place within 14d) and offline replay."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from signal_factory import T0, JsonTable, hours, make_signal
from stories import DISTINCT

from schemas.alert import Alert, AlertStatus
from schemas.rule import SequenceRule
from schemas.signal import Severity, Signal
from streams.engine.correlation import Correlator
from streams.engine.replay import final_versions, replay

RULE_FILE = Path(__file__).parents[2] / "rules" / "sequences" / "buildup_exercise_cyber.yaml"
BUILDUP, EXERCISE, CYBER = "troop_buildup.massing", "military_exercise.drills", "cyberattack.outage"


@pytest.fixture(scope="module")
def rule() -> SequenceRule:
    return SequenceRule.model_validate(YAML(typ="safe").load(RULE_FILE.read_text()))


def step(rule_id: str, place: str, day: float, n: int = 0) -> Signal:
    return make_signal(rule_id=rule_id, place=place, text=DISTINCT[n], published_at=T0 + timedelta(days=day))


def sequence_alerts(alerts: list[Alert]) -> list[Alert]:
    return [a for a in alerts if a.category == "escalation_sequence"]


def feed(correlator: Correlator, signals: list[Signal]) -> list[Alert]:
    out: list[Alert] = []
    for signal in signals:
        out += correlator.process(signal)
    return out


def test_the_shipped_rule_file(rule: SequenceRule) -> None:
    assert rule.id == "escalation_sequence.buildup_exercise_cyber"
    assert rule.sequence.steps == ["troop_buildup", "military_exercise", "cyberattack"]
    assert rule.severity is Severity.CRITICAL and rule.sequence.within == "14d"


def test_buildup_exercise_cyber_at_one_place_is_one_sequence_alert(rule: SequenceRule) -> None:
    correlator = Correlator(JsonTable(), sequences=[rule])
    alerts = feed(
        correlator, [step(BUILDUP, "MD", 0, 0), step(EXERCISE, "MD", 5, 1), step(CYBER, "MD", 12, 2)]
    )
    [seq] = sequence_alerts(alerts)
    steps = [a for a in alerts if a.category != "escalation_sequence"]
    assert seq.rule_id == rule.id and seq.severity is Severity.CRITICAL
    assert seq.chain == [a.alert_id for a in steps]
    assert seq.items == [a.item_id for a in steps]
    assert [e.text for e in seq.evidence] == [a.evidence[0].text for a in steps]
    assert seq.place == "MD" and seq.published_at == T0 + timedelta(days=12)
    # more of the same does not re-emit while the sequence alert is open
    more = feed(correlator, [step(EXERCISE, "MD", 12.5, 3), step(CYBER, "MD", 13, 4)])
    assert sequence_alerts(more) == []


def test_steps_arriving_out_of_order_still_chain_by_event_time(rule: SequenceRule) -> None:
    correlator = Correlator({}, sequences=[rule])
    signals = [step(EXERCISE, "MD", 1, 1), step(BUILDUP, "MD", 0.9, 0), step(CYBER, "MD", 1.1, 2)]
    assert len(sequence_alerts(feed(correlator, signals))) == 1


@pytest.mark.parametrize(
    "signals",
    [
        pytest.param(
            [step(BUILDUP, "MD", 0), step(EXERCISE, "UA", 2, 1), step(CYBER, "MD", 4, 2)], id="two places"
        ),
        pytest.param(
            [step(EXERCISE, "MD", 0, 1), step(BUILDUP, "MD", 2), step(CYBER, "MD", 4, 2)], id="wrong order"
        ),
        pytest.param(
            [step(BUILDUP, "MD", 0), step(EXERCISE, "MD", 8, 1), step(CYBER, "MD", 15, 2)], id="over 14d"
        ),
        pytest.param([step(BUILDUP, "MD", 0), step(EXERCISE, "MD", 3, 1)], id="incomplete"),
    ],
)
def test_no_sequence_alert(rule: SequenceRule, signals: list[Signal]) -> None:
    assert sequence_alerts(feed(Correlator({}, sequences=[rule]), signals)) == []


def test_sequence_alert_resolves_and_a_new_chain_can_fire_later(rule: SequenceRule) -> None:
    correlator = Correlator(JsonTable(), sequences=[rule])
    [first] = sequence_alerts(
        feed(correlator, [step(BUILDUP, "MD", 0), step(EXERCISE, "MD", 1, 1), step(CYBER, "MD", 2, 2)])
    )
    resolved = [a for a in correlator.expire(T0 + timedelta(days=17)) if a.alert_id == first.alert_id]
    assert [a.status for a in resolved] == [AlertStatus.RESOLVED]
    later = [step(BUILDUP, "MD", 20, 3), step(EXERCISE, "MD", 21, 4), step(CYBER, "MD", 22, 0)]
    [second] = sequence_alerts(feed(correlator, later))
    assert second.alert_id != first.alert_id


def test_replay_sorts_by_event_time_and_alerts_every_category_of_one_article() -> None:
    text = DISTINCT[0]
    hits = [
        make_signal(rule_id=BUILDUP, text=text),
        make_signal(rule_id="troop_buildup.figures", text=text),
        make_signal(rule_id=EXERCISE, text=text),
    ]
    alerts = replay(hits)
    assert sorted(a.rule_id for a in alerts) == sorted(h.rule_id for h in hits)


def test_replay_equals_the_stream_in_event_time_order(rule: SequenceRule) -> None:
    signals = [step(CYBER, "MD", 2, 2), step(BUILDUP, "MD", 0), step(EXERCISE, "MD", 1, 1)]
    alerts = replay(signals, sequences=[rule], now=T0 + timedelta(days=30))
    assert [a.category for a in alerts if a.status is AlertStatus.FIRING][-1] == "escalation_sequence"
    final = final_versions(alerts)
    assert len(final) == 4 and all(a.status is AlertStatus.RESOLVED for a in final)


def test_replay_without_now_resolves_nothing() -> None:
    alerts = replay(
        [make_signal(text=DISTINCT[0]), make_signal(text=DISTINCT[1], published_at=T0 + hours(30))]
    )
    assert all(a.status is AlertStatus.FIRING for a in alerts) and len(alerts) == 2


def test_every_shipped_sequence_names_categories_of_shipped_rules() -> None:
    from streams.engine.loader import load_library  # loading, not compiling: the check is the compiler's

    library = load_library([RULE_FILE.parents[1]])
    categories = {r.rule.category for r in library.rules.values()}
    assert {"escalation_sequence.buildup_exercise_cyber", "escalation_sequence.mobilisation_buildup"} <= set(
        library.sequences
    )
    for loaded in library.sequences.values():
        assert set(loaded.rule.sequence.steps) <= categories, loaded.rule.id


def test_mobilisation_then_buildup_within_a_week() -> None:
    rule = SequenceRule.model_validate(
        YAML(typ="safe").load((RULE_FILE.parent / "mobilisation_buildup.yaml").read_text())
    )
    mob = "mobilisation.reservists_called_up"
    assert (
        len(
            sequence_alerts(
                feed(Correlator({}, sequences=[rule]), [step(mob, "GE", 0), step(BUILDUP, "GE", 6, 1)])
            )
        )
        == 1
    )
    assert (
        sequence_alerts(
            feed(Correlator({}, sequences=[rule]), [step(mob, "GE", 0), step(BUILDUP, "GE", 8, 1)])
        )
        == []
    )
