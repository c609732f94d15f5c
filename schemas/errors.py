"""One root error type with narrow subclasses, each carrying where the problem is.

Why: users meet these as one line on stderr (`rules/x.yaml:12:5 (match.any[2]): ...`), and the stream
logs them with topic/partition/offset, so the location must travel with the error, not in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError


class TripwireError(Exception):
    """Root of every error Tripwire raises on purpose; the CLI turns these into exit code 2."""


@dataclass(frozen=True)
class SourceLocation:
    """Where in a file a problem sits; printed as `path:line:column (field)`."""

    path: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.field:
            where += f" ({self.field})"
        return where


class RuleError(TripwireError):
    """A rule file that cannot be loaded: YAML syntax, schema, duplicate id, bad pattern, failed test."""

    def __init__(self, message: str, location: SourceLocation) -> None:
        super().__init__(f"{location}: {message}")
        self.message = message
        self.location = location


@dataclass
class RuleErrors(TripwireError):
    """Every problem found in a rule set, for lint reports that show all of them at once."""

    errors: list[RuleError] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class NewsInputError(TripwireError):
    """A news file that cannot be read as news items; names the file and line."""

    def __init__(self, message: str, path: Path | str, line: int | None = None) -> None:
        loc = SourceLocation(str(path), line)
        super().__init__(f"{loc}: {message}")
        self.message = message
        self.location = loc


def first_error(exc: ValidationError, whole: str = "") -> tuple[str, str]:
    """(field path, message) of a pydantic error's first problem; `whole` names an error with no field.

    Why the first only: users meet these as one line (a dead-letter header, `file:line: field: msg`).
    """
    err = exc.errors()[0]
    return ".".join(str(p) for p in err["loc"]) or whole, str(err["msg"])
