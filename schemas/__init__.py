"""Pydantic contracts shared by the engine, the stream agents and the command line (no I/O here)."""

from schemas.alert import Alert, AlertStatus, Corroboration
from schemas.errors import RuleError, TripwireError
from schemas.news import NewsItem
from schemas.signal import Evidence, Quantity, Severity, Signal

__all__ = [
    "Alert",
    "AlertStatus",
    "Corroboration",
    "Evidence",
    "NewsItem",
    "Quantity",
    "RuleError",
    "Severity",
    "Signal",
    "TripwireError",
]
