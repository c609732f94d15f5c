"""Scan throughput of the detection core: articles/s and MB/s on ~3 KB articles, one core.

Runs the full rule library on a news mix, general news and escalation news, then 50, 500 and 5,000
generated rules, and compares backends for the multi-pattern step (Aho-Corasick over the word form
as used, the previous Hyperscan literal database, RE2 Set, one Python regex per term). Writes
bench/ENGINE.md. Usage: .venv/bin/python bench/bench_engine.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from schemas.news import NewsItem
from streams.engine.detector import DEFAULT_RULES_DIR, Detector
from streams.engine.patterns import scan_form, term_to_regex
from streams.engine.text import fold

ROOT = Path(__file__).resolve().parents[1]
EVAL_SETS = [ROOT / "tests" / "eval" / name for name in ("dev.jsonl", "holdout.jsonl")]
WORDS = [
    "government",
    "minister",
    "said",
    "talks",
    "region",
    "week",
    "officials",
    "statement",
    "capital",
    "agreement",
    "press",
    "conference",
    "economy",
    "election",
    "spokesman",
    "president",
    "parliament",
    "villages",
    "river",
    "highway",
    "residents",
    "market",
    "prices",
    "report",
    "analysts",
    "budget",
    "inflation",
    "weather",
    "harvest",
    "transport",
    "schools",
    "hospitals",
    "energy",
    "exports",
    "court",
    "ruling",
    "opposition",
    "coalition",
    "voters",
    "campaign",
    "investment",
    "tourism",
    "festival",
]


GENERAL_NEWS = [
    "The central bank left interest rates unchanged on Thursday, citing a slower pace of price rises.",
    "Shares in the country's largest carmaker fell after it cut its forecast for the rest of the year.",
    "The city council approved a plan to extend the tram line to the northern suburbs by 2029.",
    "Farmers in the south said the late rains had delayed the planting of maize by several weeks.",
    "The national football team named a new coach after a disappointing qualifying campaign.",
    "A new museum of modern art opened its doors to the public on Saturday after six years of work.",
    "Unemployment edged down to 5.8 percent in the third quarter, the statistics office said.",
    "The health ministry launched a vaccination drive for children under five in rural districts.",
    "Lawmakers debated a bill that would raise the minimum wage in two steps over the next year.",
    "Heavy traffic is expected on the coastal highway as the holiday weekend begins.",
    "The airline announced new routes to three Asian capitals starting in the spring.",
    "Researchers at the university published a study on the decline of river fish populations.",
    "The opposition leader toured factories in the east ahead of next month's regional elections.",
    "Exports of coffee rose for the fourth month in a row, helped by strong demand from Europe.",
    "The film festival closed with an award for a documentary about a family of fishermen.",
    "Police said the main road would stay closed until repairs to the bridge were finished.",
    "The prime minister met business leaders to discuss a new tax on large digital companies.",
    "A strike by port workers entered its second day, holding up container traffic.",
    "The energy regulator approved a small increase in household electricity tariffs.",
    "Thousands of runners took part in the annual city marathon despite the cold weather.",
    "The education minister promised more funding for school buildings in poorer regions.",
    "A court ordered the release of two journalists who had been held for a week.",
    "The national statistics agency revised its estimate of economic growth upward.",
    "The telecom operator said it would invest heavily in rural broadband over five years.",
    "Officials opened a new hospital wing dedicated to the treatment of heart disease.",
    "The government said inflation would fall below four percent by the end of next year.",
    "Tourist arrivals reached a record in August, led by visitors from neighbouring countries.",
    "The orchestra announced a tour of twelve cities to mark its hundredth anniversary.",
    "A drought has left reservoirs in the west at their lowest level in two decades.",
    "The mayor unveiled plans for thousands of affordable homes on former industrial land.",
]


def make_news_mix(count: int, seed: int = 9, domain_share: float = 0.1) -> list[NewsItem]:
    """~3 KB articles of a general news stream: about one article in ten is escalation news."""
    rng = random.Random(seed)
    domain = make_articles(max(1, int(count * domain_share)), seed)
    articles = []
    for i in range(count):
        if i % int(1 / domain_share) == 0 and domain:
            articles.append(domain[(i // int(1 / domain_share)) % len(domain)])
            continue
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 3000:
            parts.append(rng.choice(GENERAL_NEWS))
        articles.append(NewsItem(id=f"news-{i}", title=parts[0][:80], body=" ".join(parts[1:])))
    return articles


def make_articles(count: int, seed: int = 7) -> list[NewsItem]:
    """~3 KB articles built from the evaluation sets' own texts (our writing, news register).

    Each article starts from a full-length evaluation article or wire item and is topped up with
    further items until it reaches 3,000 characters, so trigger words, events and hard negatives
    occur at the density of monitored news rather than of a synthetic word salad.
    """
    rng = random.Random(seed)
    texts: list[str] = []
    for path in EVAL_SETS:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                text = " ".join(p for p in (row.get("title", ""), row.get("body", "")) if p)
                if len(text) > 200:
                    texts.append(text)
    if not texts:
        texts = [" ".join(rng.choice(WORDS) for _ in range(20)).capitalize() + "." for _ in range(200)]
    articles = []
    for i in range(count):
        parts = [rng.choice(texts)]
        while sum(len(p) + 2 for p in parts) < 3000:
            parts.append(rng.choice(texts))
        articles.append(NewsItem(id=f"bench-{i}", title=parts[0][:90], body="\n\n".join(parts)))
    return articles


def generated_rules(n: int, folder: Path, seed: int = 11, *, distinctive: bool = False) -> Path:
    """n synthetic rules of the library's shape: two term groups within a few words, with tests.

    Terms are drawn from 1,600 synthetic words and 43 common news words. `distinctive`: the first
    group has synthetic words only, as a real rule has one group of domain vocabulary ("troops",
    "ransomware") - on general news such rules stop at the gate, which isolates the cost of the
    scan and the gate as the rule count grows.
    """
    rng = random.Random(seed)
    synthetic = [
        f"{a}{b}"
        for a in ("alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "sierra")
        for b in range(200)
    ]
    vocab = synthetic + WORDS
    for i in range(n):
        first = rng.sample(synthetic if distinctive else vocab, 4)
        second = rng.sample(vocab, 3)
        (folder / f"gen{i}.yaml").write_text(
            "\n".join(
                [
                    f"id: generated.rule_{i}",
                    f"title: Generated rule {i}",
                    "category: generated",
                    "severity: low",
                    "description: a synthetic rule for the benchmark",
                    "match:",
                    f"  all: [{json.dumps(first)}, {json.dumps(second)}]",
                    "  within: 6",
                    "tests:",
                    f"  fire: [{json.dumps(first[0] + ' and ' + second[0])}]",
                    '  quiet: ["nothing here"]',
                ]
            )
            + "\n",
            encoding="utf-8",
        )
    return folder


def rate(func: Callable[[NewsItem], object], articles: list[NewsItem], seconds: float) -> tuple[float, float]:
    """(articles/s, MB/s): the median of three measurements of `seconds / 3` each.

    Why: on a shared 2-core machine one measurement of the same code moves by +-20%; each
    measurement takes the fastest pass in CPU time (as `timeit` does), and the median of three
    keeps one lucky or unlucky run from deciding the figure.
    """
    runs = sorted(_fastest_pass(func, articles, seconds / 3) for _ in range(3))
    return runs[1]


def _fastest_pass(
    func: Callable[[NewsItem], object], articles: list[NewsItem], seconds: float
) -> tuple[float, float]:
    """(articles/s, MB/s) from the fastest of repeated passes over `articles` within `seconds`."""
    size = sum(len(item.text.encode()) for item in articles)
    best = float("inf")
    start = time.process_time()
    while True:
        begin = time.process_time()
        for item in articles:
            func(item)
        best = min(best, time.process_time() - begin)
        if time.process_time() - start >= seconds:
            break
    return len(articles) / best, size / best / 1e6


def backend_rates(detector: Detector, articles: list[NewsItem], seconds: float) -> dict[str, float]:
    """The multi-pattern step alone with each backend, over the library's terms."""
    terms = detector.ruleset.terms
    regexes = [term_to_regex(t) for t in terms]
    folded = [scan_form(fold(a.text)) for a in articles]
    results: dict[str, float] = {}

    def timed(name: str, scan: Callable[[str], object]) -> None:
        best = float("inf")
        start = time.process_time()
        while True:
            begin = time.process_time()
            for text in folded:
                scan(text)
            best = min(best, time.process_time() - begin)
            if time.process_time() - start >= seconds:
                break
        results[name] = len(folded) / best

    patterns = detector.ruleset.patterns
    timed(
        "aho-corasick over the word form, as used (every hit with offsets)", lambda t: patterns.find(t).hits()
    )
    timed(
        "aho-corasick over the word form, which terms occur (the gate's input)",
        lambda t: patterns.find(t).present,
    )
    timed(
        "hyperscan literal database, boundary checks per hit in Python (engine until 2026-11)",
        _hyperscan_literals(terms),
    )
    try:
        import re2

        options = re2.Options()
        options.never_capture = True
        rset = re2.Set.SearchSet(options)
        for rx in regexes:
            rset.Add(rx)
        rset.Compile()
        timed("re2 Set (which terms, no offsets)", rset.Match)
    except Exception as exc:
        results[f"re2 unavailable: {exc}"] = 0.0
    compiled = [re.compile(rx) for rx in regexes[:500]]
    timed(
        f"python re, one pattern per term ({len(compiled)} of {len(regexes)})",
        lambda t: [p.search(t) for p in compiled],
    )
    return results


def _hyperscan_literals(terms: list[str]) -> Callable[[str], object]:
    """The previous engine's literal step: one Hyperscan database, word boundaries checked per hit."""
    import hyperscan

    from streams.engine.patterns import term_literals

    literals = [(i, lit) for i, term in enumerate(terms) for lit in (term_literals(term) or [])]
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=[re.escape(lit.text).encode() for _, lit in literals],
        ids=list(range(len(literals))),
        elements=len(literals),
        flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * len(literals),
    )

    def scan(text: str) -> list[tuple[int, int, int]]:
        hits: list[tuple[int, int, int]] = []
        n = len(text)

        def on_match(index: int, start: int, end: int, flags: int, context: object) -> None:
            term_id, lit = literals[index]
            if lit.bounded_start and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                return
            if lit.prefix:
                while end < n and (text[end].isalnum() or text[end] == "_"):
                    end += 1
            elif lit.bounded_end and end < n and (text[end].isalnum() or text[end] == "_"):
                return
            hits.append((term_id, start, end))

        db.scan(text.encode("ascii", "replace"), match_event_handler=on_match)
        return hits

    return scan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    articles = make_articles(args.articles)
    avg = sum(len(a.text) for a in articles) / len(articles)
    rows: list[tuple[str, int, float, float]] = []
    library = Detector.load([DEFAULT_RULES_DIR])
    mix = make_news_mix(args.articles)
    general = [a for a in make_news_mix(args.articles * 2) if a.id.startswith("news-")][: args.articles]
    for name, items in (
        ("rule library, news mix (1 in 10 escalation)", mix),
        ("rule library, general news only", general),
        ("rule library, escalation news only", articles),
    ):
        aps, mbs = rate(library.detect, items, args.seconds)
        rows.append((name, library.rule_count, aps, mbs))
    for distinctive in (False, True):
        for n in (50, 500, 5000):
            with tempfile.TemporaryDirectory() as tmp:
                det = Detector.load([generated_rules(n, Path(tmp), distinctive=distinctive)])
                aps, mbs = rate(det.detect, mix, args.seconds)
                kind = "one group of distinctive words" if distinctive else "common words in both groups"
                rows.append((f"{n} generated rules ({kind}), news mix", det.rule_count, aps, mbs))
    backends = backend_rates(library, articles, args.seconds)

    def slowdown(kind: str) -> str:
        by_count = {count: aps for name, count, aps, _ in rows if f"({kind})" in name}
        return f"{by_count[50] / by_count[5000]:.2f}x"

    lines = [
        "# Detection engine throughput",
        "",
        "One core (CPU time of the benchmark process; median of three measurements, each the fastest",
        f"pass over the set), {len(articles)} articles of {avg:,.0f} characters on average, "
        f"{args.seconds:g} s per row.",
        "Regenerate: `make bench-engine`.",
        "",
        "News mix: one escalation article in ten, the rest general news (economy, sport, culture) -",
        "the service's normal input. Escalation news only: every article is built from the evaluation",
        "sets' texts (troops, drills, truces, attacks, and hard negatives; ~6 signals per article), the",
        "worst case. Generated rules (two term groups within 6 words, 4 + 3 terms drawn from 1,600",
        "synthetic words and 43 common news words) run on the news mix. When both groups may hold",
        "common words, the more rules, the more of them have every required word in a general article",
        "and must be checked further; when one group is distinctive (as in real rules), general news",
        "stops at the gate and the rows measure the scan and the gate alone.",
        "",
        "| rule set | rules | articles/s | MB/s |",
        "|---|---:|---:|---:|",
        *[f"| {name} | {count} | {aps:,.0f} | {mbs:.2f} |" for name, count, aps, mbs in rows],
        "",
        "5,000 rules vs 50 rules: "
        f"{slowdown('common words in both groups')} slower when both groups may hold common words, "
        f"{slowdown('one group of distinctive words')} when one group is distinctive.",
        "",
        "## Multi-pattern step alone (library terms, escalation news)",
        "",
        "| backend | scans/s |",
        "|---|---:|",
        *[f"| {name} | {value:,.0f} |" for name, value in backends.items()],
        "",
        "Also measured and rejected (2026-11-22): evaluating each rule's term formula inside Hyperscan",
        "with logical combinations (`HS_FLAG_COMBINATION`) - exact, but the combination bookkeeping cost",
        "about 100 us per general article with the library and 500 us at 5,000 rules, more than the",
        "Aho-Corasick pass plus the Python gate together; and word-bounded regexes (`\\bterm\\b`) in",
        "Hyperscan, 5 s to compile the library's terms instead of well under one.",
        "",
    ]
    out = ROOT / "bench" / "ENGINE.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
