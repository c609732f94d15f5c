"""Precision, recall and F1 per category on a labelled data set, so an author sees what a change costs.

A data set is JSON Lines: `{id, text | title + body, labels: [category, ...]}`. An item counts as a
prediction of a category when any rule of that category (shadow rules included) fires on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from schemas.errors import NewsInputError, first_error
from schemas.news import NewsItem
from streams.engine.detector import Detector


@dataclass(frozen=True)
class LabelledItem:
    item: NewsItem
    labels: frozenset[str]


@dataclass
class CategoryScore:
    category: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    items: int = 0
    scores: dict[str, CategoryScore] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (item id, category, fp|fn)

    def score(self, category: str) -> CategoryScore:
        return self.scores.setdefault(category, CategoryScore(category))

    def as_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "categories": {
                c: {
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                }
                for c, s in sorted(self.scores.items())
            },
        }


def read_dataset(path: Path) -> Iterator[LabelledItem]:
    """Labelled items; a bad line raises NewsInputError naming the file and line."""
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise NewsInputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, lineno) from exc
            if not isinstance(raw, dict):
                raise NewsInputError("each line must be a JSON object", path, lineno)
            labels = raw.pop("labels", None)
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise NewsInputError("`labels` must be a list of category names", path, lineno)
            if "text" in raw and "body" not in raw:
                raw["body"] = raw.pop("text")
            try:
                item = NewsItem.model_validate(raw)
            except ValidationError as exc:
                field_name, message = first_error(exc, "item")
                raise NewsInputError(f"{field_name}: {message}", path, lineno) from exc
            yield LabelledItem(item, frozenset(labels))


_SET_RANK = {"dev": 0, "holdout": 1, "blind": 2, "probes": 4}


def labelled_sets(folder: Path) -> list[Path]:
    """The labelled sets in a folder in reading order: dev, holdout, the blind sets by number, probes.

    Why derived from the folder: the quality report and the regression floor must cover the same
    sets, and a newly added set must not be left out of either."""

    def order(path: Path) -> tuple[int, int, str]:
        stem = path.stem.rstrip("0123456789")
        return (_SET_RANK.get(stem, 3), int(path.stem[len(stem):] or 1), path.stem)

    return sorted(folder.glob("*.jsonl"), key=order)


def evaluate(
    detector: Detector, items: Sequence[LabelledItem], categories: Sequence[str] | None = None
) -> EvalReport:
    report = EvalReport()
    wanted = set(categories) if categories else None
    for labelled in items:
        report.items += 1
        predicted = {s.category for s in detector.detect(labelled.item)}
        for category in predicted | labelled.labels:
            if wanted is not None and category not in wanted:
                continue
            score = report.score(category)
            if category in predicted and category in labelled.labels:
                score.tp += 1
            elif category in predicted:
                score.fp += 1
                report.misses.append((labelled.item.id, category, "fp"))
            else:
                score.fn += 1
                report.misses.append((labelled.item.id, category, "fn"))
    return report
