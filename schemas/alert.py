"""The alert contract (DESIGN.md): what subscribers of `alerts` and `alerts.<category>` receive."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.signal import Finding


class AlertStatus(StrEnum):
    FIRING = "firing"
    RESOLVED = "resolved"


class Corroboration(BaseModel):
    model_config = ConfigDict(frozen=True)

    sources: list[str] = Field(default_factory=list)
    count: int = 1
    window: str = "24h"


class Alert(Finding):
    """One alert per (rule, story); later versions of the same alert_id update it."""

    model_config = ConfigDict(frozen=True, extra="allow")

    alert_id: str = Field(description="deterministic: same rule and story give the same id")
    corroboration: Corroboration = Field(default_factory=Corroboration)
    status: AlertStatus = AlertStatus.FIRING
    place: str = "unknown"
    items: list[str] = Field(default_factory=list, description="every item grouped into this alert")
    suppressed: int = Field(0, description="repeats of this situation counted instead of re-alerting")
    late: bool = Field(False, description="arrived after the allowed lateness; alerted on its own")
    escalation_index: float = 0.0
    chain: list[str] = Field(default_factory=list, description="alert ids behind a sequence alert")
    dashboard_url: str | None = None
    version: int = Field(1, description="bumps when the same alert is updated (corroboration, resolve)")
