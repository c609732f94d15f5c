"""Correlator: corroboration, near-duplicates, suppression, lateness, idempotency, restart, expiry."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from signal_factory import T0, JsonTable, hours, make_signal
from stories import BODY, DISTINCT, reprint

from schemas.alert import Alert, AlertStatus
from schemas.signal import CorrelationPolicy, Severity
from streams.engine.correlation import Correlator, alert_key

OUTLETS = [f"outlet{i:02d}" for i in range(30)]


def run(correlator: Correlator, signals: list) -> list[Alert]:
    out: list[Alert] = []
    for signal in signals:
        out += correlator.process(signal)
    return out


@pytest.fixture
def table() -> JsonTable:
    return JsonTable()


def test_alert_id_is_deterministic_on_rule_situation_and_story(table: JsonTable) -> None:
    signal = make_signal(text=DISTINCT[0])
    [alert] = Correlator(table).process(signal)
    expected = hashlib.sha256(f"{signal.rule_id}|troop_buildup|UA|{signal.item_id}".encode()).hexdigest()[:32]
    assert alert.alert_id == expected
    assert alert.status is AlertStatus.FIRING and alert.version == 1
    assert alert_key(alert) == "troop_buildup|UA"


def test_thirty_reprints_from_thirty_outlets_are_one_alert_naming_every_source(table: JsonTable) -> None:
    correlator = Correlator(table)
    signals = [
        make_signal(source=o, text=reprint(i, o), published_at=T0 + hours(i / 10), evidence=BODY[0])
        for i, o in enumerate(OUTLETS)
    ]
    emitted = run(correlator, signals)
    assert {a.alert_id for a in emitted} == {emitted[0].alert_id}
    # policy: version 1 on the first copy, one update when the third source corroborates; no more.
    assert [(a.version, a.severity) for a in emitted] == [(1, Severity.MEDIUM), (2, Severity.HIGH)]
    assert emitted[1].corroboration.sources == OUTLETS[:3] and emitted[1].corroboration.window == "24h"
    [final] = correlator.expire(T0 + hours(30))
    assert final.alert_id == emitted[0].alert_id and final.version == 3
    assert final.status is AlertStatus.RESOLVED
    assert sorted(final.corroboration.sources) == OUTLETS and final.corroboration.count == 30
    assert len(final.items) == 30 and final.suppressed == 0  # copies are corroboration, not repeats
    assert len(final.evidence) == 1  # the same sentence thirty times is one piece of evidence


def test_copy_from_the_same_source_is_only_counted(table: JsonTable) -> None:
    correlator = Correlator(table)
    [first] = correlator.process(make_signal(source="tass", text=reprint(0, "tass")))
    assert (
        correlator.process(make_signal(source="tass", text=reprint(1, "tass"), published_at=T0 + hours(1)))
        == []
    )
    [resolved] = correlator.expire(T0 + hours(30))
    assert resolved.corroboration.sources == ["tass"] and len(resolved.items) == 2
    assert resolved.severity is Severity.MEDIUM and resolved.alert_id == first.alert_id


def test_three_distinct_reports_raise_severity_and_a_fourth_in_cooldown_is_suppressed(
    table: JsonTable,
) -> None:
    correlator = Correlator(table)
    reports = [
        make_signal(source=s, text=DISTINCT[i], published_at=T0 + hours(i))
        for i, s in enumerate(["a", "b", "c"])
    ]
    first, second, third = (correlator.process(r) for r in reports)
    assert len(first) == 1 and second == []
    [update] = third
    assert update.alert_id == first[0].alert_id and update.version == 2
    assert update.severity is Severity.HIGH and update.corroboration.sources == ["a", "b", "c"]
    assert update.suppressed == 2
    fourth = make_signal(source="d", text=DISTINCT[3], published_at=T0 + hours(4))
    assert correlator.process(fourth) == []
    [resolved] = correlator.expire(T0 + hours(40))
    assert resolved.suppressed == 3 and fourth.item_id in resolved.items
    assert resolved.corroboration.sources == ["a", "b", "c", "d"]


def test_raise_to_is_the_corroborated_severity() -> None:
    policy = CorrelationPolicy(min_sources=2, corroborated_severity=Severity.CRITICAL)
    correlator = Correlator({})
    correlator.process(make_signal(source="a", text=DISTINCT[0], policy=policy))
    [update] = correlator.process(
        make_signal(source="b", text=DISTINCT[1], published_at=T0 + hours(1), policy=policy)
    )
    assert update.severity is Severity.CRITICAL


def test_after_the_cooldown_a_new_story_alerts_again(table: JsonTable) -> None:
    correlator = Correlator(table)
    [first] = correlator.process(make_signal(source="a", text=DISTINCT[0]))
    [again] = correlator.process(make_signal(source="b", text=DISTINCT[1], published_at=T0 + hours(13)))
    assert again.alert_id != first.alert_id and again.version == 1 and again.suppressed == 0


def test_a_higher_severity_story_inside_the_cooldown_alerts_again(table: JsonTable) -> None:
    correlator = Correlator(table)
    [first] = correlator.process(make_signal(source="a", text=DISTINCT[0]))
    higher = make_signal(source="b", text=DISTINCT[1], published_at=T0 + hours(1), severity=Severity.CRITICAL)
    [again] = correlator.process(higher)
    assert again.alert_id != first.alert_id and again.severity is Severity.CRITICAL


def test_a_higher_severity_copy_of_the_same_story_updates_it(table: JsonTable) -> None:
    correlator = Correlator(table)
    [first] = correlator.process(make_signal(source="a", text=reprint(0, "a")))
    copy = make_signal(source="a", text=reprint(1, "a"), published_at=T0 + hours(1), severity=Severity.HIGH)
    [update] = correlator.process(copy)
    assert (update.alert_id, update.version, update.severity) == (first.alert_id, 2, Severity.HIGH)


def test_suppression_is_per_rule_and_category_so_no_category_is_swallowed(table: JsonTable) -> None:
    correlator = Correlator(table)
    text = DISTINCT[0]
    hits = [
        make_signal(rule_id="troop_buildup.massing", text=text),
        make_signal(rule_id="troop_buildup.figures", text=text),
        make_signal(rule_id="military_exercise.drills", text=text),
    ]
    alerts = run(correlator, hits)
    assert sorted(a.rule_id for a in alerts) == sorted(h.rule_id for h in hits)
    assert len({a.alert_id for a in alerts}) == 3


def test_replaying_a_signal_resends_the_same_alert_and_changes_nothing(table: JsonTable) -> None:
    # At-least-once: a re-delivery must not be lost (its first attempt may have died before the
    # alert was sent) nor counted twice: the same alert_id and version again, state untouched.
    correlator = Correlator(table)
    signal = make_signal(text=DISTINCT[0])
    [first] = correlator.process(signal)
    before = dict(table.data)
    [again] = correlator.process(signal)
    assert (again.alert_id, again.version, again.severity) == (first.alert_id, first.version, first.severity)
    assert table.data == before


def test_a_late_item_is_alerted_on_its_own_and_leaves_the_windows_alone(table: JsonTable) -> None:
    correlator = Correlator(table)
    [current] = correlator.process(make_signal(source="a", text=DISTINCT[0], published_at=T0 + hours(24)))
    correlator.process(make_signal(source="b", text=DISTINCT[1], published_at=T0 + hours(25)))
    late = make_signal(source="c", text=DISTINCT[2], published_at=T0)  # 25h behind, lateness is 6h
    [alert] = correlator.process(late)
    assert alert.late and alert.alert_id != current.alert_id and alert.items == [late.item_id]
    assert alert.corroboration.sources == ["c"]
    # "c" did not join the window: a third in-time source is still needed to corroborate.
    [update] = correlator.process(make_signal(source="d", text=DISTINCT[3], published_at=T0 + hours(26)))
    assert update.corroboration.sources == ["a", "b", "d"]


def test_a_very_late_item_redelivered_is_still_one_alert(table: JsonTable) -> None:
    correlator = Correlator(table)
    correlator.process(make_signal(source="a", text=DISTINCT[0], published_at=T0 + hours(24 * 5)))
    ancient = make_signal(source="c", text=DISTINCT[2], published_at=T0)
    [late] = correlator.process(ancient)
    assert late.late
    assert [(a.alert_id, a.version) for a in correlator.process(ancient)] == [(late.alert_id, late.version)]


def test_out_of_order_within_lateness_is_not_late(table: JsonTable) -> None:
    correlator = Correlator(table)
    correlator.process(make_signal(source="a", text=DISTINCT[0], published_at=T0 + hours(5)))
    assert correlator.process(make_signal(source="b", text=DISTINCT[1], published_at=T0)) == []


def test_state_is_json_and_a_rebuilt_correlator_continues(table: JsonTable) -> None:
    [first] = Correlator(table).process(make_signal(source="a", text=DISTINCT[0]))
    Correlator(table).process(make_signal(source="b", text=DISTINCT[1], published_at=T0 + hours(1)))
    json.dumps(dict(table))
    restarted = Correlator(table)  # a new worker on the same changelog-backed table
    redelivered = restarted.process(make_signal(source="b", text=DISTINCT[1], published_at=T0 + hours(1)))
    assert [(a.alert_id, a.version) for a in redelivered] == [(first.alert_id, 1)]
    assert restarted.process(make_signal(source="b", text=DISTINCT[3], published_at=T0 + hours(2))) == []
    [update] = restarted.process(make_signal(source="c", text=DISTINCT[4], published_at=T0 + hours(3)))
    assert update.version == 2 and update.suppressed == 3
    assert all(key.split("|")[-1] == "UA" for key in table)  # every key derives from the place


def test_expire_resolves_once_after_the_window_and_only_then(table: JsonTable) -> None:
    correlator = Correlator(table)
    [alert] = correlator.process(make_signal(text=DISTINCT[0], severity=Severity.CRITICAL))
    assert correlator.expire(T0 + hours(23)) == []
    [resolved] = correlator.expire(T0 + hours(24))
    assert (resolved.alert_id, resolved.version, resolved.status) == (alert.alert_id, 2, AlertStatus.RESOLVED)
    assert correlator.expire(T0 + hours(48)) == []
    assert not [k for k in table if k.startswith("open|")]


def test_a_new_signal_keeps_the_situation_open(table: JsonTable) -> None:
    correlator = Correlator(table)
    correlator.process(make_signal(text=DISTINCT[0], severity=Severity.CRITICAL))
    correlator.process(make_signal(text=reprint(0, "x"), source="x", published_at=T0 + hours(20)))
    assert correlator.expire(T0 + hours(30)) == []
    assert len(correlator.expire(T0 + hours(44))) == 2  # both alerts: the situation went quiet


def test_an_alert_resolves_early_when_the_place_calms_down(table: JsonTable) -> None:
    correlator = Correlator(table, index_threshold=1.0, index_half_life_seconds=3600)
    policy = CorrelationPolicy(window_seconds=6 * 3600)
    correlator.process(make_signal(text=DISTINCT[0], severity=Severity.LOW, policy=policy))
    [other] = correlator.process(
        make_signal(
            rule_id="troop_buildup.figures", text=DISTINCT[1], published_at=T0 + hours(5), policy=policy
        )
    )
    [resolved] = correlator.expire(T0 + hours(7))  # situation active 2h ago, but the LOW alert is 7h quiet
    assert resolved.severity is Severity.LOW and resolved.alert_id != other.alert_id


def test_after_resolution_a_copy_starts_a_fresh_alert(table: JsonTable) -> None:
    correlator = Correlator(table)
    [first] = correlator.process(make_signal(source="a", text=reprint(0, "a")))
    correlator.expire(T0 + hours(25))
    [fresh] = correlator.process(make_signal(source="b", text=reprint(1, "b"), published_at=T0 + hours(26)))
    assert fresh.alert_id != first.alert_id and fresh.version == 1


def test_dashboard_url_and_escalation_index_on_every_alert(table: JsonTable) -> None:
    correlator = Correlator(table, dashboard_url="https://grafana.example/")
    [alert] = correlator.process(make_signal(text=DISTINCT[0], severity=Severity.HIGH))
    assert alert.dashboard_url == (
        "https://grafana.example/d/tripwire-overview/tripwire?var-category=troop_buildup&var-place=UA"
    )
    assert alert.escalation_index == 2.0


def test_escalation_index_decays_with_half_life_and_ranks_places(table: JsonTable) -> None:
    correlator = Correlator(table, index_half_life_seconds=3600)
    correlator.process(make_signal(place="UA", text=DISTINCT[0], severity=Severity.CRITICAL))
    correlator.process(make_signal(place="UA", text=DISTINCT[1], severity=Severity.MEDIUM))
    for text in DISTINCT[2:4]:
        correlator.process(
            make_signal(place="MD", text=text, severity=Severity.HIGH, published_at=T0 + hours(2))
        )
    correlator.process(
        make_signal(place="GE", text=DISTINCT[4], severity=Severity.INFO, published_at=T0 + hours(2))
    )
    assert correlator.escalation_index("UA", T0) == pytest.approx(5.0)
    assert correlator.escalation_index("UA", T0 + hours(1)) == pytest.approx(2.5)
    assert correlator.escalation_index("UA", T0 + hours(3)) == pytest.approx(0.625)
    assert correlator.escalation_index("AM", T0) == 0.0
    ranked = correlator.ranked_places(T0 + hours(2))
    assert ranked == [("MD", pytest.approx(4.0)), ("UA", pytest.approx(1.25)), ("GE", pytest.approx(0.25))]


def test_an_older_signal_adds_its_weight_already_decayed(table: JsonTable) -> None:
    correlator = Correlator(table, index_half_life_seconds=3600)
    correlator.process(make_signal(text=DISTINCT[0], published_at=T0 + hours(1)))
    correlator.process(make_signal(text=DISTINCT[1], published_at=T0))
    assert correlator.escalation_index("UA", T0 + hours(1)) == pytest.approx(1.5)


def test_state_records_stay_bounded_whatever_the_traffic() -> None:
    """5,000 signals for one place (many stories, sources, repeats): no state value grows past a bound."""
    table = JsonTable()
    correlator = Correlator(table)
    largest = 0
    for i in range(5000):
        text = f"{DISTINCT[i % len(DISTINCT)]} Report {i // 7} from outlet {i % 60}."
        correlator.process(
            make_signal(source=f"s{i % 60}", text=text, published_at=T0 + timedelta(minutes=i))
        )
        if i % 250 == 0:
            largest = max(largest, *(len(json.dumps(table[k])) for k in table))
    largest = max(largest, *(len(json.dumps(table[k])) for k in table))
    assert largest < 32_000
