"""How an alert reads in a terminal (scan, tail, demo): severity first, then the sentence that proves it."""

from __future__ import annotations

from rich.text import Text

from schemas.alert import Alert

SEVERITY_STYLE = {
    "info": "dim",
    "low": "cyan",
    "medium": "yellow",
    "high": "bold red",
    "critical": "bold white on red",
}


def render_alert(alert: Alert) -> Text:
    severity = alert.severity.value
    out = Text()
    out.append(f"[{severity.upper():8}]", style=SEVERITY_STYLE.get(severity, ""))
    status = "" if alert.status.value == "firing" else f" ({alert.status.value})"
    place = ", ".join(alert.place_names[:3]) or alert.place
    out.append(f" {alert.category}{status} @ {place}", style="bold")
    out.append(f"  {alert.rule_id}  item={alert.item_id} source={alert.source}\n", style="dim")
    out.append(f"    {alert.title[:160]}\n")
    for ev in alert.evidence[:2]:
        sentence = ev.text if len(ev.text) <= 300 else ev.text[:297] + "..."
        line = Text(f"    > {sentence}\n", style="italic")
        for word in ev.matched:
            line.highlight_words([word], style="bold underline")
        out.append_text(line)
    if alert.quantities:
        figures = ", ".join(f"{q.value:,.0f} {q.unit}" for q in alert.quantities[:4])
        out.append(f"    figures: {figures}\n", style="dim")
    corr = alert.corroboration
    if corr.count > 1 or alert.suppressed or alert.chain:
        extra = f"    corroborated by {corr.count} source(s): {', '.join(corr.sources[:6])}"
        if alert.suppressed:
            extra += f"; {alert.suppressed} repeat(s) suppressed"
        if alert.chain:
            extra += f"; chain of {len(alert.chain)} alerts"
        out.append(extra + "\n", style="dim")
    return out
