"""Benchmark the text layer: our sentence splitter against pysbd and syntok, plus per-article costs.

Run: ``python bench/bench_text.py [--seeds DIR]`` (needs the ``bench`` extra plus pysbd and syntok,
which are benchmark-only).  Prints tables; the figures are recorded in ``bench/TEXT.md``.

Why: the engine must scan >= 2,000 articles/s on one core, so the splitter has to be both correct on
news abbreviations ("U.S.", "Gen.", "Feb. 24") and cheap.  A library wins if it is at least as good
on both; these numbers are the evidence for the choice.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.engine.extract import extract_quantities
from streams.engine.gazetteer import Gazetteer
from streams.engine.text import WordIndex, fold, split_sentences

# Tricky cases: text and the sentences a reader would see.  Written for this benchmark.
CASES: list[tuple[str, list[str]]] = [
    ("The U.S. Army sent a brigade.", ["The U.S. Army sent a brigade."]),
    ("Troops left the U.S. The move was expected.", ["Troops left the U.S.", "The move was expected."]),
    ("Gen. Ivanov met Lt. Col. Petrov.", ["Gen. Ivanov met Lt. Col. Petrov."]),
    ("The drills began on Feb. 24 and ended Mar. 3.", ["The drills began on Feb. 24 and ended Mar. 3."]),
    ("A U.N. Security Council meeting was called.", ["A U.N. Security Council meeting was called."]),
    ("Analyst J. R. Smith wrote it.", ["Analyst J. R. Smith wrote it."]),
    ("Growth was 1.5 percent. It fell.", ["Growth was 1.5 percent.", "It fell."]),
    ("U.S.-led forces moved closer.", ["U.S.-led forces moved closer."]),
    ("He paused... and the shelling resumed.", ["He paused... and the shelling resumed."]),
    ("Resolution No. 2231 was cited.", ["Resolution No. 2231 was cited."]),
    ("The force had approx. 4,000 troops.", ["The force had approx. 4,000 troops."]),
    ("Units, e.g. Marines, moved.", ["Units, e.g. Marines, moved."]),
    ("Tanks, trucks, etc. were moved.", ["Tanks, trucks, etc. were moved."]),
    ("Tanks, trucks, etc. Soldiers followed.", ["Tanks, trucks, etc.", "Soldiers followed."]),
    ("Dr. Alvarez and Prof. Lind spoke at St. Mary's.", ["Dr. Alvarez and Prof. Lind spoke at St. Mary's."]),
    ("Acme Inc. Chief Pat Doe spoke.", ["Acme Inc. Chief Pat Doe spoke."]),
    ('He said: "Stop!" Then firing began.', ['He said: "Stop!"', "Then firing began."]),
    (
        "\u201cWe are ready,\u201d he said. \u201cGo.\u201d",
        ["\u201cWe are ready,\u201d he said.", "\u201cGo.\u201d"],
    ),
    ("Ukraine vs. Russia talks stalled.", ["Ukraine vs. Russia talks stalled."]),
    ("Mr. and Mrs. Brown met Ms. White.", ["Mr. and Mrs. Brown met Ms. White."]),
    ("Talks failed. 12 people were hurt.", ["Talks failed.", "12 people were hurt."]),
    (
        "Border tensions rise\nKYIV, March 3\nRussia moved units.",
        ["Border tensions rise", "KYIV, March 3", "Russia moved units."],
    ),
    ("Columns moved along the\nborder overnight.", ["Columns moved along the\nborder overnight."]),
    ("Key points:\n- troops massed\n- ships left", ["Key points:", "- troops massed", "- ships left"]),
    ("Sgt. Diaz and Adm. Kole briefed Capt. Ruiz.", ["Sgt. Diaz and Adm. Kole briefed Capt. Ruiz."]),
]


def ours(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def _loaders() -> dict[str, Callable[[str], list[str]]]:
    splitters: dict[str, Callable[[str], list[str]]] = {"tripwire": ours}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
        splitters["pysbd"] = lambda t: [s.strip() for s in seg.segment(t) if s.strip()]
    except ImportError:
        print("pysbd not installed; skipped")
    try:
        from syntok import segmenter

        def syn(text: str) -> list[str]:
            out = []
            for paragraph in segmenter.process(text):
                for sentence in paragraph:
                    start = sentence[0].offset - len(sentence[0].spacing)
                    end = sentence[-1].offset + len(sentence[-1].value)
                    out.append(text[start:end].strip())
            return out

        splitters["syntok"] = syn
    except ImportError:
        print("syntok not installed; skipped")
    return splitters


def best_us(fn: Callable[[], object], number: int) -> float:
    """Best of seven repeats, in microseconds per call: the machine is shared and noisy."""
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def _norm(sentences: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", s) for s in sentences]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"))
    parser.add_argument("-v", "--verbose", action="store_true", help="show the cases each splitter misses")
    args = parser.parse_args()
    articles = [p.read_text(encoding="utf-8")[:3000] for p in sorted(args.seeds.glob("*.txt"))]
    if not articles:
        articles = [" ".join(case for case, _ in CASES) * 4]

    splitters = _loaders()
    print(f"\nSentence splitting: {len(CASES)} tricky cases, {len(articles)} articles of ~3 KB")
    print(f"{'splitter':10} {'cases ok':>9} {'us/article':>11}")
    for name, split in splitters.items():
        ok = sum(_norm(split(text)) == _norm(expected) for text, expected in CASES)
        timing = statistics.median(
            best_us(partial(split, a), 20 if name == "tripwire" else 3) for a in articles
        )
        print(f"{name:10} {ok:>5}/{len(CASES):<3} {timing:>11.1f}")
        for text, expected in CASES:
            if args.verbose and _norm(split(text)) != _norm(expected):
                print(f"   miss {text!r}: {split(text)}")

    print("\nPer 3 KB article (tripwire), best of 7, median over articles, microseconds")
    import streams.engine.text as text_module

    def fresh_fold(a: str) -> str:
        text_module._last = ("", "")  # defeat the one-slot memo: measure a new article each time
        return fold(a)

    rows: list[tuple[str, Callable[[str], object]]] = [
        ("fold", fresh_fold),
        ("fold + split_sentences", lambda a: (fresh_fold(a), split_sentences(a))),
        ("fold + split + WordIndex()", lambda a: (fresh_fold(a), split_sentences(a), WordIndex(a))),
        ("WordIndex build + lookup", lambda a: WordIndex(a).word_number(len(a) // 2)),
    ]
    gaz = Gazetteer.default()
    rows += [("gazetteer.places (article)", gaz.places), ("gazetteer.actors (article)", gaz.actors)]
    for label, fn in rows:
        print(f"  {label:30} {statistics.median(best_us(partial(fn, a), 50) for a in articles):8.1f}")

    sentences = [
        "Russia has massed an estimated 100,000 troops and two battalion tactical groups near the border.",
        "Satellite images showed dozens of tanks, 40 warplanes and a 2,000-strong force near Crimea.",
        "Officials said on Tuesday that talks would resume in Geneva after the holiday weekend ended.",
        "Between 7,000 and 15,000 soldiers took part in drills that began in 2014, killing 12 soldiers.",
    ]
    print("\nPer sentence (~100 chars), microseconds")
    for s in sentences:
        n = len(extract_quantities(s))
        extract_us = best_us(partial(extract_quantities, s), 300)
        places_us = best_us(partial(gaz.places, s), 300)
        actors_us = best_us(partial(gaz.actors, s), 300)
        print(
            f"  quantities={n}  extract {extract_us:6.1f}  places {places_us:6.1f}  actors {actors_us:6.1f}"
        )
    long_sentence = " ".join(sentences[:3])
    long_us = best_us(lambda: extract_quantities(long_sentence), 300)
    print(f"  {len(long_sentence)}-char sentence: extract {long_us:.1f}")


if __name__ == "__main__":
    main()
