"""Per-category precision and recall on the evaluation sets: a compact summary for the README and
the full set-by-set table in bench/QUALITY.md.

Usage: .venv/bin/python bench/quality_report.py  (writes bench/QUALITY.md and prints the summary)

Why two tables: with thirty sets the full table is too wide to read in the README; the summary sums
the blind sets (all written by authors who never saw the rules) and names the weakest one, so a
reader sees both the level and the spread.
"""

from __future__ import annotations

from pathlib import Path

from streams.engine.detector import Detector
from streams.engine.evaluation import CategoryScore, EvalReport, evaluate, labelled_sets, read_dataset

ROOT = Path(__file__).resolve().parents[1]
CORE = ("troop_buildup", "military_exercise", "cyberattack", "truce_violation")


def _cell(score: CategoryScore | None) -> str:
    return f"{score.precision:.2f} / {score.recall:.2f}" if score else "-"


def full_table(reports: dict[str, EvalReport]) -> list[str]:
    """Every set, every category ("-" where a set has no item of the category and none was flagged)."""
    categories = sorted({c for r in reports.values() for c in r.scores}, key=lambda c: (c not in CORE, c))
    lines = [
        "| category | " + " | ".join(f"{n.removesuffix('.jsonl')} P / R" for n in reports) + " |",
        "|---|" + "---:|" * len(reports),
    ]
    for category in categories:
        cells = [_cell(reports[name].scores.get(category)) for name in reports]
        label = f"**{category}**" if category in CORE else category
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def summary_table(reports: dict[str, EvalReport]) -> list[str]:
    """Core categories: dev, holdout and probes, the blind sets summed, and the weakest blind set."""
    blind = {n: r for n, r in reports.items() if n.startswith("blind")}
    lines = [
        "| category | dev | holdout | probes | blind sets summed "
        f"({len(blind)} sets, {sum(r.items for r in blind.values()):,} items) | weakest blind set (P) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for category in CORE:
        summed = CategoryScore(category)
        for report in blind.values():
            score = report.scores.get(category)
            if score:
                summed.tp += score.tp
                summed.fp += score.fp
                summed.fn += score.fn
        weakest = min(
            blind, key=lambda n: blind[n].scores[category].precision if category in blind[n].scores else 1.0
        )
        fixed = [_cell(reports[n].scores.get(category)) if n in reports else "-"
                 for n in ("dev.jsonl", "holdout.jsonl", "probes.jsonl")]
        worst = f"{weakest.removesuffix('.jsonl')} {_cell(blind[weakest].scores.get(category))}"
        lines.append(f"| **{category}** | " + " | ".join(fixed) + f" | {_cell(summed)} | {worst} |")
    return lines


def main() -> None:
    detector = Detector.load()
    sets = labelled_sets(ROOT / "tests" / "eval")
    reports = {path.name: evaluate(detector, list(read_dataset(path))) for path in sets}
    head = (
        f"Rule set {detector.version}, {detector.rule_count} rules. "
        + ", ".join(f"{n}: {r.items} items" for n, r in reports.items())
        + "."
    )
    summary = summary_table(reports)
    full = "\n".join([head, "", *summary, "", *full_table(reports)]) + "\n"
    (ROOT / "bench" / "QUALITY.md").write_text("# Detection quality\n\n" + full, encoding="utf-8")
    print(head + "\n\n" + "\n".join(summary) + "\n")


if __name__ == "__main__":
    main()
