"""The news item contract (DESIGN.md): what producers put on `news.raw`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TITLE_BODY_SEPARATOR = "\n\n"


class NewsItem(BaseModel):
    """One article, headline or report. Unknown fields are kept so nothing a producer sent is lost."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(min_length=1, max_length=512)
    title: str = ""
    body: str = ""
    source: str = "unknown"
    url: str | None = None
    published_at: datetime | None = None
    language: str = "en"

    @field_validator("id", mode="before")
    @classmethod
    def _id_from_number(cls, value: Any) -> Any:
        # Numeric ids are common in feeds; accept them but keep the contract's string type.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("id must not be blank")
        return value

    @field_validator("published_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        # Naive timestamps are read as UTC so event-time windows compare consistently.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    @field_validator("source", mode="before")
    @classmethod
    def _source_default(cls, value: Any) -> Any:
        return "unknown" if value in (None, "") else value

    @field_validator("language", mode="before")
    @classmethod
    def _language_default(cls, value: Any) -> Any:
        return "en" if value in (None, "") else value

    @model_validator(mode="after")
    def _has_text(self) -> NewsItem:
        if not self.title.strip() and not self.body.strip():
            raise ValueError("title and body are both empty: a news item needs text")
        return self

    @property
    def text(self) -> str:
        """Title and body as one document; evidence offsets index into this string."""
        if not self.title:
            return self.body
        if not self.body:
            return self.title
        return f"{self.title}{TITLE_BODY_SEPARATOR}{self.body}"

    @classmethod
    def from_plain_text(cls, text: str, item_id: str, **fields: Any) -> NewsItem:
        """The CLI's .txt convention: first non-empty line is the title, the rest the body."""
        lines = text.splitlines()
        while lines and not lines[0].strip():
            lines.pop(0)
        title = lines[0].strip() if lines else ""
        body = "\n".join(lines[1:]).strip()
        return cls(id=item_id, title=title, body=body, **fields)

    @classmethod
    def from_text_file(cls, path: Path) -> NewsItem:
        return cls.from_plain_text(path.read_text(encoding="utf-8"), path.stem)
