from __future__ import annotations

from datetime import UTC, datetime

from stream_fakes import make_signal

from schemas.alert import Alert
from schemas.signal import Severity
from streams.cloudevents import alert_headers
from streams.engine.alerting import alert_from_signal, alert_id_for


def test_alert_id_is_deterministic_per_rule_and_story() -> None:
    a, b = alert_from_signal(make_signal()), alert_from_signal(make_signal(signal_id="other"))
    assert a.alert_id == b.alert_id == alert_id_for("troop_buildup.forces_massing", "n1")
    assert len(a.alert_id) == 32
    assert alert_from_signal(make_signal(item_id="n2")).alert_id != a.alert_id
    assert alert_from_signal(make_signal(), story_key="cluster-7").alert_id == alert_id_for(
        "troop_buildup.forces_massing", "cluster-7"
    )


def test_alert_carries_the_explanation_and_overrides_win() -> None:
    alert = alert_from_signal(make_signal(), severity=Severity.CRITICAL)
    assert alert.severity is Severity.CRITICAL
    assert alert.evidence[0].text.startswith("Some 40,000")
    assert alert.quantities[0].value == 40000 and alert.place == "UA" and alert.items == ["n1"]
    assert Alert.model_validate_json(alert.model_dump_json()) == alert


def test_cloudevents_binary_headers() -> None:
    alert = alert_from_signal(make_signal())
    headers = dict(
        alert_headers(
            alert, alert.model_dump_json().encode(), "tripwire", now=datetime(2026, 1, 2, tzinfo=UTC)
        )
    )
    assert headers == {
        "ce_specversion": b"1.0",
        "ce_id": f"{alert.alert_id}:1".encode(),
        "ce_source": b"/tripwire/tripwire",
        "ce_type": b"org.tripwire.alert.firing",
        "ce_subject": b"troop_buildup/UA",
        "ce_time": b"2026-01-02T00:00:00Z",
        "content-type": b"application/json",
    }
