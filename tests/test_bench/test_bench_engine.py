"""The engine benchmark's building blocks still run and mean what ENGINE.md says (no timing here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

bench_engine = pytest.importorskip("bench_engine")


def test_news_mix_has_one_escalation_article_in_ten() -> None:
    mix = bench_engine.make_news_mix(40)
    escalation = [a for a in mix if not a.id.startswith("news-")]
    assert len(mix) == 40 and len(escalation) == 4
    assert all(len(a.text) >= 2500 for a in mix)  # ~3 KB articles


def test_distinctive_rules_have_no_common_word_in_their_first_group(tmp_path: Path) -> None:
    bench_engine.generated_rules(30, tmp_path, distinctive=True)
    common = set(bench_engine.WORDS)
    for path in tmp_path.glob("*.yaml"):
        line = next(x for x in path.read_text().splitlines() if x.strip().startswith("all:"))
        first_group = line.split("[", 2)[2].split("]")[0]
        assert not any(f'"{word}"' in first_group for word in common), line


def test_rate_counts_articles_per_second() -> None:
    items = bench_engine.make_news_mix(10)
    calls: list[str] = []
    per_second, mb_per_second = bench_engine.rate(lambda item: calls.append(item.id), items, 0.01)
    assert len(calls) >= 3 * len(items)  # three measurements, at least one pass each
    assert per_second > 0 and mb_per_second > 0
