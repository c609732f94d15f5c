"""The Faust app as configured for Tansu and for production, and one agent driven by test_context."""

from __future__ import annotations

import asyncio
from unittest.mock import AsyncMock, patch

from stream_fakes import FakeDetector

from streams.app import IdempotentProducer, create_app
from streams.service import build_service
from streams.settings import load_settings


def test_faust_settings_for_tansu() -> None:
    settings = load_settings(env={}, session_timeout=6, rebalance_timeout=4, web_port=7777)
    app = create_app(settings)
    conf = app.conf
    assert conf.processing_guarantee.value == "at_least_once"
    assert conf.topic_disable_leader and conf.topic_allow_declare
    assert conf.consumer_auto_offset_reset == "earliest"
    assert (conf.broker_session_timeout, conf.broker_rebalance_timeout, conf.web_port) == (6, 4, 7777)
    assert conf.producer_acks == -1
    assert not isinstance(app._new_producer(), IdempotentProducer)


def test_idempotence_is_opt_in_for_production() -> None:
    app = create_app(load_settings(env={}, idempotent=True))
    producer = app._new_producer()
    assert isinstance(producer, IdempotentProducer)
    assert producer._settings_extra()["enable_idempotence"] is True


def test_ingest_agent_with_test_context() -> None:
    service = build_service(load_settings(env={}, app_id="unit"), detector=FakeDetector())
    ingest = service.agents[0]

    async def drive() -> AsyncMock:
        with (
            patch.object(service.topics.clean, "send", new=AsyncMock()) as clean,
            patch.object(service.topics.deadletter, "send", new=AsyncMock()) as dead,
        ):
            async with ingest.test_context() as agent:
                await agent.put(b'{"id": "n1", "title": "Troops massed"}')
                await agent.put(b"{broken")
            assert dead.await_count == 1
            return clean

    clean = asyncio.run(drive())
    assert clean.await_args.kwargs["key"] == b"n1"


def test_alertmanager_sink_is_wired_only_when_configured() -> None:
    plain = build_service(load_settings(env={}, app_id="plain"), detector=FakeDetector())
    assert plain.emitter.observers == []
    settings = load_settings(env={}, app_id="am", alertmanager_url="http://127.0.0.1:9093")
    wired = build_service(settings, detector=FakeDetector())
    assert len(wired.emitter.observers) == 1
