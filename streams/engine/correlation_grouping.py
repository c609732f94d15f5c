"""How one signal joins an alert: story similarity, the cool-down, ids, and merging the explanation.

Why separate from the correlator: these are the small, pure decisions the alert-update policy is
built from (docs/correlation.md); each is testable on records alone, without a state table.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from schemas.signal import CorrelationPolicy, Severity, Signal
from streams.engine import correlation_state as st
from streams.engine.alerting import alert_id_for

__all__ = [
    "attach",
    "cooling",
    "corroborate",
    "free_id",
    "human_duration",
    "keep_seconds",
    "story_similarity",
]

MAX_EVIDENCE = 10
MAX_ITEMS = 100


def keep_seconds(policy: CorrelationPolicy) -> int:
    """How long a situation's records matter: the longest window, plus the lateness allowed."""
    return max(policy.window_seconds, policy.cooldown_seconds) + policy.allowed_lateness_seconds


def human_duration(seconds: int) -> str:
    """86400 -> "24h", 1209600 -> "14d": the way rule authors write windows (parse_duration reads it)."""
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds and seconds % size == 0 and (seconds > size or unit != "d"):
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def cooling(open_alerts: list[st.AlertRecord], t: float) -> st.AlertRecord | None:
    """The rule's alert whose cool-down covers `t` (event time, either side), nearest first."""
    cooling = [a for a in open_alerts if abs(t - a.fired) < a.cooldown]
    return min(cooling, key=lambda a: (abs(t - a.fired), -a.fired), default=None)


@lru_cache(maxsize=8192)
def _signature(fingerprint: str) -> npt.NDArray[np.uint32] | None:
    """A decoded fingerprint; cached because a story's signature is compared with every copy."""
    try:
        return np.frombuffer(bytes.fromhex(fingerprint), dtype=np.uint32) if fingerprint else None
    except ValueError:
        return None


def story_similarity(fingerprint: str, candidates: list[str]) -> float:
    """Best similarity of one fingerprint with any of a story's (neardup.similarity, vectorised)."""
    mine = _signature(fingerprint)
    if mine is None:
        return 0.0
    rows = [sig for sig in map(_signature, candidates) if sig is not None and sig.shape == mine.shape]
    if not rows:
        return 0.0
    return float((np.stack(rows) == mine).mean(axis=1).max())


def free_id(sit: st.Situation, rule_id: str, story_key: str) -> str:
    """The deterministic id; a suffix only if a resolved alert of the same story still holds it."""
    alert_id, n = alert_id_for(rule_id, story_key), 1
    while alert_id in sit.alerts:
        n += 1
        alert_id = alert_id_for(rule_id, f"{story_key}#{n}")
    return alert_id


def attach(rec: st.AlertRecord, signal: Signal, t: float) -> None:
    """Group the signal into the alert: items, sources, evidence, figures, places, actors."""
    alert = rec.alert
    rec.last = max(rec.last, t)
    if signal.item_id not in alert["items"] and len(alert["items"]) < MAX_ITEMS:
        alert["items"].append(signal.item_id)
    corr = alert["corroboration"]
    if signal.source not in corr["sources"]:
        corr["sources"].append(signal.source)
        corr["count"] = len(corr["sources"])
    texts = {e["text"] for e in alert["evidence"]}
    for ev in signal.evidence:
        if ev.text not in texts and len(alert["evidence"]) < MAX_EVIDENCE:
            alert["evidence"].append(ev.model_dump(mode="json"))
            texts.add(ev.text)
    figures = {(q["value"], q["unit"]) for q in alert["quantities"]}
    for q in signal.quantities:
        if (q.value, q.unit) not in figures and len(alert["quantities"]) < MAX_EVIDENCE:
            alert["quantities"].append(q.model_dump(mode="json"))
            figures.add((q.value, q.unit))
    for name, values in (
        ("places", signal.places),
        ("place_names", signal.place_names),
        ("actors", signal.actors),
    ):
        alert[name] = list(dict.fromkeys([*alert[name], *values]))


def corroborate(rec: st.AlertRecord, sources: list[str], policy: CorrelationPolicy) -> None:
    """Mark the alert corroborated: raise its severity and name the sources that corroborated it."""
    rec.corroborated = True
    raised = policy.corroborated_severity or rec.severity.raised()
    rec.alert["severity"] = Severity.highest(rec.severity, raised).value
    corr = rec.alert["corroboration"]
    corr["sources"] = list(dict.fromkeys([*corr["sources"], *sources]))
    corr["count"] = len(corr["sources"])
