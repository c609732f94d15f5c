"""Signal → Alert: the one place that decides an alert's identity and copies a signal's explanation.

Why pure and shared: the stream (correlate) and offline `tripwire scan` must give the same alert the
same `alert_id`, so a re-delivered or re-scanned story is recognisable downstream. The id is
deterministic: sha256(rule_id + "|" + story key)[:32]; the story key is the item id unless the
correlator passes a wider one (a near-duplicate cluster).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from schemas.alert import Alert, Corroboration
from schemas.signal import Signal

__all__ = ["alert_from_signal", "alert_id_for"]


def alert_id_for(rule_id: str, story_key: str) -> str:
    return hashlib.sha256(f"{rule_id}|{story_key}".encode()).hexdigest()[:32]


def alert_from_signal(signal: Signal, *, story_key: str | None = None, **overrides: Any) -> Alert:
    """Build the alert for one signal; keyword overrides (severity, corroboration, …) win."""
    key = story_key if story_key is not None else signal.item_id
    fields: dict[str, Any] = {
        "alert_id": alert_id_for(signal.rule_id, key),
        "rule_id": signal.rule_id,
        "rule_title": signal.rule_title,
        "category": signal.category,
        "severity": signal.severity,
        "item_id": signal.item_id,
        "source": signal.source,
        "title": signal.title,
        "url": signal.url,
        "published_at": signal.published_at,
        "detected_at": datetime.now(UTC),
        "evidence": list(signal.evidence),
        "quantities": list(signal.quantities),
        "places": list(signal.places),
        "place_names": list(signal.place_names),
        "actors": list(signal.actors),
        "corroboration": Corroboration(
            sources=[signal.source], count=1, window=f"{signal.policy.window_seconds}s"
        ),
        "tags": list(signal.tags),
        "rule_version": signal.rule_version,
        "description": signal.description,
        "place": signal.place,
        "items": [signal.item_id],
    }
    fields.update(overrides)
    return Alert(**fields)
