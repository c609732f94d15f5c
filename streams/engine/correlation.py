"""Stateful correlation: signals -> explained, de-duplicated alerts (policy: docs/correlation.md).

Why pure and synchronous: the same class runs inside the Faust agent (state = a Table with JSON
values, partitioned by place) and in `tripwire scan` / replay (state = a dict), so the service and
the offline tools cannot disagree. All state lives in `state` under keys derived from the signal's
place; nothing is held on the instance but caches, so a worker rebuilt on the same table continues.

Alert-update policy, in short: a new alert (version 1) per (rule, story) unless the rule is in its
cool-down at that place; an update (same alert_id, version+1) only when the alert's severity rises
or it first reaches corroboration; copies and suppressed repeats are counted silently and ride along
with the next update; `expire` sends one `resolved` version when the situation goes quiet.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from schemas.alert import Alert, AlertStatus
from schemas.rule import SequenceRule
from schemas.signal import Severity, Signal
from streams.engine import correlation_state as st
from streams.engine.alerting import alert_from_signal
from streams.engine.correlation_grouping import (
    MAX_EVIDENCE,
    MAX_ITEMS,
    MAX_NAMES,
    attach,
    best_story,
    compact_fingerprint,
    cooling,
    corroborate,
    free_id,
    human_duration,
    keep_seconds,
)
from streams.engine.correlation_sequences import SequenceTracker

__all__ = ["SEVERITY_WEIGHTS", "Correlator", "alert_key"]

SEVERITY_WEIGHTS: dict[Severity, float] = {
    Severity.INFO: 0.25,
    Severity.LOW: 0.5,
    Severity.MEDIUM: 1.0,
    Severity.HIGH: 2.0,
    Severity.CRITICAL: 4.0,
}


def alert_key(alert: Alert) -> str:
    """The Kafka key of an alert (and of its situation): one place's alerts stay in order."""
    return f"{alert.category}|{alert.place}"


class Correlator:
    def __init__(
        self,
        state: MutableMapping[str, Any],
        *,
        sequences: Sequence[SequenceRule] = (),
        dashboard_url: str | None = None,
        near_duplicate_threshold: float = 0.6,
        index_half_life_seconds: int = 86_400,
        index_threshold: float = 1.0,
    ) -> None:
        self.state = state
        self.dashboard_url = dashboard_url.rstrip("/") if dashboard_url else None
        self.threshold = near_duplicate_threshold
        self.half_life = index_half_life_seconds
        self.index_threshold = index_threshold
        self.sequences = SequenceTracker(state, sequences, self._dashboard)

    def set_sequences(self, sequences: Sequence[SequenceRule]) -> None:
        """Swap the sequence rules (a live rule update); step logs already in the state are kept."""
        self.sequences = SequenceTracker(self.state, sequences, self._dashboard)

    def process(self, signal: Signal, *, now: datetime | None = None) -> list[Alert]:
        """Correlate one signal; returns the alerts and updates to emit (often none).

        Event time is `published_at`, else `now`, else the signal's `detected_at` (ingest time).
        """
        t = st.epoch(signal.published_at or now or signal.detected_at)
        place, policy = signal.place, signal.policy
        sit_key = st.situation_key(signal.category, place)
        sit = st.Situation.load(self.state.get(sit_key))
        if sit.has_seen(signal.signal_id):
            return self._resend(sit, place, signal)
        idx_key = st.index_key(place)
        rec = st.PlaceRecord.load(self.state.get(idx_key))
        late = rec.watermark is not None and t < rec.watermark - policy.allowed_lateness_seconds
        # remembered as of the watermark, so a very late signal's id outlives its own old timestamp
        sit.remember(signal.signal_id, max(t, rec.watermark or t))
        sit.keep = max(sit.keep, keep_seconds(policy))
        rec.add(t, SEVERITY_WEIGHTS[signal.severity], self.half_life)
        self.state[idx_key] = rec.dump()
        index = round(rec.index, 4)
        if late:
            target = self._open(sit, signal, t, signal.item_id, index, late=True)
            out = [self._emit(place, target)]
        else:
            target, out = self._correlate(sit, signal, t, index)
        watermark = rec.watermark if rec.watermark is not None else t
        out += self._cap_open(sit, place, target, index, watermark)
        sit.prune(watermark - sit.keep)
        self._flush(sit, place)
        self.state[sit_key] = sit.dump()
        st.mark_open(self.state, place, target.alert_id, signal.category)
        if not late and signal.category in self.sequences.categories:
            # a late report is alerted on its own; it feeds no window, sequences included
            out += self.sequences.observe(signal, self._content(place, target), t, watermark, index)
        return out

    def escalation_index(self, place: str, now: datetime) -> float:
        """Decaying weighted count of the place's signals (half-life decay, severity weights)."""
        rec = st.PlaceRecord.load(self.state.get(st.index_key(place)))
        return rec.value_at(st.epoch(now), self.half_life)

    def ranked_places(self, now: datetime, limit: int = 10) -> list[tuple[str, float]]:
        """Places by escalation index, highest first (reads only `idx|` keys)."""
        prefix = st.index_key("")
        places = [k[len(prefix) :] for k in list(self.state.keys()) if k.startswith(prefix)]
        ranked = sorted(((p, self.escalation_index(p, now)) for p in places), key=lambda x: (-x[1], x[0]))
        return ranked[:limit]

    def open_keys(self) -> list[str]:
        """The `open|{place}` keys present in `state` (a Faust Table: its local partitions only)."""
        return [k for k in list(self.state.keys()) if k.startswith(st.OPEN_PREFIX)]

    def expire(self, now: datetime) -> list[Alert]:
        """De-escalate every open alert in `state`."""
        return self.expire_keys(self.open_keys(), now)

    def expire_keys(self, keys: Iterable[str], now: datetime) -> list[Alert]:
        """De-escalate the open alerts listed under the given `open|{place}` keys.

        An open alert resolves (one `resolved` version, exactly once) when its situation has had no
        in-time signal for the alert's window, or when the alert itself has had none for the window
        and the place's escalation index has decayed below `index_threshold`.
        """
        t, out = st.epoch(now), []
        for key in keys:
            before: dict[str, str] = dict(self.state.get(key) or {})
            opened = dict(before)
            place = key[len(st.OPEN_PREFIX) :]
            index = self.escalation_index(place, now)
            for category in sorted(set(opened.values())):
                sit_key = st.situation_key(category, place)
                sit = st.Situation.load(self.state.get(sit_key))
                changed = False
                for alert_id in [a for a, c in opened.items() if c == category]:
                    rec = sit.alerts.get(alert_id)
                    if rec is None or not rec.open:
                        del opened[alert_id]
                    elif self._resolves(sit, rec, t, index):
                        out.append(self._resolve(place, rec, t, now.astimezone(UTC).isoformat(), index))
                        del opened[alert_id]
                        changed = True
                if changed:
                    sit.close_stories()
                sit.prune(t - sit.keep)
                self._flush(sit, place)
                st.save(self.state, sit_key, None if sit.empty else sit.dump())
            if opened != before:
                st.save(self.state, key, opened or None)
            self.sequences.prune(place, t)
        return out

    def _correlate(
        self, sit: st.Situation, signal: Signal, t: float, index: float
    ) -> tuple[st.AlertRecord, list[Alert]]:
        """Group an in-time signal: a copy of a story, a repeat in the cool-down, or a new alert."""
        policy, place = signal.policy, signal.place
        story = self._story(sit, signal, t)
        sit.add_source(t, signal.source)
        sit.last = t if sit.last is None else max(sit.last, t)
        open_alerts = sit.open_alerts(signal.rule_id)
        holder = next((a for a in open_alerts if story.id in a.stories), None)
        cooler = cooling(open_alerts, t)
        if holder is not None:  # a copy of a story this rule already alerted on
            target, raised = holder, signal.severity.rank > holder.severity.rank
        elif cooler is not None and signal.severity.rank <= cooler.severity.rank:
            target, raised = cooler, False  # another story inside the cool-down: counted, attached
            target.suppressed += 1
            target.stories = [*target.stories, story.id][-st.MAX_ALERT_STORIES :]
        else:
            target = self._open(sit, signal, t, story.id, index)
            return target, [self._emit(place, target)]
        content = self._content(place, target)
        if attach(target, content, signal, t):
            target.dirty = True
        if raised:
            target.severity_value = signal.severity.value
        corroborating = None
        if not target.corroborated:
            corroborating = sit.corroborating_sources(t, policy.window_seconds, policy.min_sources)
            if corroborating is not None:
                corroborate(target, content, corroborating, policy)
                target.dirty = True
        if not raised and corroborating is None:
            return target, []
        target.version += 1
        content["detected_at"] = signal.detected_at.isoformat()
        content["escalation_index"] = index
        return target, [self._emit(place, target)]

    def _story(self, sit: st.Situation, signal: Signal, t: float) -> st.Story:
        """The near-duplicate story this signal's item belongs to, or a new one it starts.

        Compared with the situation's stories only (at most MAX_STORIES, the most recent)."""
        score, best = best_story(signal.fingerprint, sit.stories)
        if best is not None and score >= self.threshold:
            if score < 1.0 and signal.fingerprint and len(best.fingerprints) < st.MAX_FINGERPRINTS:
                best.fingerprints.append(compact_fingerprint(signal.fingerprint))
            best.first, best.last = min(best.first, t), max(best.last, t)
            return best
        fingerprints = [compact_fingerprint(signal.fingerprint)] if signal.fingerprint else []
        story = st.Story(id=signal.item_id, fingerprints=fingerprints, first=t, last=t)
        sit.stories.append(story)
        return story

    def _open(
        self, sit: st.Situation, signal: Signal, t: float, story_id: str, index: float, *, late: bool = False
    ) -> st.AlertRecord:
        """A new alert (version 1); in time, it is born corroborated if its window already is."""
        policy = signal.policy
        story_key = f"{signal.category}|{signal.place}|{story_id}"
        alert = alert_from_signal(
            signal,
            story_key=story_key,
            detected_at=signal.detected_at,
            escalation_index=index,
            late=late,
            dashboard_url=self._dashboard(signal.category, signal.place),
        ).model_dump(mode="json")
        alert["alert_id"] = free_id(sit, signal.rule_id, story_key)
        alert["corroboration"]["window"] = human_duration(policy.window_seconds)
        for name in ("items", "places", "place_names", "actors"):
            alert[name] = alert[name][: MAX_ITEMS if name == "items" else MAX_NAMES]
        alert["evidence"] = alert["evidence"][:MAX_EVIDENCE]
        alert["quantities"] = alert["quantities"][:MAX_EVIDENCE]
        rec = st.AlertRecord(
            alert_id=alert["alert_id"],
            rule_id=signal.rule_id,
            stories=[] if late else [story_id],
            fired=t,
            last=t,
            window=policy.window_seconds,
            cooldown=policy.cooldown_seconds,
            severity_value=alert["severity"],
            late=late,
            alert=alert,
            dirty=True,
        )
        sit.alerts[rec.alert_id] = rec
        if not late:
            corroborating = sit.corroborating_sources(t, policy.window_seconds, policy.min_sources)
            if corroborating is not None:
                corroborate(rec, alert, corroborating, policy)
        return rec

    def _content(self, place: str, rec: st.AlertRecord) -> dict[str, Any]:
        """The alert's content, read from its key on first use."""
        if rec.alert is None:
            rec.alert = self.state.get(st.alert_content_key(place, rec.alert_id))
            if rec.alert is None:
                raise KeyError(f"alert content missing for {rec.alert_id} at {place}")
        return rec.alert

    def _emit(self, place: str, rec: st.AlertRecord) -> Alert:
        """The current version of an alert, as sent: the stub's counters copied into the content."""
        content = self._content(place, rec)
        content["version"] = rec.version
        content["severity"] = rec.severity_value
        content["suppressed"] = rec.suppressed
        rec.dirty = True
        return Alert.model_validate({k: v for k, v in content.items() if k != "_more"})

    def _resend(self, sit: st.Situation, place: str, signal: Signal) -> list[Alert]:
        """A re-delivered signal (at-least-once) re-sends, unchanged, the open alert it fed.

        Why not nothing: the first delivery may have updated the state (changelog written) and then
        died before its alert reached the topic; sending the same alert_id and version again makes the
        repeat harmless downstream and the loss impossible. Nothing in the state changes.
        """
        open_recs = [r for r in sit.alerts.values() if r.rule_id == signal.rule_id and r.open]
        if not open_recs:
            return []

        def fed_by_this_item(rec: st.AlertRecord) -> bool:
            return signal.item_id in rec.stories or signal.item_id in self._content(place, rec).get(
                "items", ()
            )

        rec = max(open_recs, key=lambda r: (fed_by_this_item(r), r.last))
        content = dict(self._content(place, rec))
        content.update(version=rec.version, severity=rec.severity_value, suppressed=rec.suppressed)
        return [Alert.model_validate({k: v for k, v in content.items() if k != "_more"})]

    def _flush(self, sit: st.Situation, place: str) -> None:
        """Write the alert contents that changed; delete those of dropped or resolved alerts."""
        for rec in sit.alerts.values():
            if rec.dirty and rec.open and rec.alert is not None:
                self.state[st.alert_content_key(place, rec.alert_id)] = rec.alert
                rec.dirty = False
        for alert_id in sit.dropped:
            st.save(self.state, st.alert_content_key(place, alert_id), None)
        sit.dropped = []

    def _cap_open(
        self, sit: st.Situation, place: str, target: st.AlertRecord, index: float, watermark: float
    ) -> list[Alert]:
        """Beyond MAX_OPEN_ALERTS open alerts in a situation, resolve the least recently fed ones."""
        opened = [a for a in sit.alerts.values() if a.open and a is not target]
        excess = len(opened) + 1 - st.MAX_OPEN_ALERTS
        if excess <= 0:
            return []
        out = []
        for rec in sorted(opened, key=lambda a: (a.last, a.alert_id))[:excess]:
            out.append(self._resolve(place, rec, watermark, st.from_epoch(watermark).isoformat(), index))
            st.unmark_open(self.state, place, rec.alert_id)
        return out

    def _resolve(self, place: str, rec: st.AlertRecord, t: float, stamp: str, index: float) -> Alert:
        """The one `resolved` version; the content is then deleted (the stub keeps the id taken)."""
        content = self._content(place, rec)
        rec.open, rec.resolved_at = False, t
        rec.version += 1
        content["status"] = AlertStatus.RESOLVED.value
        content["detected_at"] = stamp
        content["escalation_index"] = round(index, 4)
        alert = self._emit(place, rec)
        rec.alert, rec.dirty = None, False
        sit_drop = st.alert_content_key(place, rec.alert_id)
        st.save(self.state, sit_drop, None)
        return alert

    def _resolves(self, sit: st.Situation, rec: st.AlertRecord, t: float, index: float) -> bool:
        quiet_since = max(sit.last if sit.last is not None else rec.last, rec.last)
        if t - quiet_since >= rec.window:
            return True
        return t - rec.last >= rec.window and index < self.index_threshold

    def _dashboard(self, category: str, place: str) -> str | None:
        if self.dashboard_url is None:
            return None
        return (
            f"{self.dashboard_url}/d/tripwire-overview/tripwire"
            f"?var-category={quote(category, safe='')}&var-place={quote(place, safe='')}"
        )
