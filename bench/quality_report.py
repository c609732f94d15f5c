"""Per-category precision and recall on the evaluation sets, as the Markdown table the README shows.

Usage: .venv/bin/python bench/quality_report.py  (writes bench/QUALITY.md and prints it)
"""

from __future__ import annotations

from pathlib import Path

from streams.engine.detector import Detector
from streams.engine.evaluation import evaluate, labelled_sets, read_dataset

ROOT = Path(__file__).resolve().parents[1]
CORE = ("troop_buildup", "military_exercise", "cyberattack", "truce_violation")


def main() -> None:
    detector = Detector.load()
    sets = labelled_sets(ROOT / "tests" / "eval")
    reports = {path.name: evaluate(detector, list(read_dataset(path))) for path in sets}
    categories = sorted({c for r in reports.values() for c in r.scores}, key=lambda c: (c not in CORE, c))
    header = "| category | " + " | ".join(f"{n.removesuffix('.jsonl')} P / R" for n in reports) + " |"
    lines = [
        f"Rule set {detector.version}, {detector.rule_count} rules. "
        + ", ".join(f"{n}: {r.items} items" for n, r in reports.items())
        + ".",
        "",
        header,
        "|---|" + "---:|" * len(reports),
    ]
    for category in categories:
        cells = []
        for name in reports:
            score = reports[name].scores.get(category)
            cells.append(f"{score.precision:.2f} / {score.recall:.2f}" if score else "-")
        label = f"**{category}**" if category in CORE else category
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "QUALITY.md").write_text("# Detection quality\n\n" + text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
