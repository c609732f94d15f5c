"""The detection core: compiled rules in, signals out. Pure and synchronous, no Faust, no Kafka.

The same object runs inside the stream's detect agent and behind `tripwire scan` / `rules test`, so
the service and the command line cannot disagree about what a text means.

Per item: fold the text, one multi-pattern scan, then only the rules whose anchor terms occurred are
evaluated, sentence by sentence; a hit must survive exclusions, exceptions and the linguistic guards
before it becomes evidence.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, TypeVar

from schemas.news import NewsItem
from schemas.signal import Evidence, Quantity, Severity, Signal
from streams.engine.compiler import (
    CompiledExclusion,
    CompiledRule,
    CompiledRuleSet,
    compile_paths,
    primary_language,
)
from streams.engine.conditions import CNode, Instance, Span, anchors, evaluate
from streams.engine.extract import Quantity as RawQuantity
from streams.engine.extract import extract_quantities
from streams.engine.frames import (
    Frame,
    article_frames,
    continuation_cue,
    dated_year,
    has_news_anchor,
    has_report_anchor,
    lifts_frame,
)
from streams.engine.gazetteer import Gazetteer, Mention
from streams.engine.guards import Guard, GuardHit, GuardSet
from streams.engine.neardup import fingerprint
from streams.engine.patterns import Hit, TermSentences, scan_form, sentence_indices
from streams.engine.text import WordIndex, fold, split_sentences
from streams.engine.trace import RuleTrace, Trace

WordOfFn = Callable[[int], int]
FindFn = Callable[[str, int, int | None], list[Mention]]

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
MAX_EVIDENCE = 5
LONG_BODY = 1200  # characters of body from which an article's lone unanchored sentence is background
EXCLUDE_WINDOW = 8  # words either side of the matched words within which an exclusion vetoes them
# Habitual or cumulative framing ("have repeatedly confronted ... in recent years") reports a pattern,
# not today's event.
HABITUAL_HISTORY_CUES = (
    "in recent years",
    "over the years",
    "over the past decade",
    "times a year",
    # Narrative time pointing back to a year or moment already named: "a truce agreed that year collapsed".
    "that year",
    "that month",
    "at the time",
    "back then",
)
# Nominal sizes, so "two battalion tactical groups" can meet a rule's "at least 1,000 troops".
TROOP_EQUIVALENTS = {
    "battalions": 500.0,
    "battalion_tactical_groups": 800.0,
    "regiments": 1500.0,
    "brigades": 3000.0,
    "divisions": 10000.0,
}


K = TypeVar("K")
V = TypeVar("V")


def _once(cache: dict[K, V], key: K, compute: Callable[[], V]) -> V:
    """The cached value for `key`, computed on first use (per-document memos share this shape)."""
    try:
        return cache[key]
    except KeyError:
        value = cache[key] = compute()
        return value


@dataclass
class _Document:
    """Lazily built views of one item's text, shared by every rule evaluated on it."""

    text: str
    folded: str
    frames: list[Frame] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    _mention_cache: dict[tuple[str, int, int | None], list[Mention]] = field(default_factory=dict)
    # Per sentence index (-1: the headline's hits), condition results by node identity.
    memos: dict[int, dict[int, list[Instance]]] = field(default_factory=dict)
    # Guard verdicts by (sentence start, trigger, enabled guards): rules often share a trigger.
    guard_cache: dict[tuple[int, int, int, frozenset[Guard]], list[GuardHit]] = field(default_factory=dict)
    _title_parts: list[dict[int, list[Span]]] | None = None

    _quantity_cache: dict[tuple[int, int], list[RawQuantity]] = field(default_factory=dict)
    _questions: dict[int, bool] = field(default_factory=dict)  # by sentence index
    _harm_confirmed: list[int] | None = None
    # Categories with a body sentence that a plan (the hypothetical guard) kept quiet.
    planned: set[str] = field(default_factory=set)
    long: bool = False  # a full article (body of LONG_BODY characters or more)

    def harm_confirmed_elsewhere(self, idx: int) -> bool:
        """Whether a sentence other than `idx` confirms harm ("NKSC confirms short-term disruption,
        services restored"), computed once per item."""
        if self._harm_confirmed is None:
            self._harm_confirmed = [
                i for i, (a, b) in enumerate(self.sentences) if _confirms(self.text[a:b], _HARM)
            ]
        return any(i != idx for i in self._harm_confirmed)

    def quantities(self, start: int, end: int) -> list[RawQuantity]:
        """extract_quantities over one sentence, once: the quantity check and the signal both ask."""
        return _once(self._quantity_cache, (start, end), lambda: extract_quantities(self.text, start, end))

    def question(self, idx: int, sentence: str) -> bool:
        """`_is_question` of sentence `idx` (its text `sentence`), once: most rules ask."""
        return _once(self._questions, idx, lambda: _is_question(sentence))

    def memo(self, idx: int) -> dict[int, list[Instance]]:
        return _once(self.memos, idx, dict)

    def mentions(self, find: FindFn, start: int, end: int | None) -> list[Mention]:
        """Gazetteer look-ups, once per span: several rules often fire on the same sentence."""
        return _once(self._mention_cache, (find.__name__, start, end), lambda: find(self.text, start, end))

    def title_parts(self, title_length: int) -> list[dict[int, list[Span]]]:
        """Term hits inside the headline (the first `title_length` characters of the text): the
        whole headline first, then each part of it between semicolons when there are several.

        Why parts: "Army postpones reservist drills; intelligence chief says two brigades sent to the
        border" is two headlines in one, and what frames the first does not frame the second.
        """
        if self._title_parts is not None:
            return self._title_parts
        cuts: list[int] = []
        cut = self.text.find(";", 0, title_length)
        while cut >= 0:
            cuts.append(cut)
            cut = self.text.find(";", cut + 1, title_length)
        bounds = [
            (a, b)
            for a, b in zip([0, *(c + 1 for c in cuts)], [*cuts, title_length], strict=True)
            if self.text[a:b].strip()
        ] or [(0, title_length)]
        whole: dict[int, list[Span]] = {}
        parts: list[dict[int, list[Span]]] = [{} for _ in bounds] if len(bounds) > 1 else []
        for term_id, start, end in self.hits:
            if end <= title_length:
                whole.setdefault(term_id, []).append((start, end))
                if parts:
                    k = next(i for i, (_, b) in enumerate(bounds) if start < b or i == len(bounds) - 1)
                    parts[k].setdefault(term_id, []).append((start, end))
        self._title_parts = [whole, *parts]
        return self._title_parts

    sentences: list[Span] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    _words: WordIndex | None = None

    _word_of: WordOfFn | None = None

    @property
    def words(self) -> WordIndex:
        if self._words is None:
            self._words = WordIndex(self.text)
        return self._words

    @property
    def word_of(self) -> WordOfFn:
        """`words.word_number`, as the cheaper callable every rule shares (WordIndex.word_number_fn)."""
        if self._word_of is None:
            self._word_of = self.words.word_number_fn()
        return self._word_of


@dataclass(frozen=True)
class _Fired:
    sentence: Span
    instance: Instance


_RuleHits = list[tuple[CompiledRule, list[_Fired]]]  # each rule that fired, with its sentences
# A rule's exclusions with their anchor sets (None: no word is needed), and every word any one needs.
_Exclusions = tuple[list[tuple[CompiledExclusion, frozenset[int] | None]], frozenset[int]]


class Detector:
    """A compiled rule set plus the shared linguistic resources (gazetteer, guards)."""

    def __init__(self, ruleset: CompiledRuleSet, gazetteer: Gazetteer | None = None) -> None:
        self.ruleset = ruleset
        if gazetteer is None:
            files = ruleset.gazetteer_files
            gazetteer = Gazetteer.from_files(files) if files else Gazetteer.default()
        self.gazetteer = gazetteer
        self.guards = GuardSet(extra_cues={Guard.HISTORY: HABITUAL_HISTORY_CUES})
        self._by_id = {r.id: i for i, r in enumerate(ruleset.rules)}
        self._regex_terms = ruleset.patterns.regex_term_ids
        # Rules whose gate formula names a regex term: the only ones the regex scan can rule out.
        self._regex_rules = frozenset(
            i for i in range(len(ruleset.rules)) if ruleset.gate.reads(i, self._regex_terms)
        )
        # Each rule's exclusions and headline exclusions with the words they need, worked out once
        # here: `_blocked` runs per candidate instance. (Macros share nodes, so anchors are memoised
        # by node while the plans are built.)
        node_anchors: dict[int, frozenset[int] | None] = {}

        def anchors_of(node: CNode) -> frozenset[int] | None:
            key = id(node)
            if key not in node_anchors:
                node_anchors[key] = anchors(node)
            return node_anchors[key]

        self._exclusion_plans: dict[str, _Exclusions] = {}
        self._title_anchors: dict[str, tuple[frozenset[int] | None, ...]] = {}
        for compiled in ruleset.rules:
            pairs = [(e, anchors_of(e.node)) for e in compiled.exclude]
            needed = frozenset().union(*(need for _, need in pairs if need is not None))
            self._exclusion_plans[compiled.rule.id] = (pairs, needed)
            self._title_anchors[compiled.rule.id] = tuple(anchors_of(n) for n in compiled.exclude_titles)

    @classmethod
    def load(
        cls,
        rules_dirs: Sequence[Path] = (DEFAULT_RULES_DIR,),
        local_dirs: Sequence[Path] = (),
        *,
        collect: bool = False,
    ) -> Detector:
        """Compile once (raises schemas.errors.RuleErrors naming file, line and field)."""
        return cls(compile_paths(list(rules_dirs), list(local_dirs), collect=collect))

    @property
    def version(self) -> str:
        return self.ruleset.version

    @property
    def rule_count(self) -> int:
        return len(self.ruleset.rules)

    @property
    def rules(self) -> list[CompiledRule]:
        return self.ruleset.rules

    @property
    def categories(self) -> list[str]:
        cats = {r.rule.category for r in self.ruleset.rules} | {s.category for s in self.ruleset.sequences}
        return sorted(cats)

    def rule(self, rule_id: str) -> CompiledRule:
        return self.ruleset.rules[self._by_id[rule_id]]

    # ------------------------------------------------------------------ detection
    def detect(
        self,
        item: NewsItem,
        *,
        only: Collection[str] | None = None,
        trace: Trace | None = None,
        now: datetime | None = None,
    ) -> list[Signal]:
        text = item.text
        folded = scan_form(fold(text))
        rules = self.ruleset.rules
        patterns = self.ruleset.patterns
        gate = self.ruleset.gate
        found = patterns.find(folded, regexes=trace is not None)
        if found.regexes_done:
            candidates = gate.candidates(found.present)
        else:
            # Regex terms cost a second scan: only run it if a rule could fire with all of them
            # present, then keep those of the rules that still hold.
            candidates = gate.candidates(found.present | self._regex_terms)
            if candidates:
                patterns.add_regexes(found)
                regex_rules = self._regex_rules
                candidates = {
                    i for i in candidates if i not in regex_rules or gate.holds(i, found.present)
                }
        if only is not None:
            candidates = {i for i in candidates if rules[i].id in only}
        if not candidates and trace is None:
            return []
        hits = found.hits()
        words = WordIndex(text, folded)
        if trace is not None:
            trace.terms = [(self.ruleset.terms[t], text[s:e], s) for t, s, e in hits]
        else:  # `explain` keeps every candidate so it can say why each stayed quiet
            candidates = _near_enough(candidates, rules, hits, words)
        if not candidates:
            return []
        published_year = item.published_at.year if item.published_at else None
        frames = article_frames(item.title, item.body, published_year)
        long = len(item.body) >= LONG_BODY
        doc = _Document(text, folded, frames=frames, hits=hits, _words=words, long=long)
        doc.sentences = split_sentences(text)
        doc.starts = [s for s, _ in doc.sentences]
        # term id -> sentence index -> spans
        by_sentence: dict[int, dict[int, list[Span]]] = {}
        starts = doc.starts
        masks: dict[int, int] = {}  # term id -> its sentences, as bits
        for term_id, start, end in hits:
            idx = bisect_right(starts, start) - 1
            if idx < 0:
                continue
            # (get before set: setdefault would build a dict and a list per hit, most thrown away)
            in_sentence = by_sentence.get(idx)
            if in_sentence is None:
                in_sentence = by_sentence[idx] = {}
            spans = in_sentence.get(term_id)
            if spans is None:
                in_sentence[term_id] = [(start, end)]
            else:
                spans.append((start, end))
        for idx, in_sentence in by_sentence.items():
            bit = 1 << idx
            for term_id in in_sentence:
                masks[term_id] = masks.get(term_id, 0) | bit
        where = TermSentences(masks)  # the sentences of each term, for Gate.sentences
        hits_by_rule: _RuleHits = []
        for rule_index in sorted(candidates):
            compiled = self.ruleset.rules[rule_index]
            rule_trace = trace.rule(compiled.id) if trace is not None else None
            if not self._in_scope(compiled, item, doc, rule_trace):
                continue
            fired = self._fire(compiled, rule_index, item, doc, where, by_sentence, rule_trace)
            if fired:
                hits_by_rule.append((compiled, fired))
        if doc.long and hits_by_rule:
            hits_by_rule = _without_lone_background(hits_by_rule, doc, len(item.title), trace)
        if hits_by_rule:
            hits_by_rule = _without_rebutted_claims(hits_by_rule, doc, trace)
        if hits_by_rule and doc.planned and _ANNOUNCED.search(item.title):
            hits_by_rule = _without_announced_plans(hits_by_rule, doc, len(item.title), trace)
        signals: list[Signal] = []
        detected_at = now or datetime.now(UTC)
        story = fingerprint(text) if hits_by_rule else ""
        for compiled, fired in hits_by_rule:
            signals.append(self._signal(compiled, item, doc, fired, detected_at, story))
        return signals

    def _in_scope(self, compiled: CompiledRule, item: NewsItem, doc: _Document, tr: RuleTrace | None) -> bool:
        for frame in doc.frames:
            if frame.guard in compiled.guards and not frame.soft:
                return _note(
                    tr, f"guard {frame.guard.value}: the headline frames the article ({frame.cue!r})"
                )
        scope = compiled.rule.scope
        if compiled.languages and primary_language(item.language) not in compiled.languages:
            return _note(tr, f"out of scope: language {item.language!r}")
        if scope.sources and item.source not in scope.sources:
            return _note(tr, f"out of scope: source {item.source!r}")
        if item.source in scope.exclude_sources:
            return _note(tr, f"out of scope: source {item.source!r} excluded")
        if compiled.exclude_titles and item.title:
            whole, *parts = doc.title_parts(len(item.title))
            title_anchors = self._title_anchors[compiled.rule.id]
            frames = [
                (i, title_anchors[i]) for i, node in enumerate(compiled.exclude_titles)
                if evaluate(node, whole, doc.word_of, doc.memo(-1))
            ]
            if frames and not self._second_story(compiled, doc, parts, [w for _, w in frames]):
                return _note(tr, f"out of scope: the headline matches scope.exclude_titles[{frames[0][0]}]")
        if scope.places:
            wanted = {p.lower() for p in scope.places}
            mentions = doc.mentions(self.gazetteer.places, 0, None)
            if not any(m.code.lower() in wanted or m.name.lower() in wanted for m in mentions):
                return _note(tr, "out of scope: none of the rule's places is mentioned")
        return True

    def _fire(
        self,
        compiled: CompiledRule,
        rule_index: int,
        item: NewsItem,
        doc: _Document,
        where: TermSentences,
        by_sentence: dict[int, dict[int, list[Span]]],
        tr: RuleTrace | None,
    ) -> list[_Fired]:
        rule = compiled.rule
        enabled = compiled.guards
        year = item.published_at.year if item.published_at else None
        month = item.published_at.month if item.published_at else None
        day = item.published_at.day if item.published_at else None
        fired: list[_Fired] = []
        word_of = doc.word_of
        min_quantity = rule.quantity.min if rule.quantity is not None else None
        # An analysis or feature headline that frames only sentences without a news anchor.
        soft = next((f for f in doc.frames if f.soft and f.guard in enabled), None)
        quantity_units = rule.quantity.units if rule.quantity is not None else []
        anchored = where.any if compiled.anchors is None else where.of(compiled.anchors)
        # The sentences with the rule's required terms.
        for idx in sentence_indices(self.ruleset.gate.sentences(rule_index, where, anchored)):
            hits = by_sentence[idx]
            if tr is None and min_quantity is not None:
                # The figure test reads the whole sentence, whatever instance is chosen, so a sentence
                # without a large enough figure is dropped before conditions and guards run. (With a
                # trace the order below is kept, so `explain` reports guards before figures.)
                s_start, s_end = doc.sentences[idx]
                if _troop_equivalent(doc.quantities(s_start, s_end), quantity_units) < min_quantity:
                    continue
            memo = doc.memo(idx)
            instances = self._instances(compiled, hits, word_of, memo)
            if not instances:
                if tr is not None:
                    s_start, s_end = doc.sentences[idx]
                    _note(tr, "match: the sentence has the terms the rule needs, but not within its word "
                          "distances (or below its score threshold)", doc.text[s_start:s_end])
                continue
            start, end = doc.sentences[idx]
            sentence = doc.text[start:end]
            if Guard.HYPOTHETICAL in enabled and doc.question(idx, sentence):
                _note(tr, "guard hypothetical: the sentence is a question", sentence)
                continue
            if soft is not None and not (lifts_frame(soft, sentence) or _lifted_by_lead_in(soft, doc, idx)):
                _note(tr, f"guard {soft.guard.value}: the headline frames the article ({soft.cue!r}) "
                      "and the sentence has no news anchor", sentence)
                continue
            chosen: Instance | None = None
            guarded: set[Span] = set()
            for inst in instances:
                if not inst:
                    chosen = inst
                    break
                if guarded.issuperset(inst):
                    # Words a guard already governs cannot prove the event again; an instance with a
                    # word of its own gets its own verdict ("China, which held drills last year,
                    # launched live-fire exercises": the straddling instance is history, not this one).
                    continue
                if tr is None and self._blocked(compiled, hits, word_of, sentence, inst, memo):
                    # Exclusions are cheaper than guards and veto alike; with a trace the order
                    # below is kept, so `explain` reports guards first.
                    guarded.update(inst)
                    continue
                trigger = (min(s for s, _ in inst) - start, max(e for _, e in inst) - start)
                key = (start, trigger[0], trigger[1], enabled)
                guard_hits = doc.guard_cache.get(key)
                if guard_hits is None:
                    guard_hits = doc.guard_cache[key] = self.guards(
                        sentence, trigger, enabled, reference_year=year, reference_month=month,
                        reference_day=day,
                    )
                if guard_hits and not _claim_confirmed_elsewhere(guard_hits, doc, idx):
                    # (With a trace, exclusions are read after the guards: an excluded instance is no
                    # plan of the category, as it is not without one.)
                    if (
                        start >= len(item.title)
                        and any(h.guard is Guard.HYPOTHETICAL for h in guard_hits)
                        and (tr is None or not self._blocked(compiled, hits, word_of, sentence, inst, memo))
                    ):
                        doc.planned.add(rule.category)
                    guarded.update(inst)
                    _note_guards(tr, guard_hits, sentence, doc.text, inst)
                    continue
                if Guard.HISTORY in enabled and year is not None and idx > 0:
                    carried = _continues_past(doc, idx, sentence, trigger[1], year)
                    if carried:
                        guarded.update(inst)
                        _note(tr, f"guard history: {carried}", sentence)
                        continue
                reason = (
                    self._blocked(compiled, hits, word_of, sentence, inst, memo) if tr is not None else None
                )
                if reason:
                    guarded.update(inst)
                    _note(tr, reason, sentence)
                    continue
                chosen = inst
                break
            if chosen is None:
                continue
            # Without a trace the figure was tested before the conditions, above.
            if (
                tr is not None
                and min_quantity is not None
                and _troop_equivalent(doc.quantities(start, end), quantity_units) < min_quantity
            ):
                _note(tr, f"quantity below {min_quantity:g} {'/'.join(quantity_units)}", sentence)
                continue
            fired.append(_Fired((start, end), chosen))
            if tr is not None:
                tr.fired.append((sentence, [doc.text[s:e] for s, e in chosen]))
        if tr is not None and not fired and not tr.suppressed:
            # Without this `explain` would print a bare "quiet": say the formula never held.
            _note(tr, "match: no sentence has all the terms the rule needs")
        return fired

    @staticmethod
    def _instances(
        compiled: CompiledRule,
        hits: dict[int, list[Span]],
        word_of: WordOfFn,
        memo: dict[int, list[Instance]] | None = None,
    ) -> list[Instance]:
        instances: list[Instance] = []
        if compiled.match is not None:
            instances = evaluate(compiled.match, hits, word_of, memo)
            if not instances:
                return []
        if compiled.score_terms:
            total = 0.0
            spans: list[Span] = []
            for ids, weight in compiled.score_terms:
                if ids.isdisjoint(hits):
                    continue
                present = [span for i in ids.intersection(hits) for span in hits[i]]
                if present:
                    total += weight
                    spans.extend(present)
            threshold = compiled.rule.score.threshold if compiled.rule.score else 0.0
            if total < threshold:
                return []
            if compiled.match is None:
                instances = [tuple(sorted(set(spans)))]
        return instances

    def _blocked(
        self,
        compiled: CompiledRule,
        hits: dict[int, list[Span]],
        word_of: WordOfFn,
        sentence: str,
        inst: Instance,
        memo: dict[int, list[Instance]] | None = None,
    ) -> str | None:
        """Why an exclusion or exception vetoes this instance; None when nothing does.

        An exclusion counts only near the matched words (EXCLUDE_WINDOW words), so a clause about a
        cyber drill does not veto the troop movement reported in the next clause of the sentence;
        a `{sentence: ...}` exclusion counts anywhere, where its author has said so.
        """
        keys = hits.keys()
        window: tuple[int, int] | None = None  # the instance's first and last word, once needed
        exclusions, needed = self._exclusion_plans[compiled.rule.id]
        # Without any word some exclusion needs, only those that need none are read.
        anchored = not keys.isdisjoint(needed)
        for i, (exclusion, need) in enumerate(exclusions):
            if need is not None and (not anchored or keys.isdisjoint(need)):
                continue  # none of the words the exclusion needs is in the sentence
            for found in evaluate(exclusion.node, hits, word_of, memo):
                if not found or exclusion.sentence_wide:
                    return f"excluded by exclude[{i}]"
                if window is None:
                    window = _word_window(inst, word_of)
                first, last = window
                if any(
                    word_of(a) <= last + EXCLUDE_WINDOW and word_of(b - 1) >= first - EXCLUDE_WINDOW
                    for a, b in found
                ):
                    return f"excluded by exclude[{i}]"
        for exc in compiled.exceptions:
            if exc.terms is not None and not evaluate(exc.terms, hits, word_of, memo):
                continue
            spec = exc.spec
            if spec.actors and not _mentions(self.gazetteer.actors(sentence), spec.actors):
                continue
            if spec.places and not _mentions(self.gazetteer.places(sentence), spec.places):
                continue
            return f"exception {spec.name!r} applies"
        return None

    def _second_story(
        self,
        compiled: CompiledRule,
        doc: _Document,
        parts: list[dict[int, list[Span]]],
        frame_words: list[frozenset[int] | None],
    ) -> bool:
        """Whether a headline part after the framed one, between semicolons, is a story of its own.

        Why: "Army postpones reservist drills; rocket units moved up to the line, staff says" is two
        headlines in one, and what frames the first does not frame the second: a later part that the
        rule matches by itself, with none of the frame's words, escapes it. A part after the frame
        with the frame's words ("hackers claim breach; company says systems unaffected") or before
        it stays framed.
        """
        if compiled.match is None or len(parts) < 2:
            return False
        framed_from = min(
            (
                k for k, hits in enumerate(parts) for words in frame_words
                if words is None or not words.isdisjoint(hits)
            ),
            default=0,
        )
        return any(
            all(words is not None and words.isdisjoint(hits) for words in frame_words)
            and evaluate(compiled.match, hits, doc.word_of, doc.memo(-2 - k))
            for k, hits in enumerate(parts)
            if k > framed_from
        )

    def _signal(
        self,
        compiled: CompiledRule,
        item: NewsItem,
        doc: _Document,
        fired: list[_Fired],
        detected_at: datetime,
        story: str,
    ) -> Signal:
        rule = compiled.rule
        evidence = [
            Evidence(
                text=doc.text[s:e],
                start=s,
                end=e,
                matched=[doc.text[a:b] for a, b in f.instance],
            )
            for f in fired[:MAX_EVIDENCE]
            for s, e in (f.sentence,)
        ]
        quantities: list[Quantity] = []
        wanted_units = set(rule.quantity.units) if rule.quantity else None
        for f in fired:
            for q in doc.quantities(*f.sentence):
                if wanted_units is None or q.unit in wanted_units or q.unit == "troops":
                    quantities.append(Quantity(value=q.value, unit=q.unit, text=q.text))
        severity = rule.severity
        if rule.quantity is not None:
            for step in rule.quantity.severity:
                if any(q.value >= step.at_least and q.unit in rule.quantity.units for q in quantities):
                    severity = Severity.highest(severity, step.severity)
        places = self._ranked(self.gazetteer.places, doc, fired, item)
        actors = self._ranked(self.gazetteer.actors, doc, fired, item)
        digest = hashlib.sha256(f"{rule.id}|{item.id}".encode()).hexdigest()[:24]
        return Signal(
            signal_id=digest,
            rule_id=rule.id,
            rule_title=rule.title,
            rule_version=compiled.version,
            rule_status=rule.status.value,
            category=rule.category,
            severity=severity,
            description=rule.description,
            tags=list(rule.tags),
            item_id=item.id,
            source=item.source,
            title=item.title or doc.text[: min(len(doc.text), 120)],
            url=item.url,
            published_at=item.published_at,
            detected_at=detected_at,
            evidence=evidence,
            quantities=_dedupe_quantities(quantities),
            places=[m.code for m in places],
            place_names=[m.name for m in places],
            actors=[m.name for m in actors],
            fingerprint=story,
            policy=compiled.policy,
        )

    @staticmethod
    def _ranked(find: FindFn, doc: _Document, fired: list[_Fired], item: NewsItem) -> list[Mention]:
        """Mentions in the evidence first, then the title, then the rest of the text by frequency."""
        seen: dict[str, Mention] = {}
        for f in fired:
            for m in doc.mentions(find, *f.sentence):
                seen.setdefault(m.code, m)
        if item.title:
            for m in doc.mentions(find, 0, len(item.title)):
                seen.setdefault(m.code, m)
        if not seen:
            counts: dict[str, tuple[int, Mention]] = {}
            for m in doc.mentions(find, 0, None):
                n, _ = counts.get(m.code, (0, m))
                counts[m.code] = (n + 1, m)
            for _, m in sorted(counts.values(), key=lambda pair: -pair[0])[:3]:
                seen.setdefault(m.code, m)
        return list(seen.values())


def _near_enough(
    candidates: set[int], rules: Sequence[CompiledRule], hits: Sequence[Hit], words: WordIndex
) -> set[int]:
    """The candidates whose proximity requirement (conditions.proximity) some pair of hits meets.

    Why: splitting an article into sentences and evaluating conditions is the costly part of
    detection; a rule whose required terms occur only far apart can be dropped from word numbers
    alone. A necessary check: every rule kept here is still evaluated in full.
    """
    kept = {i for i in candidates if rules[i].near is None}
    near_rules = [(i, near) for i in candidates if (near := rules[i].near) is not None]
    if not near_rules:
        return kept
    # Word numbers only for the hits of terms some proximity check reads (one vectorised pass).
    needed: set[int] = set()
    for _, (sets, _) in near_rules:
        for group in sets:
            needed |= group
    relevant = [hit for hit in hits if hit[0] in needed]
    numbers = words.word_numbers(
        [start for _, start, _ in relevant]
        + [end - 1 if end - 1 > start else start for _, start, end in relevant]
    )
    count = len(relevant)
    positions: dict[int, list[tuple[int, int]]] = {}
    for i, (term_id, _, _) in enumerate(relevant):
        positions.setdefault(term_id, []).append((numbers[i], numbers[count + i]))
    for rule_index, (sets, within) in near_rules:
        spans = [
            [p for term_id in group.intersection(positions) for p in positions[term_id]] for group in sets
        ]
        if all(spans) and all(
            _within(spans[i], spans[j], within) for i in range(len(spans)) for j in range(i + 1, len(spans))
        ):
            kept.add(rule_index)
    return kept


_LEAD_IN_WORDS: Final = 12


def _lead_in(doc: _Document, idx: int) -> str | None:
    """The short sentence just before sentence ``idx`` in the same paragraph, if there is one.

    Why: a long piece often turns to the news with a short lead-in that carries the day ("The latest
    test came on Sunday.") and tells the event in the next sentence without it; the lead-in's anchor
    is that sentence's anchor.
    """
    if idx <= 0:
        return None
    prev_start, prev_end = doc.sentences[idx - 1]
    lead_in = doc.text[prev_start:prev_end]
    # (Four words at least: a dateline, "MOSCOW, 7 December.", is no lead-in.)
    new_paragraph = "\n\n" in doc.text[prev_end : doc.sentences[idx][0]]
    if new_paragraph or not 4 <= len(lead_in.split()) <= _LEAD_IN_WORDS:
        return None
    return lead_in


def _lifted_by_lead_in(frame: Frame, doc: _Document, idx: int) -> bool:
    """Whether the sentence's lead-in (see `_lead_in`) lifts a soft frame for it."""
    lead_in = _lead_in(doc, idx)
    return lead_in is not None and lifts_frame(frame, lead_in)


# A headline that announces: what it announces may be a plan the body dates ("Finland announces big
# artillery exercise in Lapland" over "... will hold the exercise from 19 to 23 January").
_ANNOUNCED: Final = re.compile(
    r"\b(?:announc\w*|unveil\w*|notif(?:y|ies|ied)|schedul\w*|sets? dates?|outlin\w*|plans?|planning)\b",
    re.IGNORECASE,
)


def _without_announced_plans(
    hits_by_rule: _RuleHits,
    doc: _Document,
    title_length: int,
    trace: Trace | None,
) -> _RuleHits:
    """Drop a category that fired only on an announcing headline when the body tells it as a plan.

    Why: "announces drills" is news of an exercise starting as often as of one to come; the headline
    alone cannot tell, but a body sentence of the same category kept quiet by the plan guard ("will
    hold the exercise from 19 to 23 January") can, when no body sentence reports it as under way.
    """

    def verdict(group: _RuleHits) -> tuple[str, tuple[int, int]] | None:
        if group[0][0].rule.category not in doc.planned:
            return None
        sentences = sorted({f.sentence for _, fired in group for f in fired})
        if any(start >= title_length for start, _ in sentences):
            return None
        return "guard hypothetical: the headline announces what the body tells as a plan", sentences[0]

    return _drop_categories(hits_by_rule, doc, trace, verdict)


def _without_lone_background(
    hits_by_rule: _RuleHits,
    doc: _Document,
    title_length: int,
    trace: Trace | None,
) -> _RuleHits:
    """Drop a category that rests on one unanchored body sentence of a long article.

    Why: a long story retells the past, the planned and the typical in sentences that look like
    reports, and no sentence guard catches every phrasing; a real event in one shows up in the
    headline, in a second sentence, or with a time anchor ("on Monday", "over the past week"). Measured
    on unseen articles this removed more false alarms than real reports (README, quality section).
    """

    def verdict(group: _RuleHits) -> tuple[str, tuple[int, int]] | None:
        if any(not compiled.rule.guards.background for compiled, _ in group):
            return None
        sentences = {f.sentence for _, fired in group for f in fired}
        if len(sentences) > 1:
            return None
        ((start, end),) = sentences
        if start < title_length or has_report_anchor(doc.text[start:end]):
            return None
        lead_in = _lead_in(doc, bisect_right(doc.starts, start) - 1)
        # (A lead-in lends its day, not the looser report anchors: "The museum is raising money.")
        if lead_in is not None and has_news_anchor(lead_in):
            return None
        return (
            "guard background: the category's only sentence in a long article has no news anchor "
            "(a date, a weekday, 'this week', 'over the past ten days', an ongoing verb)",
            (start, end),
        )

    return _drop_categories(hits_by_rule, doc, trace, verdict)


# A claim in the sentence that fired, answered elsewhere in the item: "NoName057(16) claims DDoS on
# six government sites." ... "Probes: all up, normal latency throughout. Claim unsubstantiated."
_CLAIM: Final = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|boast(?:s|ed|ing)?|purported(?:ly)?|(?:it|they) said (?:was|were)"
    # A social-media post: "MoD 1120L posted that forces were 'concentrating' along the border".
    r"|posted (?:[\w-]+ ){0,3}?that"
    # A desk note taking up others' reports: "Re media reports of PLA build-up opposite Kinmen: ...".
    r"|re:? (?:[\w-]+ ){0,2}reports? (?:of|that)"
    # Pictures passed round as proof: "images circulated online as evidence of forces massing".
    r"|circulat\w+ (?:[\w-]+ ){0,3}?as (?:evidence|proof) (?:of|that))\b",
    re.IGNORECASE,
)
# Blame is a claim only against an item that rules an attack out: "the ministry blamed Russian hackers
# for the outage" stands when its sites are merely back up.
_CLAIM_OR_BLAME: Final = re.compile(rf"{_CLAIM.pattern}|\bblam(?:e|es|ed|ing)\b", re.IGNORECASE)
_REBUTTAL: Final = re.compile(
    r"\b(?:unsubstantiated|unfounded|baseless|no (?:service )?impact|no downtime|no disruption|no outage"
    r"|normal latency|(?:all|sites?|services?|systems?|portals?) "
    r"(?:were |was |remained |stayed |stays |remains )?"
    r"(?:up|online|available|accessible|unaffected|operational)\b"
    r"|that (?:is|was) false|(?:claims?|reports?|posts?) (?:is |was |are |were )?(?:false|fake|untrue)\b"
    r"|dismissed the claim"
    r"|no evidence|never went down|did not go down|nothing was (?:taken|stolen|accessed|lost)"
    r"|(?:had|has|have|was|were) not been (?:accessed|breached|compromised|affected|penetrated)"
    # An analyst's verdict or a debunk: "Assess: NO build-up.", "clips ... recycled".
    r"|(?:assess(?:ment)?|bluf|bottom line|verdict)\s*:\s*(?:no|not|nothing)\b"
    r"|recycled|old (?:footage|clips?|video)|misread|misidentified|misinterpret\w*"
    # The claim left standing alone: "Unconfirmed; army spox denied ...", "No imagery corroboration."
    r"|unconfirmed|uncorroborated|no (?:[\w-]+ )?corroboration"
    # Taken back by its author: "Post RETRACTED 1400L", "the ministry later deleted the statement".
    r"|retract(?:ed|s|ion)|(?:deleted|withdrew) (?:the |its |their )?(?:post|statement|claim|tweet)"
    r"|(?:spox|spokes(?:man|woman|person)|ministry|officials?|army) (?:[\w-]+ )?(?:denied|denies|rejected))",
    re.IGNORECASE,
)
# The harm is real but its cause is not an attack: "outage caused by faulty update, not hackers",
# "Assess: not a cyber incident", "ruling out a cyberattack". An outage confirmed beside it is that
# outage, so it does not keep the claim.
_CAUSE_NOT_CYBER: Final = re.compile(
    r"\b(?:rul(?:ed|es|ing) out (?:a |an |any )?(?:cyber\w*|hack\w*|malicious|intrusion|foul play)"
    r"|not (?:a |an )?(?:cyber(?:attack|-attack|\b)|hack(?:ers?|ing)?\b|malicious)"
    r"|(?:rather than|instead of) (?:a |an )?(?:cyber\w*|hack\w*)"
    r"|no (?:sign|signs|indication) (?:of|that) (?:a |an |any )?"
    r"(?:malicious|cyber\w*|hack\w*|intrusion|foul play))",
    re.IGNORECASE,
)
# Words that name harm done, read by both confirmation checks below.
_HARM_WORDS: Final = r"outages?|went down|knocked \w+ offline|disrupted"
_CONFIRMATION: Final = re.compile(
    rf"\b(?:confirm(?:s|ed|ing)?|acknowledg\w+|admit(?:s|ted)?|{_HARM_WORDS}|disruption to|restored)\b",
    re.IGNORECASE,
)


_CLAIM_REACH: Final = 3  # words between a claim and the words it claims ("claimed responsibility for a DDoS")


def _claimed(text: str, fired: _Fired, claim: re.Pattern[str] = _CLAIM) -> bool:
    """Whether a claim governs the words that fired: just before them or among them - not "the claim
    surfaced hours after the ministry ordered a snap readiness check" (a claim about something else)."""
    start, end = fired.sentence
    first = min((a for a, _ in fired.instance), default=start)
    last = max((b for _, b in fired.instance), default=end)
    for found in claim.finditer(text, start, end):
        if found.start() < last and (
            found.end() > first or len(text[found.end() : first].split()) <= _CLAIM_REACH
        ):
            return True
        # The claim named right after what it claims, a quote mark at most between: "posted a 'tango
        # down' claim on TG".
        if found.start() >= last and len(text[last : found.start()].split()) <= 1:
            return True
    return False


# Harm itself, not a bare "confirmed" (a ministry may confirm a routine rotation): what a victim says
# when a claimed attack did land.
_HARM: Final = re.compile(
    rf"\b(?:{_HARM_WORDS}|disruption|restored|unreachable|taken offline|went offline)\b",
    re.IGNORECASE,
)
# A denial cue that is someone's claim ("TG channel claims DDoS on 9 sites"), not a victim's denial
# ("rejects hacktivist claim of grid disruption").
_CLAIM_CUE: Final = re.compile(r"\b(?:claim\w*|alleg\w*|posted)\b", re.IGNORECASE)
_REJECTION_CUE: Final = re.compile(
    r"\b(?:reject\w*|den(?:y|ies|ied|ying|ial)|dismiss\w*|refut\w*|rebuff\w*|debunk\w*|false|fake|baseless|"
    r"fabricat\w*|unfounded|unsubstantiated)\b",
    re.IGNORECASE,
)


def _claim_confirmed_elsewhere(guard_hits: list[GuardHit], doc: _Document, idx: int) -> bool:
    """Whether every guard hit is a claim (a channel's say-so) that another sentence of the item
    confirms by naming the harm: the claimed attack landed, so the claim no longer makes it doubtful.

    Why: a monitoring note gives the claim, then the victim's word in the next sentence ("NoName
    channel claims DDoS on 9 sites ... NKSC confirms short-term disruption, services restored").
    The sentence guard sees only the claim. Only in a short item: in a long article "disrupted" and
    "restored" are as likely to be about something else.
    """
    if doc.long:
        return False
    if not all(
        h.guard is Guard.DENIAL and _CLAIM_CUE.search(h.cue) and not _REJECTION_CUE.search(h.cue)
        for h in guard_hits
    ):
        return False
    return doc.harm_confirmed_elsewhere(idx)


_NEGATED_BEFORE: Final = re.compile(r"\b(?:not|no|never|nor|without)\b|n't\b", re.IGNORECASE)


def _confirms(sentence: str, words: re.Pattern[str] | None = None) -> bool:
    """Whether the sentence confirms harm - not a denial that names it ("its networks had not been
    accessed or disrupted"). `words` are the confirming words (default: a confirmation or a harm)."""
    for found in (words or _CONFIRMATION).finditer(sentence):
        before = sentence[max(0, found.start() - 40) : found.start()].split()[-4:]
        if not _NEGATED_BEFORE.search(" ".join(before)):
            return True
    return False


def _without_rebutted_claims(
    hits_by_rule: _RuleHits,
    doc: _Document,
    trace: Trace | None,
) -> _RuleHits:
    """Drop a category whose every sentence is someone's claim that another sentence rebuts.

    Why: a monitoring note or a teaser often gives the claim first and the victim's answer after it
    ("... claims DDoS on the ministry. Probes: all up, normal latency. Claim unsubstantiated."); a
    sentence guard cannot see the answer. An answer that confirms anything (an outage, a restore)
    keeps the claim - unless the item rules an attack out as the cause ("outage caused by a faulty
    update, not hackers"), when the outage it confirms is no attack and a claim or blame falls.
    """

    def verdict(group: _RuleHits) -> tuple[str, tuple[int, int]] | None:
        if any(Guard.DENIAL not in compiled.guards for compiled, _ in group):
            return None
        fired_all = [f for _, fired in group for f in fired]
        # (A claim is also a claim-or-blame, so most categories stop here, before the item is read.)
        if not all(_claimed(doc.text, f, _CLAIM_OR_BLAME) for f in fired_all):
            return None
        spans = sorted({f.sentence for f in fired_all})
        rest = [doc.text[a:b] for a, b in doc.sentences if (a, b) not in spans]
        if any(_CAUSE_NOT_CYBER.search(s) for s in rest):
            return "guard denial: the item rules out an attack as the cause", spans[0]
        if not all(_claimed(doc.text, f) for f in fired_all):
            return None
        if not any(_REBUTTAL.search(s) for s in rest) or any(_confirms(s) for s in rest):
            return None
        return "guard denial: the claim is rebutted elsewhere in the item", spans[0]

    return _drop_categories(hits_by_rule, doc, trace, verdict)


def _drop_categories(
    hits_by_rule: _RuleHits,
    doc: _Document,
    trace: Trace | None,
    verdict: Callable[[_RuleHits], tuple[str, tuple[int, int]] | None],
) -> _RuleHits:
    """Drop every category whose rules' hits, taken together, `verdict` rules out.

    The item-level checks judge a category as a whole (all its rules' sentences at once), so they
    share the grouping, the drop and the trace note; `verdict` returns the reason and the sentence to
    show, or None to keep the category.
    """
    by_category: dict[str, _RuleHits] = {}
    for compiled, fired in hits_by_rule:
        by_category.setdefault(compiled.rule.category, []).append((compiled, fired))
    dropped: set[str] = set()
    for category, group in by_category.items():
        found = verdict(group)
        if found is None:
            continue
        dropped.add(category)
        if trace is not None:
            reason, (start, end) = found
            for compiled, _ in group:
                tr = trace.rule(compiled.id)
                tr.fired.clear()
                _note(tr, reason, doc.text[start:end])
    return [(c, f) for c, f in hits_by_rule if c.rule.category not in dropped]


def _within(first: list[tuple[int, int]], second: list[tuple[int, int]], within: int) -> bool:
    """Whether some hit of `first` and some hit of `second` are at most `within` words apart.

    A hit is (first word, last word); two hits are apart by the words strictly between them, 0 when
    they overlap - the width `conditions` measures for an `all`.
    """
    if len(first) * len(second) <= 64:
        for a_start, a_end in first:
            for b_start, b_end in second:
                if (a_start if a_start > b_start else b_start) - (
                    a_end if a_end < b_end else b_end
                ) - 1 <= within:
                    return True
        return False
    # Dense text: for each hit of the smaller list, look only at the other list's hits that start
    # within reach (hits are short, so their first word bounds their position).
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    ordered = sorted(large)
    starts = [start for start, _ in ordered]
    reach = within + 1
    for a_start, a_end in small:
        lo = bisect_right(starts, a_start - reach - (a_end - a_start) - 64)
        for b_start, b_end in ordered[lo:]:
            if b_start > a_end + reach:
                break
            if (a_start if a_start > b_start else b_start) - (
                a_end if a_end < b_end else b_end
            ) - 1 <= within:
                return True
    return False


def _word_window(inst: Instance, word_of: WordOfFn) -> tuple[int, int]:
    """The word numbers of an instance's first and last word ((0, 0) for an empty instance)."""
    if not inst:
        return 0, 0
    return word_of(min(s for s, _ in inst)), word_of(max(e for _, e in inst) - 1)


def _mentions(found: Iterable[Mention], wanted: Iterable[str]) -> bool:
    keys = {w.lower() for w in wanted}
    return any(m.code.lower() in keys or m.name.lower() in keys for m in found)


def _troop_equivalent(quantities: Iterable[RawQuantity], units: Sequence[str]) -> float:
    """The largest figure in the sentence in troops, counting formations at their nominal size."""
    best = 0.0
    for q in quantities:
        if q.unit in units:
            best = max(best, q.value * TROOP_EQUIVALENTS.get(q.unit, 1.0))
    return best


def _dedupe_quantities(quantities: list[Quantity]) -> list[Quantity]:
    seen: set[tuple[float, str]] = set()
    out: list[Quantity] = []
    for q in quantities:
        if (q.value, q.unit) not in seen:
            seen.add((q.value, q.unit))
            out.append(q)
    return out


_EXPLAINER_OPENING = re.compile(
    r"^\W*(?:why|what if|what (?:[\w'-]+ ){1,6}(?:tells?|means?|reveals?|says?|shows?|signals?|teaches)\b)",
    re.IGNORECASE,
)


def _continues_past(doc: _Document, idx: int, sentence: str, trigger_end: int, year: int) -> str | None:
    """Why the sentence narrates the past: a "then" before or inside the trigger carrying on from a
    sentence dated before publication ("The armies clashed in June 2020. Both sides then deployed").

    Guards read one sentence; this is the one cross-sentence case they cannot see, and it is checked
    only for an instance that every guard has let through.
    """
    cue = continuation_cue(sentence, trigger_end)
    if cue is None:
        return None
    start, end = doc.sentences[idx - 1]
    past = dated_year(doc.text[start:end], year)
    if past is None:
        return None
    return f"{sentence[cue[0]:cue[1]]!r} carries on the story of the sentence before, dated {past}"


# A quoted question with its attribution: '"What happens the first time the line is violated?" asked one MP.'
_QUOTED_QUESTION = re.compile(r"\?[\"'\u201d\u2019]\s*,?\s*(?:asked|wondered|queried|demanded)\b")


def _is_question(sentence: str) -> bool:
    """Headlines and ledes that ask ("Could China mass enough troops?") or explain ("Why NATO drills
    matter less than you think", "What the autumn exercise tells us about the army") assert no event."""
    return (
        sentence.rstrip(" \"'\u201d\u2019)").endswith("?")
        or bool(_EXPLAINER_OPENING.match(sentence))
        or _QUOTED_QUESTION.search(sentence) is not None
    )


def _note(tr: RuleTrace | None, reason: str, sentence: str = "") -> bool:
    if tr is not None and (reason, sentence) not in tr.suppressed:
        tr.suppressed.append((reason, sentence))
    return False


def _note_guards(
    tr: RuleTrace | None, hits: list[GuardHit], sentence: str, text: str, inst: Instance
) -> None:
    if tr is None:
        return
    words = ", ".join(repr(text[s:e]) for s, e in inst)
    for hit in hits:
        _note(tr, f"guard {hit.guard.value}: cue {hit.cue!r} governs {words}", sentence)
