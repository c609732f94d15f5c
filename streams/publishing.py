"""What `tripwire publish` sends: validated items (via streams.newsfiles) or, with --raw, bytes as is.

Why a raw mode: to exercise dead-lettering end to end, a user must be able to put exactly the bytes
a broken producer would (bad UTF-8, truncated JSON) onto `news.raw`; validation would stop them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from schemas.errors import NewsInputError
from streams.newsfiles import read_items

__all__ = ["Record", "expand_paths", "raw_records", "validated_records"]

LINE_SUFFIXES = (".jsonl", ".ndjson")
NEWS_SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt")


@dataclass(frozen=True, slots=True)
class Record:
    """One record to send: its bytes, its key (the item id, when known) and where it came from."""

    value: bytes
    key: bytes | None
    origin: str


def _wanted(path: Path, raw: bool) -> bool:
    if not path.is_file() or path.name.startswith(".") or path.stem.upper() == "README":
        return False
    return raw or path.suffix.lower() in NEWS_SUFFIXES


def expand_paths(paths: Iterable[str], raw: bool = False) -> list[str]:
    """Folders become their news files (sorted; any file with --raw; READMEs and hidden files skipped);
    `-` is stdin; a named file is always taken; a missing path raises."""
    out: list[str] = []
    for name in paths:
        path = Path(name)
        if name == "-":
            out.append(name)
        elif path.is_dir():
            out += [str(p) for p in sorted(path.rglob("*")) if _wanted(p, raw)]
        elif path.exists():
            out.append(name)
        else:
            raise NewsInputError("no such file or folder", path)
    return out


def validated_records(paths: Iterable[str]) -> Iterator[Record | NewsInputError]:
    """Items read and validated exactly as `tripwire scan` reads them, re-encoded as contract JSON."""
    for entry in read_items(expand_paths(paths)):
        if isinstance(entry, NewsInputError):
            yield entry
        else:
            yield Record(entry.model_dump_json(exclude_none=True).encode(), entry.id.encode(), entry.id)


def raw_records(paths: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[Record]:
    """Unvalidated bytes: one record a file, or one a line for .jsonl files and stdin."""
    for name in expand_paths(paths, raw=True):
        if name == "-":
            data, label, per_line = (stdin.read() if stdin else b""), "<stdin>", True
        else:
            data, label = Path(name).read_bytes(), name
            per_line = Path(name).suffix.lower() in LINE_SUFFIXES
        if per_line:
            for number, line in enumerate(data.splitlines(), 1):
                if line.strip():
                    yield Record(line, None, f"{label}:{number}")
        else:
            yield Record(data, None, label)
