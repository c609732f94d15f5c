"""The alert contract (DESIGN.md): what subscribers of `alerts` and `alerts.<category>` receive."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.signal import Evidence, Quantity, Severity


class AlertStatus(StrEnum):
    FIRING = "firing"
    RESOLVED = "resolved"


class Corroboration(BaseModel):
    model_config = ConfigDict(frozen=True)

    sources: list[str] = Field(default_factory=list)
    count: int = 1
    window: str = "24h"


class Alert(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    alert_id: str = Field(description="deterministic: same rule and story give the same id")
    rule_id: str
    rule_title: str = ""
    category: str
    severity: Severity
    item_id: str
    source: str
    title: str
    url: str | None = None
    published_at: datetime | None = None
    detected_at: datetime
    evidence: list[Evidence]
    quantities: list[Quantity] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    place_names: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    corroboration: Corroboration = Field(default_factory=Corroboration)
    tags: list[str] = Field(default_factory=list)
    rule_version: str
    status: AlertStatus = AlertStatus.FIRING
    description: str = ""
    place: str = "unknown"
    items: list[str] = Field(default_factory=list, description="every item grouped into this alert")
    suppressed: int = Field(0, description="repeats of this situation counted instead of re-alerting")
    late: bool = Field(False, description="arrived after the allowed lateness; alerted on its own")
    escalation_index: float = 0.0
    chain: list[str] = Field(default_factory=list, description="alert ids behind a sequence alert")
    dashboard_url: str | None = None
    version: int = Field(1, description="bumps when the same alert is updated (corroboration, resolve)")
