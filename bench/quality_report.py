"""Per-category precision and recall on the evaluation sets, as the Markdown table the README shows.

Usage: .venv/bin/python bench/quality_report.py  (writes bench/QUALITY.md and prints it)
"""

from __future__ import annotations

from pathlib import Path

from streams.engine.detector import Detector
from streams.engine.evaluation import evaluate, read_dataset

ROOT = Path(__file__).resolve().parents[1]
SETS = (
    "dev.jsonl",
    "holdout.jsonl",
    "blind.jsonl",
    "blind2.jsonl",
    "blind3.jsonl",
    "blind5.jsonl",
    "blind6.jsonl",
    "blind7.jsonl",
    "blind8.jsonl",
    "blind9.jsonl",
    "blind10.jsonl",
    "blind11.jsonl",
    "blind12.jsonl",
    "blind13.jsonl",
    "blind14.jsonl",
    "blind15.jsonl",
    "blind16.jsonl",
    "blind17.jsonl",
    "probes.jsonl",
)
CORE = ("troop_buildup", "military_exercise", "cyberattack", "truce_violation")


def main() -> None:
    detector = Detector.load()
    reports = {name: evaluate(detector, list(read_dataset(ROOT / "tests" / "eval" / name))) for name in SETS}
    categories = sorted({c for r in reports.values() for c in r.scores}, key=lambda c: (c not in CORE, c))
    header = "| category | " + " | ".join(f"{n.removesuffix('.jsonl')} P / R" for n in SETS) + " |"
    lines = [
        f"Rule set {detector.version}, {detector.rule_count} rules. "
        + ", ".join(f"{n}: {r.items} items" for n, r in reports.items())
        + ".",
        "",
        header,
        "|---|" + "---:|" * len(SETS),
    ]
    for category in categories:
        cells = []
        for name in SETS:
            score = reports[name].scores.get(category)
            cells.append(f"{score.precision:.2f} / {score.recall:.2f}" if score else "-")
        label = f"**{category}**" if category in CORE else category
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "QUALITY.md").write_text("# Detection quality\n\n" + text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
