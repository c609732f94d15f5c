"""Sequence rules: categories seen in order, for one place, within a span, make one higher alert.

Why a separate step log (`seq|{place}`): the situations are per category, a sequence spans several,
and the log is keyed by place like everything else, so it lives in the partition that sees every
signal about that place. The log holds one step per in-time signal of a category that some sequence
names, with the alert that signal was grouped into (that alert's id, item and first evidence become
the sequence alert's chain, items and evidence).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from schemas.alert import Alert, Corroboration
from schemas.rule import SequenceRule, parse_duration
from schemas.signal import Evidence, Signal
from streams.engine import correlation_state as st
from streams.engine.alerting import alert_id_for

__all__ = ["SequenceTracker", "Step", "cap_steps", "find_chain", "sequence_alert", "sequence_version"]

STEPS_PER_END = 8  # per category, the earliest and the latest steps kept in `seq|{place}`
MAX_FIRED = 32  # chains already alerted, remembered per place


@dataclass(frozen=True)
class Step:
    category: str
    at: float
    alert_id: str
    item_id: str
    source: str
    evidence: dict[str, Any]

    @classmethod
    def load(cls, value: list[Any]) -> Step:
        category, at, alert_id, item_id, source = value
        return cls(category, at, alert_id, item_id, source, {})

    def dump(self) -> list[Any]:
        """Compact: the evidence of a step's alert is stored once per alert, beside the steps."""
        return [self.category, self.at, self.alert_id, self.item_id, self.source]


def find_chain(steps: list[Step], rule: SequenceRule) -> list[Step] | None:
    """The earliest-starting chain of steps, strictly increasing in event time, within the span.

    Greedy per start (always take the earliest next step) is optimal: it minimises the chain's end
    for that start, so if any chain from that start fits the span, the greedy one does. The result
    depends only on the set of steps, not on the order they arrived in.
    """
    within = parse_duration(rule.sequence.within)
    ordered = sorted(steps, key=lambda s: (s.at, s.alert_id))
    names = rule.sequence.steps
    for start in (s for s in ordered if s.category == names[0]):
        chain = [start]
        for name in names[1:]:
            nxt = next((s for s in ordered if s.category == name and s.at > chain[-1].at), None)
            if nxt is None:
                return None  # a later start cannot find this step either
            chain.append(nxt)
        if chain[-1].at - start.at <= within:
            return chain
    return None


def sequence_version(rule: SequenceRule) -> str:
    """Same content hash as the compiled rule set's entry for a sequence rule."""
    return hashlib.sha256(rule.model_dump_json().encode()).hexdigest()[:16]


def sequence_alert(
    rule: SequenceRule, place: str, chain: list[Step], *, detected_at: datetime, **extra: Any
) -> Alert:
    """The one alert for a completed chain; its id is derived from the step alerts' ids."""
    last = chain[-1]
    chain_ids = [s.alert_id for s in chain]
    sources = list(dict.fromkeys(s.source for s in chain))
    return Alert(
        alert_id=alert_id_for(rule.id, f"{rule.category}|{place}|{'+'.join(chain_ids)}"),
        rule_id=rule.id,
        rule_title=rule.title,
        category=rule.category,
        severity=rule.severity,
        item_id=last.item_id,
        source=last.source,
        title=rule.title,
        published_at=st.from_epoch(last.at),
        detected_at=detected_at,
        evidence=[Evidence.model_validate(s.evidence) for s in chain],
        places=[place],
        corroboration=Corroboration(sources=sources, count=len(sources), window=str(rule.sequence.within)),
        tags=list(rule.tags),
        rule_version=sequence_version(rule),
        description=rule.description,
        place=place,
        items=list(dict.fromkeys(s.item_id for s in chain)),
        chain=chain_ids,
        **extra,
    )


class SequenceTracker:
    """Keeps the step log of each place and raises sequence alerts; state shared with the correlator.

    A sequence alert is stored like any other alert, in the situation (sequence category, place),
    with `within` as its window: it resolves when no step has completed it for that long.
    """

    def __init__(
        self,
        state: MutableMapping[str, Any],
        rules: Sequence[SequenceRule],
        dashboard: Callable[[str, str], str | None],
    ) -> None:
        self.state = state
        self.rules = list(rules)
        self.dashboard = dashboard
        self.categories = {c for r in self.rules for c in r.sequence.steps}
        self.span = max((parse_duration(r.sequence.within) for r in self.rules), default=0)

    def observe(
        self, signal: Signal, alert: dict[str, Any], t: float, watermark: float, index: float
    ) -> list[Alert]:
        """Log the step (the signal, grouped into `alert`) and return any sequence it completes."""
        if signal.category not in self.categories:
            return []
        place, key = signal.place, st.sequence_key(signal.place)
        log = self.state.get(key) or {}
        evidence: dict[str, Any] = dict(log.get("evidence", {}))
        evidence.setdefault(alert["alert_id"], alert["evidence"][0])
        step = Step(signal.category, t, alert["alert_id"], alert["item_id"], alert["source"], {})
        horizon = watermark - self.span - signal.policy.allowed_lateness_seconds
        steps = cap_steps([s for s in map(Step.load, log.get("steps", [])) if s.at >= horizon] + [step])
        fired: list[str] = list(log.get("fired", []))
        out: list[Alert] = []
        for rule in self.rules:
            if signal.category not in rule.sequence.steps or self._open(rule, place):
                continue
            chain = find_chain(steps, rule)
            chain_id = f"{rule.id}|{'+'.join(s.alert_id for s in chain or [])}"
            if chain is None or chain_id in fired:
                continue
            fired.append(chain_id)
            made = sequence_alert(
                rule,
                place,
                [dataclasses.replace(s, evidence=evidence[s.alert_id]) for s in chain],
                detected_at=signal.detected_at,
                escalation_index=index,
                dashboard_url=self.dashboard(rule.category, place),
            )
            self._store(rule, made, chain[-1].at)
            out.append(made)
        held = {s.alert_id for s in steps}  # a chain none of whose steps is kept cannot form again
        fired = [c for c in fired if held.intersection(c.split("|", 1)[1].split("+"))][-MAX_FIRED:]
        evidence = {a: e for a, e in evidence.items() if a in held}
        self.state[key] = {"steps": [s.dump() for s in steps], "fired": fired, "evidence": evidence}
        return out

    def prune(self, place: str, t: float) -> None:
        key = st.sequence_key(place)
        log = self.state.get(key)
        if log:
            steps = [s for s in log["steps"] if s[1] >= t - 2 * self.span]
            if len(steps) == len(log["steps"]):
                return
            held = {s[2] for s in steps}
            evidence = {a: e for a, e in log.get("evidence", {}).items() if a in held}
            value = {"steps": steps, "fired": log["fired"], "evidence": evidence}
            st.save(self.state, key, value if steps else None)

    def _open(self, rule: SequenceRule, place: str) -> bool:
        """One sequence alert per (sequence rule, place) at a time: a longer chain is not news."""
        sit = st.Situation.load(self.state.get(st.situation_key(rule.category, place)))
        return bool(sit.open_alerts(rule.id))

    def _store(self, rule: SequenceRule, alert: Alert, last: float) -> None:
        sit_key = st.situation_key(rule.category, alert.place)
        sit = st.Situation.load(self.state.get(sit_key))
        within = parse_duration(rule.sequence.within)
        sit.alerts[alert.alert_id] = st.AlertRecord(
            alert_id=alert.alert_id,
            rule_id=rule.id,
            stories=[],
            fired=last,
            last=last,
            window=within,
            cooldown=within,
            severity_value=alert.severity.value,
            version=alert.version,
        )
        sit.last = last if sit.last is None else max(sit.last, last)
        sit.keep = max(sit.keep, 2 * within)
        self.state[st.alert_content_key(alert.place, alert.alert_id)] = alert.model_dump(mode="json")
        self.state[sit_key] = sit.dump()
        st.mark_open(self.state, alert.place, alert.alert_id, rule.category)


def cap_steps(steps: list[Step]) -> list[Step]:
    """Per category, the STEPS_PER_END earliest and STEPS_PER_END latest steps (event time): a chain
    starts as early as possible and needs a step after each previous one, so both ends matter."""
    by_category: dict[str, list[Step]] = {}
    for s in sorted(steps, key=lambda s: (s.at, s.alert_id)):
        by_category.setdefault(s.category, []).append(s)
    kept: list[Step] = []
    for group in by_category.values():
        kept += group if len(group) <= 2 * STEPS_PER_END else group[:STEPS_PER_END] + group[-STEPS_PER_END:]
    return kept
