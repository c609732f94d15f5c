"""A signal is one rule hit on one news item: the unit detect hands to correlate."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)

    def raised(self, steps: int = 1) -> Severity:
        return SEVERITY_ORDER[min(self.rank + steps, len(SEVERITY_ORDER) - 1)]

    @classmethod
    def highest(cls, *values: Severity) -> Severity:
        return max(values, key=lambda s: s.rank)


SEVERITY_ORDER: tuple[Severity, ...] = (
    Severity.INFO,
    Severity.LOW,
    Severity.MEDIUM,
    Severity.HIGH,
    Severity.CRITICAL,
)


class Evidence(BaseModel):
    """The whole sentence that fired; offsets index into NewsItem.text (title, blank line, body)."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    matched: list[str] = Field(default_factory=list, description="the words that matched, in order")


class Quantity(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float
    unit: str
    text: str


class CorrelationPolicy(BaseModel):
    """The rule's correlation settings, carried on the signal so correlate needs no rule lookup."""

    model_config = ConfigDict(frozen=True)

    window_seconds: int = 86_400
    min_sources: int = 3
    corroborated_severity: Severity | None = None
    cooldown_seconds: int = 43_200
    allowed_lateness_seconds: int = 21_600


class Finding(BaseModel):
    """What a rule found in one item: the part a signal and the alert built from it share."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    rule_title: str = ""
    rule_version: str
    category: str
    severity: Severity
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    item_id: str
    source: str
    title: str
    url: str | None = None
    published_at: datetime | None = None
    detected_at: datetime
    evidence: list[Evidence]
    quantities: list[Quantity] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list, description="place codes, most salient first")
    place_names: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)


class Signal(Finding):
    """One rule hit on one item: what detect hands to correlate."""

    signal_id: str
    rule_status: str = "stable"
    score: float = 0.0
    fingerprint: str = Field("", description="MinHash signature of the item text, hex, for near-duplicates")
    policy: CorrelationPolicy = Field(default_factory=CorrelationPolicy)

    @property
    def place(self) -> str:
        """The correlation key's place: the most salient place, or 'unknown'."""
        return self.places[0] if self.places else "unknown"
