"""Client options shared by every plain aiokafka client (publish, tail, admin, demo, bench).

Why: TLS and SASL settings must reach every client the same way the worker gets them, or `tail`
works against a dev broker and fails against production.
"""

from __future__ import annotations

import ssl
from typing import Any

from streams.settings import Settings

__all__ = ["client_options", "faust_credentials"]


def _ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if settings.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    cafile = str(settings.ssl_cafile) if settings.ssl_cafile else None
    return ssl.create_default_context(cafile=cafile)


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for AIOKafkaProducer/Consumer/AdminClient."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    context = _ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.sasl_mechanism:
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = settings.sasl_password
    return options


def faust_credentials(settings: Settings) -> Any:
    """Faust's `broker_credentials` for the configured security protocol, or None for plaintext."""
    import faust

    context = _ssl_context(settings)
    if settings.sasl_mechanism:
        if settings.sasl_mechanism != "PLAIN":
            from faust.types.auth import SASLMechanism

            return faust.SASLCredentials(
                username=settings.sasl_username,
                password=settings.sasl_password,
                mechanism=SASLMechanism(settings.sasl_mechanism),
                ssl_context=context,
            )
        return faust.SASLCredentials(
            username=settings.sasl_username, password=settings.sasl_password, ssl_context=context
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None
