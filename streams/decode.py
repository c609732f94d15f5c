"""Turn the raw bytes of one `news.raw` record into a clean NewsItem or a reasoned rejection.

Why a pure function: the worker must never stop on bad input, so every failure mode (bytes that are
not UTF-8, JSON that is not JSON, a valid document that breaks the contract, nothing at all, too much)
is named here and tested exhaustively (hypothesis) without a broker. It never raises for any input.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from schemas.errors import first_error
from schemas.news import NewsItem

__all__ = ["Clean", "Reason", "Rejected", "decode_news", "normalise_text"]

_EMPTY_TEXT_MESSAGE = "title and body are both empty"
# Deeper documents parse with json but not with pydantic's parser (limit ~250) downstream; no news
# item needs more than a few levels, so reject early and name the reason.
MAX_DEPTH = 64
# C0/C1 controls other than tab, newline and carriage return carry no meaning in news text.
_CONTROL = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]}


class Reason(StrEnum):
    INVALID_JSON = "invalid_json"
    BAD_ENCODING = "bad_encoding"
    SCHEMA = "schema"
    EMPTY = "empty"
    OVERSIZED = "oversized"
    PROCESSING_ERROR = "processing_error"


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: Reason
    error: str


@dataclass(frozen=True, slots=True)
class Clean:
    item: NewsItem
    payload: bytes  # the normalised item as UTF-8 JSON, what `news.clean` carries


def normalise_text(text: str) -> str:
    """NFC-normalise and drop control characters, so offsets and matching see one spelling."""
    return unicodedata.normalize("NFC", text.translate(_CONTROL))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _schema_message(exc: ValidationError) -> str:
    where, message = first_error(exc)
    return f"{where}: {message}" if where else message


def _too_deep(data: object, limit: int = MAX_DEPTH) -> bool:
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def decode_news(value: bytes | None, max_bytes: int) -> Clean | Rejected:
    """Decode, validate and normalise one record value. Total: returns for every input."""
    if value is None or not value.strip():
        return Rejected(Reason.EMPTY, "record value is empty")
    if len(value) > max_bytes:
        return Rejected(Reason.OVERSIZED, f"record is {len(value)} bytes, limit is {max_bytes}")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejected(Reason.BAD_ENCODING, f"not UTF-8: {exc.reason} at byte {exc.start}")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        return Rejected(Reason.INVALID_JSON, "JSON nested too deeply")
    except ValueError as exc:
        return Rejected(Reason.INVALID_JSON, f"not JSON: {exc}")
    if not isinstance(data, dict):
        return Rejected(Reason.SCHEMA, f"a news item must be a JSON object, got {type(data).__name__}")
    if _too_deep(data):
        return Rejected(Reason.SCHEMA, f"item nested deeper than {MAX_DEPTH} levels")
    for name in ("title", "body"):
        if isinstance(data.get(name), str):
            data[name] = normalise_text(data[name])
    try:
        item = NewsItem.model_validate(data)
    except ValidationError as exc:
        message = _schema_message(exc)
        if _EMPTY_TEXT_MESSAGE in message:
            return Rejected(Reason.EMPTY, "title and body are both empty")
        return Rejected(Reason.SCHEMA, message)
    except RecursionError:
        return Rejected(Reason.SCHEMA, "item nested too deeply")
    try:
        payload = item.model_dump_json().encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError) as exc:
        # Lone surrogates (e.g. "\ud800" escapes) decode as JSON but cannot be re-encoded as UTF-8.
        return Rejected(Reason.BAD_ENCODING, f"text cannot be encoded as UTF-8: {exc}")
    return Clean(item, payload)
