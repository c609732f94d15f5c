"""Read news items from files or stdin: JSON objects or arrays, JSON Lines, and plain-text articles.

Shared by `tripwire scan` and `tripwire publish` so both accept exactly the same inputs and report a
bad input the same way: the file, the line, and what is wrong - never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.errors import NewsInputError, first_error
from schemas.news import NewsItem

JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
STDIN = "-"


@dataclass(frozen=True)
class RawRecord:
    """One input record before validation: what `publish --raw` sends and `scan` validates."""

    data: Any
    path: str
    line: int | None


def _validate(record: RawRecord) -> NewsItem:
    try:
        return NewsItem.model_validate(record.data)
    except ValidationError as exc:
        field_name, message = first_error(exc, "item")
        raise NewsInputError(f"{field_name}: {message}", record.path, record.line) from exc


def _json_records(text: str, path: str) -> Iterator[RawRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NewsInputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from exc
    if isinstance(data, list):
        for index, entry in enumerate(data):
            yield RawRecord(entry, f"{path}[{index}]", None)
    else:
        yield RawRecord(data, path, 1)


def _jsonl_records(text: str, path: str) -> Iterator[RawRecord | NewsInputError]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield RawRecord(json.loads(line), path, lineno)
        except json.JSONDecodeError as exc:
            yield NewsInputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, lineno)


def read_records(sources: Sequence[str]) -> Iterator[RawRecord | NewsInputError]:
    """Every record of every source, in order; unreadable inputs come back as errors, not raised."""
    for source in sources:
        if source == STDIN:
            text, path, suffix = sys.stdin.read(), "<stdin>", ""
        else:
            file = Path(source)
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                yield NewsInputError(f"not UTF-8 text (byte {exc.start})", source)
                continue
            except OSError as exc:
                yield NewsInputError(f"cannot read: {exc.strerror}", source)
                continue
            path, suffix = source, file.suffix.lower()
        stripped = text.lstrip()
        if suffix in JSONL_SUFFIXES or (not suffix and stripped.startswith("{") and "\n{" in stripped):
            yield from _jsonl_records(text, path)
        elif suffix in JSON_SUFFIXES or (not suffix and stripped[:1] in "{["):
            try:
                yield from _json_records(text, path)
            except NewsInputError as err:
                yield err
        else:
            stem = Path(source).stem if source != STDIN else "stdin"
            yield RawRecord({"__text__": text, "id": stem}, path, None)


def to_item(record: RawRecord) -> NewsItem:
    if isinstance(record.data, dict) and "__text__" in record.data:
        try:
            return NewsItem.from_plain_text(record.data["__text__"], record.data["id"])
        except ValidationError as exc:
            raise NewsInputError(first_error(exc)[1], record.path, record.line) from exc
    return _validate(record)


def read_items(sources: Sequence[str]) -> Iterator[NewsItem | NewsInputError]:
    for record in read_records(sources):
        if isinstance(record, NewsInputError):
            yield record
            continue
        try:
            yield to_item(record)
        except NewsInputError as err:
            yield err
