"""Wire the optional Alertmanager sink into a worker when `TRIPWIRE_ALERTMANAGER_URL` is set.

Why a timer: Alertmanager expects the active set to be re-sent periodically (alerts whose `endsAt`
passes resolve by themselves), so the emitter only records alerts and a timer pushes them; an
unreachable Alertmanager costs a log line and a retry, never the stream.
"""

from __future__ import annotations

import aiohttp
import faust

from streams.alertmanager import AlertmanagerSink
from streams.emit import AlertEmitter

__all__ = ["register_alertmanager"]


def register_alertmanager(
    app: faust.App, emitter: AlertEmitter, url: str, interval: float
) -> AlertmanagerSink:
    sink = AlertmanagerSink(url, resend_interval=interval)
    emitter.observers.append(sink.observe)

    @app.timer(interval, name="push_alertmanager")  # type: ignore[untyped-decorator]  # faust is untyped here
    async def push_alertmanager() -> None:
        async with aiohttp.ClientSession() as session:
            await sink.flush(session)

    return sink
