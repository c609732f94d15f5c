"""The correlator's records, as they sit in the state table: small dataclasses <-> JSON.

Why records and not live objects: in the service the state is a Faust Table with JSON values, backed
by a changelog topic, so a worker that restarts or takes over a partition must rebuild exactly what
the previous one had. Everything the correlator knows therefore lives in these records, each read
whole, changed, and written back whole (a Faust Table only logs what is assigned, never an in-place
mutation of a nested value). Every key is derived from the signal's place, the key of the `signals`
topic, so all records for one place live in the same partition as the signals that change them.

Times are epoch seconds (float) of *event time*; datetimes never enter the table.
"""

from __future__ import annotations

import math
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas.signal import Severity

__all__ = [
    "AlertRecord",
    "PlaceRecord",
    "Situation",
    "Story",
    "epoch",
    "from_epoch",
    "index_key",
    "mark_open",
    "open_key",
    "save",
    "sequence_key",
    "situation_key",
]

OPEN_PREFIX = "open|"


def situation_key(category: str, place: str) -> str:
    return f"sit|{category}|{place}"


def sequence_key(place: str) -> str:
    return f"seq|{place}"


def index_key(place: str) -> str:
    return f"idx|{place}"


def open_key(place: str) -> str:
    return f"{OPEN_PREFIX}{place}"


def mark_open(state: MutableMapping[str, Any], place: str, alert_id: str, category: str) -> None:
    """List a firing alert under `open|{place}`, so expiry reads only places with open alerts."""
    key = open_key(place)
    opened: dict[str, str] = dict(state.get(key) or {})
    if alert_id not in opened:
        opened[alert_id] = category
        state[key] = opened


def save(state: MutableMapping[str, Any], key: str, value: Any) -> None:
    """Write a record, or delete the key when there is nothing left to keep (None)."""
    if value is not None:
        state[key] = value
    elif key in state:
        del state[key]


def epoch(value: datetime) -> float:
    """A naive datetime is taken as UTC: feeds that omit the offset almost always mean UTC."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def from_epoch(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


@dataclass
class Story:
    """A near-duplicate cluster: wire copy and its reprints. `id` is the first item seen of it."""

    id: str
    fingerprints: list[str]
    first: float
    last: float


@dataclass
class AlertRecord:
    """One alert's working state. `alert` is the current content (JSON of schemas.alert.Alert).

    `alert["version"]` is the last version *emitted*; changes that emit nothing (a copy, a counted
    repeat) accumulate in `alert` and reach subscribers with the next update or the resolution.
    """

    alert: dict[str, Any]
    rule_id: str
    stories: list[str]
    fired: float
    last: float
    policy: dict[str, Any]
    corroborated: bool = False
    late: bool = False
    open: bool = True
    resolved_at: float | None = None

    @property
    def severity(self) -> Severity:
        return Severity(self.alert["severity"])

    @property
    def window(self) -> int:
        return int(self.policy.get("window_seconds", 86_400))

    @property
    def cooldown(self) -> int:
        return int(self.policy.get("cooldown_seconds", 43_200))


@dataclass
class Situation:
    """Everything known about one (category, place): its stories, alerts and source events.

    `sources` holds (event time, source) of every in-time signal, for corroboration windows; `seen`
    holds signal ids for idempotency; `keep` is how long (seconds) any of this stays relevant.
    """

    stories: list[Story] = field(default_factory=list)
    alerts: dict[str, AlertRecord] = field(default_factory=dict)
    sources: list[tuple[float, str]] = field(default_factory=list)
    seen: dict[str, float] = field(default_factory=dict)
    last: float | None = None
    keep: int = 0

    @classmethod
    def load(cls, value: Any) -> Situation:
        if not value:
            return cls()
        # Fresh containers throughout: with a plain-dict state an aborted call must change nothing.
        return cls(
            stories=[
                Story(**{**s, "fingerprints": list(s["fingerprints"])}) for s in value.get("stories", [])
            ],
            alerts={k: AlertRecord(**{**a, **_fresh(a)}) for k, a in value.get("alerts", {}).items()},
            sources=[(float(t), str(s)) for t, s in value.get("sources", [])],
            seen={str(k): float(v) for k, v in value.get("seen", {}).items()},
            last=value.get("last"),
            keep=int(value.get("keep", 0)),
        )

    def dump(self) -> dict[str, Any]:
        return {
            "stories": [vars(s) for s in self.stories],
            "alerts": {k: vars(a) for k, a in self.alerts.items()},
            "sources": [[t, s] for t, s in self.sources],
            "seen": dict(self.seen),
            "last": self.last,
            "keep": self.keep,
        }

    @property
    def empty(self) -> bool:
        return not (self.stories or self.alerts or self.sources or self.seen)

    def open_alerts(self, rule_id: str) -> list[AlertRecord]:
        """Open, in-time alerts of one rule: the only ones that absorb copies and repeats."""
        return [a for a in self.alerts.values() if a.open and not a.late and a.rule_id == rule_id]

    def prune(self, horizon: float) -> None:
        """Forget what ended before `horizon`; open alerts and the stories they hold always stay."""
        held = {s for a in self.alerts.values() if a.open for s in a.stories}
        self.stories = [s for s in self.stories if s.id in held or s.last >= horizon]
        self.sources = [(t, s) for t, s in self.sources if t >= horizon]
        self.seen = {k: t for k, t in self.seen.items() if t >= horizon}
        self.alerts = {k: a for k, a in self.alerts.items() if a.open or (a.resolved_at or a.last) >= horizon}

    def close_stories(self) -> None:
        """After a resolution: a story no open alert holds is over; a later copy starts a new one."""
        held = {s for a in self.alerts.values() if a.open for s in a.stories}
        self.stories = [s for s in self.stories if s.id in held]

    def corroborating_sources(self, t: float, window: int, min_sources: int) -> list[str] | None:
        """Distinct sources of the first window of length `window` containing `t` that has at least
        `min_sources` of them, or None.

        Why any window containing `t` (not the one ending at `t`): signals arrive out of order within
        the allowed lateness, and the answer must not depend on arrival order.
        """
        events = sorted(e for e in self.sources if t - window <= e[0] <= t + window)
        counts: dict[str, int] = {}
        right = 0
        for left, (start, _) in enumerate(events):
            if start > t:
                break
            while right < len(events) and events[right][0] <= start + window:
                counts[events[right][1]] = counts.get(events[right][1], 0) + 1
                right += 1
            if start + window >= t and len(counts) >= min_sources:
                return sorted(counts, key=lambda s: min(e[0] for e in events[left:right] if e[1] == s))
            name = events[left][1]
            counts[name] -= 1
            if not counts[name]:
                del counts[name]
        return None


@dataclass
class PlaceRecord:
    """Per-place watermark (max event time seen) and escalation index, valued at the watermark.

    Why one record: the index is stored as its value at the watermark, so both move together, and a
    signal older than the watermark adds its weight already decayed — the sum does not depend on
    arrival order.
    """

    watermark: float | None = None
    index: float = 0.0

    @classmethod
    def load(cls, value: Any) -> PlaceRecord:
        if not value:
            return cls()
        return cls(watermark=value.get("watermark"), index=float(value.get("index", 0.0)))

    def dump(self) -> dict[str, Any]:
        return {"watermark": self.watermark, "index": self.index}

    def add(self, t: float, weight: float, half_life: int) -> None:
        if self.watermark is None:
            self.watermark, self.index = t, weight
        elif t >= self.watermark:
            self.index = self.index * decay(t - self.watermark, half_life) + weight
            self.watermark = t
        else:
            self.index += weight * decay(self.watermark - t, half_life)

    def value_at(self, t: float, half_life: int) -> float:
        if self.watermark is None:
            return 0.0
        return self.index * decay(max(0.0, t - self.watermark), half_life)


def _fresh(record: dict[str, Any]) -> dict[str, Any]:
    """Copies of an alert record's containers two levels deep: all the correlator ever changes
    (it appends to lists and replaces values; it never edits an evidence or quantity in place)."""
    alert: dict[str, Any] = {
        k: list(v) if isinstance(v, list) else {**v} if isinstance(v, dict) else v
        for k, v in record["alert"].items()
    }
    corroboration: dict[str, Any] = alert["corroboration"]
    corroboration["sources"] = list(corroboration["sources"])
    return {"alert": alert, "stories": list(record["stories"]), "policy": dict(record["policy"])}


def decay(seconds: float, half_life: int) -> float:
    return math.pow(0.5, seconds / half_life) if half_life > 0 else 0.0
