"""Build Signals directly (no detector) for correlation tests; the fingerprint is the real MinHash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

from schemas.signal import CorrelationPolicy, Evidence, Severity, Signal
from streams.engine.neardup import fingerprint

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def make_signal(
    *,
    rule_id: str = "troop_buildup.massing",
    category: str | None = None,
    place: str = "UA",
    source: str = "reuters",
    text: str = "Tens of thousands of troops massed near the border.",
    published_at: datetime | None = T0,
    severity: Severity = Severity.MEDIUM,
    item_id: str | None = None,
    policy: CorrelationPolicy | None = None,
    detected_at: datetime | None = None,
    evidence: str | None = None,
) -> Signal:
    """One rule hit; ids derive from (rule, source, text, time) so equal inputs give equal signals."""
    category = category or rule_id.split(".", 1)[0]
    stamp = published_at.isoformat() if published_at else ""
    item_id = item_id or hashlib.sha1(f"{source}|{text}|{stamp}".encode()).hexdigest()[:12]
    sentence = evidence or text.split("\n\n", 1)[-1].split(". ")[0].strip()
    return Signal(
        signal_id=f"{rule_id}:{item_id}",
        rule_id=rule_id,
        rule_title=rule_id.replace(".", " "),
        rule_version="v1",
        category=category,
        severity=severity,
        item_id=item_id,
        source=source,
        title=text.split("\n", 1)[0][:80],
        published_at=published_at,
        detected_at=detected_at or (published_at or T0) + timedelta(minutes=5),
        evidence=[Evidence(text=sentence, start=0, end=len(sentence))],
        places=[place],
        fingerprint=fingerprint(text),
        policy=policy or CorrelationPolicy(),
    )


class JsonTable(MutableMapping[str, Any]):
    """A Faust Table stand-in: values are stored as JSON text, so every read is a fresh copy and a
    value that is not JSON-serialisable, or an in-place change never assigned back, shows at once."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self.writes = 0

    def __getitem__(self, key: str) -> Any:
        return json.loads(self.data[key])

    def __setitem__(self, key: str, value: Any) -> None:
        assert isinstance(key, str)
        self.data[key] = json.dumps(value, allow_nan=False)
        self.writes += 1

    def __delitem__(self, key: str) -> None:
        del self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.data))

    def __len__(self) -> int:
        return len(self.data)
