"""HTTP views on each worker: `/metrics` for Prometheus, `/healthz` (alive), `/readyz` (consuming).

Why readiness differs from health: a worker that is up but mid-rebalance or without partitions
must not count as ready, or the demo and the tests would publish before anyone consumes.
"""

from __future__ import annotations

import faust
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST

from streams.metrics import Metrics

__all__ = ["is_ready", "register_views"]


def is_ready(app: faust.App) -> bool:
    return not app.rebalancing and bool(app.consumer.assignment())


def register_views(app: faust.App, metrics: Metrics) -> None:
    @app.page("/metrics")
    async def metrics_view(web: View, request: Request) -> Response:
        return web.bytes(metrics.render(), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    @app.page("/healthz")
    async def healthz(web: View, request: Request) -> Response:
        return web.json({"status": "ok"})

    @app.page("/readyz")
    async def readyz(web: View, request: Request) -> Response:
        ready = is_ready(app)
        body = {"status": "ready" if ready else "not ready", "partitions": len(app.consumer.assignment())}
        return web.json(body, status=200 if ready else 503)
