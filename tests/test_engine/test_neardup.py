"""Tests for streams.engine.neardup: MinHash fingerprints of word 3-shingles.

The contract others rely on: 64 x 8 hex digits (correlation_grouping decodes them as uint32), the same
fingerprint for the same text in any process, and Jaccard estimates that keep reprints together and
different stories apart."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from stories import BODY, DISTINCT, HEADLINES, reprint

from streams.engine.correlation_grouping import compact_fingerprint, story_similarity
from streams.engine.neardup import MAX_WORDS, PERMUTATIONS, _words, fingerprint, similarity

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev.jsonl"
HEX = re.compile(r"[0-9a-f]{512}")

ARTICLE = f"{HEADLINES[0]}\n\n" + "\n\n".join(BODY)
# another headline, and the paper dropped the last paragraph
REPRINT = "Army camps multiply near the frontier, pictures show\n\n" + "\n\n".join(BODY[:-1])


def _long_articles() -> list[str]:
    """~3.7 KB news-like articles: consecutive dev-set titles and bodies, no item shared between two."""
    items = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    paragraphs = [f"{item['title']}. {item['body']}" for item in items]
    articles, current = [], []
    for paragraph in paragraphs:
        current.append(paragraph)
        if sum(len(p) + 2 for p in current) >= 3700:
            articles.append("\n\n".join(current))
            current = []
    return articles


def test_fingerprint_is_512_hex_digits() -> None:
    for text in (ARTICLE, "", "one", "two words", "  ...  ", "x" * 10_000, DISTINCT[0]):
        fp = fingerprint(text)
        assert len(fp) == PERMUTATIONS * 8 == 512
        assert HEX.fullmatch(fp), text


def test_same_text_is_identical() -> None:
    assert fingerprint(ARTICLE) == fingerprint(ARTICLE)
    assert similarity(fingerprint(ARTICLE), fingerprint(ARTICLE)) == 1.0


def test_case_and_punctuation_do_not_matter() -> None:
    shouted = ARTICLE.upper().replace(",", " ,").replace(".", "!")
    assert similarity(fingerprint(ARTICLE), fingerprint(shouted)) == 1.0


def test_reprint_with_new_headline_and_dropped_paragraph_is_similar() -> None:
    assert similarity(fingerprint(ARTICLE), fingerprint(REPRINT)) >= 0.7
    for n in range(10):
        assert similarity(fingerprint(reprint(0, "Reuters")), fingerprint(reprint(n, "AP"))) >= 0.7, n


def test_different_articles_are_not_similar() -> None:
    fps = [fingerprint(text) for text in [ARTICLE, *DISTINCT]]
    for i, a in enumerate(fps):
        for b in fps[i + 1 :]:
            assert similarity(a, b) <= 0.3


def test_long_articles_reprints_and_different_stories() -> None:
    articles = _long_articles()
    assert len(articles) >= 10
    fps = [fingerprint(text) for text in articles]
    for text, fp in zip(articles, fps, strict=True):
        paragraphs = text.split("\n\n")
        copy = "\n\n".join(["A new headline for the same story", *paragraphs[1:-1]])
        assert similarity(fp, fingerprint(copy)) >= 0.7
    for a, b in itertools.pairwise(fps):
        assert similarity(a, b) <= 0.3


def test_only_the_first_max_words_count() -> None:
    text = " ".join(f"w{i}" for i in range(MAX_WORDS))
    assert fingerprint(text) == fingerprint(text + " and a different tail entirely")


def test_fingerprint_is_deterministic_across_processes() -> None:
    texts = [ARTICLE, REPRINT, "", "a", "Kyiv \u201cdrone\u201d strike \u2014 caf\u00e9 hit", *DISTINCT]
    script = (
        "import json, sys\n"
        "from streams.engine.neardup import fingerprint\n"
        "print(json.dumps([fingerprint(t) for t in json.loads(sys.stdin.read())]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env=env,
        )
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1] == [fingerprint(t) for t in texts]


def test_correlation_grouping_reads_the_fingerprints() -> None:
    stored = compact_fingerprint(fingerprint(ARTICLE))
    assert story_similarity(fingerprint(REPRINT), [stored]) >= 0.7
    assert story_similarity(fingerprint(DISTINCT[0]), [stored]) <= 0.3


def test_similarity_of_missing_or_malformed_is_zero() -> None:
    fp = fingerprint(ARTICLE)
    assert similarity("", fp) == 0.0
    assert similarity(fp, "") == 0.0
    assert similarity(fp, fp[:-8]) == 0.0


_WORDY = st.text(
    alphabet=st.one_of(
        # ASCII word and non-word characters, odd whitespace, curly quotes and dashes, accented and
        # expanding letters (\u0130 lowers to two characters), digits, combining marks, a lone surrogate
        st.sampled_from("aZ_9 ,.-'\"\n\t\x1c\x85\xa0\u201c\u201d\u2014\u00e9\u00df\u0130\u01c5\u0663"),
        st.sampled_from("\u00b2\u200b\u0301\ud800\U0001f600\u65e5"),
        st.characters(),
    ),
    max_size=80,
)


@given(_WORDY)
@settings(max_examples=500)
def test_words_are_the_regex_words(text: str) -> None:
    """The byte-table tokenizer splits exactly as re.findall(r"\\w+") on the lower-cased text."""
    expected = re.findall(r"\w+", text[: MAX_WORDS * 8].lower())[:MAX_WORDS]
    assert _words(text) == [w.encode("utf-8", "surrogatepass") for w in expected]
