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

import base64
import hashlib
import math
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas.signal import Severity

__all__ = [
    "MAX_STORIES",
    "AlertRecord",
    "PlaceRecord",
    "Situation",
    "Story",
    "alert_content_key",
    "epoch",
    "from_epoch",
    "index_key",
    "mark_open",
    "open_key",
    "save",
    "seen_hash",
    "sequence_key",
    "situation_key",
    "unmark_open",
]

OPEN_PREFIX = "open|"

# Caps on every list kept in state (docs/correlation.md, "State"): a record's size does not grow with
# traffic. Counts (suppressed, corroboration.count) are counters, exact beyond the caps.
MAX_STORIES = 8  # most recent stories (by last copy) per situation, with their fingerprints
MAX_FINGERPRINTS = 2  # fingerprints per story: its first item's and its first distinct copy's
MAX_ALERT_STORIES = 8  # story ids per alert stub (the most recent)
MAX_SEEN = 256  # signal-id hashes per situation (the most recent arrivals) for idempotency
MAX_SOURCE_EVENTS = 128  # (event time, source) per situation, the most recent, for corroboration
MAX_OPEN_ALERTS = 24  # open alerts per situation; beyond it the least recently fed one is resolved
MAX_RESOLVED = 16  # resolved alert stubs kept per situation (so a story's alert id is not reused)


def alert_content_key(place: str, alert_id: str) -> str:
    return f"alert|{alert_id}|{place}"


def seen_hash(signal_id: str) -> str:
    """A 72-bit hash of a signal id (12 characters): a collision is negligible within MAX_SEEN."""
    return base64.b64encode(hashlib.blake2b(signal_id.encode(), digest_size=9).digest()).decode()


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


def unmark_open(state: MutableMapping[str, Any], place: str, alert_id: str) -> None:
    """Take a resolved alert off `open|{place}`."""
    key = open_key(place)
    opened: dict[str, str] = dict(state.get(key) or {})
    if alert_id in opened:
        del opened[alert_id]
        save(state, key, opened or None)


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
    """A near-duplicate cluster: wire copy and its reprints. `id` is the first item seen of it.

    `fingerprints` are stored base64 (compact); at most MAX_FINGERPRINTS per story."""

    id: str
    fingerprints: list[str]
    first: float
    last: float

    def dump(self) -> list[Any]:
        return [self.id, self.fingerprints, self.first, self.last]


@dataclass
class AlertRecord:
    """One alert's working state: a compact stub kept in the situation record.

    The alert's content (JSON of schemas.alert.Alert, as of its last emitted version plus the silent
    additions since) lives under its own key `alert|{place}|{alert_id}`, read only when the alert is
    touched and written only when it changed (`alert` is None until loaded; `dirty` once changed).
    `version`, `severity` and `suppressed` here are authoritative; they are copied into the content
    when a version is emitted.
    """

    alert_id: str
    rule_id: str
    stories: list[str]
    fired: float
    last: float
    window: int
    cooldown: int
    severity_value: str
    version: int = 1
    suppressed: int = 0
    corroborated: bool = False
    late: bool = False
    open: bool = True
    resolved_at: float | None = None
    alert: dict[str, Any] | None = None
    dirty: bool = False

    @property
    def severity(self) -> Severity:
        return Severity(self.severity_value)

    @classmethod
    def load(cls, alert_id: str, v: dict[str, Any]) -> AlertRecord:
        return cls(
            alert_id=alert_id,
            rule_id=v["rule"],
            stories=list(v["stories"]),
            fired=v["fired"],
            last=v["last"],
            window=v["window"],
            cooldown=v["cooldown"],
            severity_value=v["severity"],
            version=v["version"],
            suppressed=v.get("suppressed", 0),
            corroborated=v.get("corroborated", False),
            late=v.get("late", False),
            open=v.get("open", True),
            resolved_at=v.get("resolved_at"),
        )

    def dump(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule_id,
            "stories": self.stories,
            "fired": self.fired,
            "last": self.last,
            "window": self.window,
            "cooldown": self.cooldown,
            "severity": self.severity_value,
            "version": self.version,
        }
        for name in ("suppressed", "corroborated", "late"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if not self.open:
            out["open"], out["resolved_at"] = False, self.resolved_at
        return out


@dataclass
class Situation:
    """Everything known about one (category, place): its stories, alert stubs and source events.

    `sources` holds (event time, source) of recent in-time signals, for corroboration windows; `seen`
    holds short hashes of recent signal ids (idempotency); `keep` is how long (seconds) any of this
    stays relevant. Every list is capped (MAX_* below, docs/correlation.md "State").
    """

    stories: list[Story] = field(default_factory=list)
    alerts: dict[str, AlertRecord] = field(default_factory=dict)
    sources: list[tuple[float, str]] = field(default_factory=list)
    seen: dict[str, float] = field(default_factory=dict)
    last: float | None = None
    keep: int = 0
    dropped: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, value: Any) -> Situation:
        if not value:
            return cls()
        # Fresh containers throughout: with a plain-dict state an aborted call must change nothing.
        return cls(
            stories=[Story(i, list(f), a, b) for i, f, a, b in value.get("stories", [])],
            alerts={k: AlertRecord.load(k, a) for k, a in value.get("alerts", {}).items()},
            sources=[(t, s) for t, s in value.get("sources", [])],
            seen=dict(value.get("seen", {})),
            last=value.get("last"),
            keep=int(value.get("keep", 0)),
        )

    def dump(self) -> dict[str, Any]:
        return {
            "stories": [s.dump() for s in self.stories],
            "alerts": {k: a.dump() for k, a in self.alerts.items()},
            "sources": [[t, s] for t, s in self.sources],
            "seen": self.seen,
            "last": self.last,
            "keep": self.keep,
        }

    @property
    def empty(self) -> bool:
        return not (self.stories or self.alerts or self.sources or self.seen)

    def has_seen(self, signal_id: str) -> bool:
        return seen_hash(signal_id) in self.seen

    def remember(self, signal_id: str, t: float) -> None:
        self.seen[seen_hash(signal_id)] = math.ceil(t)
        if len(self.seen) > MAX_SEEN:  # insertion order: the oldest arrivals go first
            for k in list(self.seen)[: len(self.seen) - MAX_SEEN]:
                del self.seen[k]

    def add_source(self, t: float, source: str) -> None:
        self.sources.append((t, source))
        if len(self.sources) > MAX_SOURCE_EVENTS:
            self.sources.sort()
            del self.sources[: len(self.sources) - MAX_SOURCE_EVENTS]

    def open_alerts(self, rule_id: str) -> list[AlertRecord]:
        """Open, in-time alerts of one rule: the only ones that absorb copies and repeats."""
        return [a for a in self.alerts.values() if a.open and not a.late and a.rule_id == rule_id]

    def prune(self, horizon: float) -> None:
        """Forget what ended before `horizon`, and enforce the caps; open alerts always stay (the
        correlator resolves the oldest beyond MAX_OPEN_ALERTS). Dropped alert ids go to `dropped`."""
        held = {s for a in self.alerts.values() if a.open for s in a.stories}
        stories = [s for s in self.stories if s.id in held or s.last >= horizon]
        if len(stories) > MAX_STORIES:
            stories = sorted(stories, key=lambda s: s.last)[-MAX_STORIES:]
        self.stories = stories
        self.sources = [(t, s) for t, s in self.sources if t >= horizon]
        self.seen = {k: t for k, t in self.seen.items() if t >= horizon}
        keep = {k: a for k, a in self.alerts.items() if a.open or (a.resolved_at or a.last) >= horizon}
        closed = sorted((a.resolved_at or a.last, k) for k, a in keep.items() if not a.open)
        for _, k in closed[: max(0, len(closed) - MAX_RESOLVED)]:
            del keep[k]
        self.dropped += [k for k in self.alerts if k not in keep]
        self.alerts = keep

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


def decay(seconds: float, half_life: int) -> float:
    return math.pow(0.5, seconds / half_life) if half_life > 0 else 0.0
