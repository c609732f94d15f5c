"""How one signal joins an alert: story similarity, the cool-down, ids, and merging the explanation.

Why separate from the correlator: these are the small, pure decisions the alert-update policy is
built from (docs/correlation.md); each is testable on records alone, without a state table.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from schemas.signal import CorrelationPolicy, Severity, Signal
from streams.engine import correlation_state as st
from streams.engine.alerting import alert_id_for

__all__ = [
    "add_sources",
    "attach",
    "best_story",
    "compact_fingerprint",
    "cooling",
    "corroborate",
    "free_id",
    "human_duration",
    "keep_seconds",
    "story_similarity",
]

MAX_EVIDENCE = 10  # evidence sentences and quantities per alert
MAX_ITEMS = 50  # item ids per alert (the first ones)
MAX_SOURCES = 50  # sources named in corroboration.sources
MAX_MORE_SOURCES = 450  # further distinct sources, hashed, so corroboration.count stays exact
MAX_NAMES = 20  # places, place names and actors per alert


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


def compact_fingerprint(fingerprint: str) -> str:
    """A signal's hex MinHash as stored in a story: base64, two thirds of the size."""
    return base64.b64encode(bytes.fromhex(fingerprint)).decode()


@lru_cache(maxsize=4096)
def _signature(fingerprint: str) -> npt.NDArray[np.uint32] | None:
    """A decoded hex fingerprint (a signal's)."""
    try:
        return np.frombuffer(bytes.fromhex(fingerprint), dtype=np.uint32) if fingerprint else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _stored(fingerprint: str) -> npt.NDArray[np.uint32] | None:
    """A decoded stored (base64) fingerprint; cached: a story is compared with every copy."""
    try:
        raw = base64.b64decode(fingerprint, validate=True)
    except ValueError:
        return None
    return np.frombuffer(raw, dtype=np.uint32) if raw and len(raw) % 4 == 0 else None


def best_story(fingerprint: str, stories: list[st.Story]) -> tuple[float, st.Story | None]:
    """The story most similar to a signal's fingerprint (neardup.similarity, one vectorised pass
    over the situation's bounded set of stories), with its score."""
    mine = _signature(fingerprint)
    if mine is None or not stories:
        return 0.0, None
    rows, owners = [], []
    for story in stories:
        for fp in story.fingerprints:
            sig = _stored(fp)
            if sig is not None and sig.shape == mine.shape:
                rows.append(sig)
                owners.append(story)
    if not rows:
        return 0.0, None
    scores = (np.stack(rows) == mine).mean(axis=1)
    best = int(scores.argmax())
    return float(scores[best]), owners[best]


def story_similarity(fingerprint: str, candidates: list[str]) -> float:
    """Best similarity of a signal's fingerprint with any of a story's (stored) fingerprints."""
    return best_story(fingerprint, [st.Story("", candidates, 0.0, 0.0)])[0]


def free_id(sit: st.Situation, rule_id: str, story_key: str) -> str:
    """The deterministic id; a suffix only if a resolved alert of the same story still holds it."""
    alert_id, n = alert_id_for(rule_id, story_key), 1
    while alert_id in sit.alerts:
        n += 1
        alert_id = alert_id_for(rule_id, f"{story_key}#{n}")
    return alert_id


def attach(rec: st.AlertRecord, alert: dict[str, Any], signal: Signal, t: float) -> bool:
    """Group the signal into the alert: items, sources, evidence, figures, places, actors.

    `alert` is the alert's content; returns whether it changed (so it needs writing back)."""
    rec.last = max(rec.last, t)
    changed = False
    if signal.item_id not in alert["items"] and len(alert["items"]) < MAX_ITEMS:
        alert["items"].append(signal.item_id)
        changed = True
    changed |= add_sources(alert, [signal.source])
    if len(alert["evidence"]) < MAX_EVIDENCE:
        texts = {e["text"] for e in alert["evidence"]}
        for ev in signal.evidence:
            if ev.text not in texts and len(alert["evidence"]) < MAX_EVIDENCE:
                alert["evidence"].append(ev.model_dump(mode="json"))
                texts.add(ev.text)
                changed = True
    if len(alert["quantities"]) < MAX_EVIDENCE:
        figures = {(q["value"], q["unit"]) for q in alert["quantities"]}
        for q in signal.quantities:
            if (q.value, q.unit) not in figures and len(alert["quantities"]) < MAX_EVIDENCE:
                alert["quantities"].append(q.model_dump(mode="json"))
                figures.add((q.value, q.unit))
                changed = True
    for name, values in (
        ("places", signal.places),
        ("place_names", signal.place_names),
        ("actors", signal.actors),
    ):
        have = alert[name]
        new = [v for v in dict.fromkeys(values) if v not in have][: max(0, MAX_NAMES - len(have))]
        if new:
            alert[name] = [*have, *new]
            changed = True
    return changed


def add_sources(alert: dict[str, Any], sources: list[str]) -> bool:
    """Add sources to `corroboration`: the first MAX_SOURCES are named; further distinct ones are
    remembered as short hashes (`_more`, up to MAX_MORE_SOURCES) so `count` stays exact."""
    corr = alert["corroboration"]
    named: list[str] = corr["sources"]
    changed = False
    for source in sources:
        if source in named:
            continue
        if len(named) < MAX_SOURCES:
            named.append(source)
            changed = True
            continue
        more: list[str] = alert.setdefault("_more", [])
        digest = st.seen_hash(source)[:8]
        if digest not in more and len(more) < MAX_MORE_SOURCES:
            more.append(digest)
            changed = True
    corr["count"] = len(named) + len(alert.get("_more", ()))
    return changed


def corroborate(
    rec: st.AlertRecord, alert: dict[str, Any], sources: list[str], policy: CorrelationPolicy
) -> None:
    """Mark the alert corroborated: raise its severity and name the sources that corroborated it."""
    rec.corroborated = True
    raised = policy.corroborated_severity or rec.severity.raised()
    rec.severity_value = Severity.highest(rec.severity, raised).value
    add_sources(alert, sources)
