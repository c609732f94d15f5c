"""Offline replay: what the service would have sent for a batch of signals, with no broker.

Why: `tripwire scan` and rule authors replaying a day of news must see the same alerts the stream
would emit, so replay runs the very same Correlator on a plain dict. Signals are taken in event-time
order (ties in arrival order), i.e. as a stream with no lateness at all would have seen them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from schemas.alert import Alert
from schemas.rule import SequenceRule
from schemas.signal import Signal
from streams.engine.correlation import Correlator
from streams.engine.correlation_state import epoch

__all__ = ["final_versions", "replay"]


def replay(
    signals: Iterable[Signal],
    *,
    sequences: Sequence[SequenceRule] = (),
    now: datetime | None = None,
    dashboard_url: str | None = None,
) -> list[Alert]:
    """Every alert and update, in emission order; with `now`, then the resolutions due at `now`."""
    indexed = list(enumerate(signals))
    indexed.sort(key=lambda pair: (epoch(pair[1].published_at or pair[1].detected_at), pair[0]))
    correlator = Correlator({}, sequences=sequences, dashboard_url=dashboard_url)
    out: list[Alert] = []
    for _, signal in indexed:
        out += correlator.process(signal)
    if now is not None:
        out += correlator.expire(now)
    return out


def final_versions(alerts: Iterable[Alert]) -> list[Alert]:
    """The latest version of each alert id, in order of first appearance (for a summary view)."""
    latest: dict[str, Alert] = {}
    for alert in alerts:
        if alert.alert_id not in latest or alert.version >= latest[alert.alert_id].version:
            latest[alert.alert_id] = alert
    return list(latest.values())
