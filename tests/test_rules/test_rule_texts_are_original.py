"""Rule files must not quote the evaluation sets or the reference articles.

Why: a rule test or comment that repeats an evaluation item's wording makes the figures measured on
that set say more about memory than about the rule, and the reference articles are other people's
writing. Seven consecutive words in common is the bar the evaluation sets themselves are held to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SHINGLE = 7
NAME_TABLES = ("actors.yaml", "places.yaml")  # aliases are names, not prose
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".json", ".jsonl", ".txt", ".toml"}


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _reference_shingles() -> set[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "tests" / "eval").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            found |= _shingles(f"{row.get('title', '')} {row.get('body', '')}")
    if SEEDS.is_dir():
        for path in sorted(SEEDS.iterdir()):
            if path.is_file():
                found |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    return found


def test_rule_files_share_no_seven_word_sequence_with_eval_sets_or_seeds() -> None:
    reference = _reference_shingles()
    assert reference, "no evaluation data found"
    quoted = []
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        if path.name in NAME_TABLES:
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            common = _shingles(line) & reference
            if common:
                quoted.append(f"{path.relative_to(ROOT)}:{lineno}: {sorted(common)[0]!r}")
    assert not quoted, "rule files quote evaluation or reference text:\n" + "\n".join(quoted)


def test_no_project_file_quotes_a_reference_article() -> None:
    """Code, tests, docs and fixtures are our own writing too; the seeds are only for facts."""
    if not SEEDS.is_dir():
        return  # ../shared is not beside the repository: nothing to compare against
    seeds: set[str] = set()
    for path in sorted(SEEDS.iterdir()):
        if path.is_file():
            seeds |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    quoted = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_file() or parts[0].startswith(".") or path.suffix not in TEXT_SUFFIXES:
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            common = _shingles(line) & seeds
            if common:
                quoted.append(f"{path.relative_to(ROOT)}:{lineno}: {sorted(common)[0]!r}")
    assert not quoted, "project files quote a reference article:\n" + "\n".join(quoted)
