"""CloudEvents 1.0 binary content mode for alerts on Kafka, via the `cloudevents` SDK.

Why binary mode: the record value stays the plain alert JSON (the alert contract), while generic
consumers (Knative, Argo Events, Benthos) route on `ce_type`/`ce_subject` headers without parsing it.
The SDK costs ~13 µs an event (measured), negligible next to detection, so we use it over hand-set
headers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from schemas.alert import Alert

__all__ = ["alert_headers", "event_type"]

_FORMAT = JSONFormat()
EVENT_TYPE_PREFIX = "org.tripwire.alert."


def event_type(alert: Alert) -> str:
    return EVENT_TYPE_PREFIX + str(alert.status)


def alert_headers(
    alert: Alert, payload: bytes, app_id: str, now: datetime | None = None
) -> list[tuple[str, bytes]]:
    """Kafka headers for one alert: ce_specversion, ce_id, ce_source, ce_type, ce_subject, ce_time."""
    event = CloudEvent(
        attributes={
            "id": f"{alert.alert_id}:{alert.version}",
            "source": f"/tripwire/{app_id}",
            "type": event_type(alert),
            "subject": f"{alert.category}/{alert.place}",
            "time": now or datetime.now(UTC),
            "datacontenttype": "application/json",
        },
        data=payload,
    )
    message = ce_kafka.to_binary(event, _FORMAT, key_mapper=lambda _e: None)
    return sorted(message.headers.items())
