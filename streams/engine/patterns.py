"""Turn rule terms into one multi-pattern automaton and scan a text in a single pass.

Plain terms - the vast majority - are literals in an Aho-Corasick automaton (pyahocorasick, in C) run
over the *word form* of the text, where every non-word character is a space: a word-bounded term is
then just the literal with a space on each bounded side, so matches come out of the automaton already
checked, with no Python callback per hit. Measured against Hyperscan with per-hit boundary checks in
Python, RE2 sets and Python `re` in bench/ENGINE.md. Authors' `re:` terms (and terms with an inner
`*`) go to a Hyperscan database: a linear-time automaton engine, so patterns that could backtrack
catastrophically (back-references, look-around) are rejected when the rules load, with the rule's
file and line.

Texts are scanned in a *scan form*: folded to lowercase ASCII of the same length (`text.fold`), with
hyphens and line breaks turned into spaces, so offsets stay valid and "build-up", "build up" and a
phrase wrapped over two lines all read alike.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

import ahocorasick

from streams.engine.conditions import Needs

try:  # pragma: no cover - import guard exercised only where the wheel is missing
    import hyperscan
except ImportError:  # pragma: no cover
    hyperscan = None  # type: ignore[assignment]  # the pure-Python fallback below takes over

_TOKEN_SPLIT = re.compile(r"\s+")
_SPECIAL = re.compile(r"([.^$+?()\[\]{}|\\/*])")
REGEX_PREFIX = "re:"
_SCAN_FORM = str.maketrans({"-": " ", "\n": " ", "\r": " ", "\t": " ", "\u00ad": " "})


class PatternError(ValueError):
    """A term that cannot be compiled; `index` says which term of the batch."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def scan_form(folded: str) -> str:
    """Hyphens and line breaks read as spaces; the length never changes."""
    return folded.translate(_SCAN_FORM)


@dataclass(frozen=True, slots=True)
class Literal:
    """One spelling of a plain term in scan form; `prefix` when it ends in a `*` wildcard."""

    text: str
    prefix: bool
    bounded_start: bool
    bounded_end: bool


def term_literals(term: str) -> list[Literal] | None:
    """The spellings of a plain term, or None when it needs a regex (an inner `*`, or `re:`).

    `build-up` -> "build up" and "buildup"; `deploy*` -> prefix "deploy"; words are single-spaced.
    """
    if term.startswith(REGEX_PREFIX):
        return None
    tokens = [t for t in _TOKEN_SPLIT.split(term.strip().lower()) if t]
    inner = [t for t in tokens[:-1] if "*" in t] if tokens else []
    if not tokens or inner or "*" in tokens[-1][:-1] or tokens[-1] == "*":
        return None
    prefix = tokens[-1].endswith("*")
    if prefix:
        tokens[-1] = tokens[-1][:-1]
    spaced = " ".join(tokens).replace("-", " ")
    joined = " ".join(t.replace("-", "") for t in tokens)
    spellings = [spaced] if spaced == joined else [spaced, joined]
    out = []
    for text in spellings:
        out.append(
            Literal(
                text=text,
                prefix=prefix,
                bounded_start=bool(re.match(r"\w", text)),
                bounded_end=prefix or bool(re.search(r"\w$", text)),
            )
        )
    return out


def term_to_regex(term: str) -> str:
    """A term as a regex over scan-form text: for `re:` terms and terms with an inner wildcard."""
    if term.startswith(REGEX_PREFIX):
        return term[len(REGEX_PREFIX) :]
    tokens = [t for t in _TOKEN_SPLIT.split(term.strip().lower()) if t]
    if not tokens:
        raise ValueError("empty term")
    parts = [
        r"\s?".join(_SPECIAL.sub(r"\\\1", p).replace(r"\*", r"\w*") for p in t.split("-")) for t in tokens
    ]
    body = r"\s+".join(parts)
    start = r"\b" if re.match(r"\w", tokens[0]) else ""
    end = r"\b" if re.search(r"[\w*]$", tokens[-1]) else ""
    return f"{start}{body}{end}"


# One term occurrence: (term id, start, end). A plain tuple, not a NamedTuple: a dense article has
# hundreds of hits and a NamedTuple's Python-level constructor cost more than the scan itself.
Hit = tuple[int, int, int]


# Word form: every byte that is not a word character becomes a space, so a word-bounded literal is the
# literal with a space on each bounded side (the text is padded with one space at each end).
_WORD_FORM = bytes(c if (c < 128 and chr(c).isalnum()) or c == 95 else 32 for c in range(256))


def word_form(scanned: str) -> str:
    """The scan-form text with non-word characters as spaces, padded with one space at each end."""
    return " " + scanned.encode("ascii", "replace").translate(_WORD_FORM).decode("ascii") + " "


def _word_literal(lit: Literal) -> str:
    """A literal as the automaton sees it: in word form, padded where its ends are word-bounded."""
    text = lit.text.encode("ascii", "replace").translate(_WORD_FORM).decode("ascii")
    return (" " if lit.bounded_start else "") + text + (" " if lit.bounded_end and not lit.prefix else "")


class PatternSet:
    """All terms of a rule set: an Aho-Corasick automaton of literals plus a Hyperscan regex database."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.backend = "aho-corasick + hyperscan" if hyperscan is not None else "aho-corasick + python-re"
        self.regexes: list[str] = []
        self._regex_ids: list[int] = []
        # word-form literal -> ((term id, start offset, end offset or None for a prefix), ...), where
        # the offsets turn the automaton's last-character index into the hit's span in `text`:
        # `words` is `text` shifted right by one (the leading pad space), and bounded sides of a
        # literal are pad spaces, not part of the hit.
        entries: dict[str, list[tuple[int, int, int | None]]] = {}
        for term_id, term in enumerate(terms):
            spellings = term_literals(term)
            if spellings is None:
                self._regex_ids.append(term_id)
                self.regexes.append(term_to_regex(term))
                continue
            for lit in spellings:
                key = _word_literal(lit)
                start = -len(key) + int(lit.bounded_start)
                end = None if lit.prefix else -int(lit.bounded_end)
                entries.setdefault(key, []).append((term_id, start, end))
        self._automaton: ahocorasick.Automaton | None = None
        if entries:
            self._automaton = ahocorasick.Automaton()
            for key, found in entries.items():
                self._automaton.add_word(key, (frozenset(t for t, _, _ in found), tuple(found)))
            self._automaton.make_automaton()
        self._re_db = self._compile(self.regexes, self._regex_ids)
        self._py: list[tuple[int, re.Pattern[str]]] | None = None
        if hyperscan is None:  # pragma: no cover
            self._py = list(zip(self._regex_ids, (re.compile(r) for r in self.regexes), strict=True))

    @staticmethod
    def _flags() -> int:
        assert hyperscan is not None
        return int(hyperscan.HS_FLAG_SOM_LEFTMOST)

    @staticmethod
    def check(regex: str, index: int = 0) -> None:
        """Raise PatternError when one regex is not acceptable to the engine."""
        try:
            regex.encode("ascii")
        except UnicodeEncodeError as exc:
            raise PatternError(index, "terms must be ASCII (accents are folded away in texts)") from exc
        if hyperscan is None:  # pragma: no cover
            try:
                re.compile(regex)
            except re.error as exc:
                raise PatternError(index, f"bad pattern: {exc}") from exc
            return
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=[regex.encode("ascii")], ids=[0], elements=1, flags=[PatternSet._flags()])
        except hyperscan.error as exc:
            raise PatternError(index, f"pattern rejected by the linear-time engine: {exc}") from exc

    @staticmethod
    def _compile(expressions: list[str], term_ids: list[int]) -> object | None:
        if not expressions or hyperscan is None:
            return None
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(
                expressions=[e.encode("ascii") for e in expressions],
                ids=list(range(len(expressions))),
                elements=len(expressions),
                flags=[PatternSet._flags()] * len(expressions),
            )
        except (hyperscan.error, UnicodeEncodeError):
            # Find the culprit so the error can name its rule, file and line.
            for expr, term_id in zip(expressions, term_ids, strict=True):
                PatternSet.check(expr, term_id)
            raise
        return db

    def scan(self, text: str) -> list[Hit]:
        """Every match of every term in scan-form text (see `scan_form`), offsets into `text`."""
        return self.find(text).hits()

    @property
    def regex_term_ids(self) -> frozenset[int]:
        """Terms matched by the regex database rather than the automaton."""
        return frozenset(self._regex_ids)

    def find(self, text: str, *, regexes: bool = True) -> Found:
        """One pass over scan-form text: which terms occur at once, their hits when asked for.

        `regexes=False` leaves the regex database for `add_regexes`: the caller can first ask
        whether any rule could fire with every regex term assumed present.
        """
        words = word_form(text)
        matches = list(self._automaton.iter(words)) if self._automaton is not None else []
        found = Found(text, words, matches)
        if regexes:
            self.add_regexes(found)
        return found

    def add_regexes(self, found: Found) -> None:
        """Run the regex database over the text of `found` and add its hits (once)."""
        if found.regexes_done:
            return
        found.regexes_done = True
        text = found.text
        regex_hits: list[Hit] = []
        if self._re_db is not None:
            regex_ids = self._regex_ids
            add = regex_hits.append

            def on_regex(index: int, start: int, end: int, flags: int, context: object) -> None:
                add((regex_ids[index], start, end))

            self._re_db.scan(text.encode("ascii", "replace"), match_event_handler=on_regex)  # type: ignore[attr-defined]
        if self._py is not None:  # pragma: no cover
            for term_id, pattern in self._py:
                regex_hits.extend((term_id, m.start(), m.end()) for m in pattern.finditer(text))
        found.regex_hits = regex_hits
        found.present.update(h[0] for h in regex_hits)


class Found:
    """The automaton's matches in one text: the set of terms present now, the hits only on demand.

    Why lazy: the gate needs only which terms occur, and most items stop there; turning every match
    into a positioned hit is the costly part of a scan.
    """

    __slots__ = ("_matches", "_words", "present", "regex_hits", "regexes_done", "text")

    def __init__(
        self,
        text: str,
        words: str,
        matches: list[tuple[int, tuple[frozenset[int], tuple[tuple[int, int, int | None], ...]]]],
    ) -> None:
        self.text = text
        self._words = words
        self._matches = matches
        self.regex_hits: list[Hit] = []
        self.regexes_done = False
        self.present: set[int] = set().union(*[ids for _, (ids, _) in matches])

    def hits(self) -> list[Hit]:
        """Every term occurrence as (term id, start, end) in the scanned text."""
        hits: list[Hit] = []
        add = hits.append
        find = self._words.find
        for last, (_, entries) in self._matches:
            for term_id, start, end in entries:
                if end is None:  # a `*` prefix runs to the end of the word
                    add((term_id, last + start, find(" ", last + 1) - 1))
                else:
                    add((term_id, last + start, last + end))
        hits.extend(self.regex_hits)
        return hits


class TermSentences:
    """Where the terms of one item occur, for `Gate.sentences`: per term, a bit mask of the sentence
    indices it occurs in (bit i: sentence i). Masks make a union or an intersection of sentence sets
    one integer operation.

    `memo` keeps the mask of each term set asked about (`of`), for this item only.
    """

    __slots__ = ("any", "masks", "memo", "present")

    def __init__(self, masks: dict[int, int]) -> None:
        self.masks = masks
        self.present = frozenset(masks)
        self.memo: dict[frozenset[int], int] = {}
        self.any = 0  # the sentences with any term
        for mask in masks.values():
            self.any |= mask

    def of(self, terms: frozenset[int]) -> int:
        """The sentences in which any of `terms` occurs."""
        found = self.memo.get(terms)
        if found is None:
            found = 0
            masks = self.masks
            for term_id in terms & self.present:
                found |= masks[term_id]
            self.memo[terms] = found
        return found


def sentence_indices(mask: int) -> Iterator[int]:
    """The sentence indices set in a mask of `TermSentences`, in increasing order."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class Gate:
    """Which rules could fire on an item, from the set of terms it contains.

    Why: most news mentions no escalation at all, and evaluating rules sentence by sentence is the
    expensive part of detection. A rule is evaluated only when its `Needs` formula - the terms it
    requires anywhere in the item - holds. Rules are indexed under one necessary term set, so an item
    only looks at the formulas of rules it could touch.
    """

    def __init__(self, requirements: Sequence[int | Needs | None], terms: Sequence[str] = ()) -> None:
        """`terms`, when given, lets the index prefer uncommon words (see `_COMMON_WORDS`)."""
        self.always = frozenset(i for i, need in enumerate(requirements) if need is None)
        common = frozenset(i for i, term in enumerate(terms) if _is_common(term))
        self._formulas: list[_Formula | None] = [
            None if need is None else _Formula.of(need) for need in requirements
        ]
        index: dict[int, set[int]] = {}
        for rule_index, formula in enumerate(self._formulas):
            if formula is None:
                continue
            for term_id in formula.necessary(common):
                index.setdefault(term_id, set()).add(rule_index)
        self._index = {term_id: frozenset(rules) for term_id, rules in index.items()}
        self._indexed = frozenset(self._index)

    def reads(self, rule_index: int, terms: frozenset[int]) -> bool:
        """Whether one rule's formula names any of `terms` (else its verdict cannot depend on them)."""
        formula = self._formulas[rule_index]
        return formula is not None and not formula.terms_named().isdisjoint(terms)

    def holds(self, rule_index: int, present: Collection[int]) -> bool:
        """Whether one rule's formula holds for the terms `present` (e.g. in one sentence)."""
        formula = self._formulas[rule_index]
        return formula is None or formula.holds(present)

    def sentences(self, rule_index: int, where: TermSentences, among: int) -> int:
        """The sentences of `among` (a mask of `where`) in which one rule's formula holds.

        Why: the same answer as `holds` asked sentence by sentence, but one walk of the formula per
        rule, with bit operations over sentence masks, and each term set's sentences found once per
        item (rules share their vocabulary).
        """
        formula = self._formulas[rule_index]
        return among if formula is None or not among else formula.sentences(where, among)

    def candidates(self, present: Iterable[int]) -> set[int]:
        """Indices of the rules whose formula holds for the terms `present` in the item."""
        present = present if isinstance(present, (set, frozenset)) else set(present)
        found = set(self.always)
        index = self._index
        touched: set[int] = set().union(*[index[t] for t in self._indexed.intersection(present)])
        formulas = self._formulas
        for rule_index in touched:
            formula = formulas[rule_index]
            if formula is not None and formula.holds(present):
                found.add(rule_index)
        return found


@dataclass(frozen=True, slots=True)
class _Formula:
    """A `Needs` formula with its plain-term alternatives merged into one set per node.

    `groups` is set when the formula is an `and` of plain-term sets - the shape of most rules - so
    it is checked with one `isdisjoint` per set and no recursion.
    """

    kind: str  # "or", "and" or "score"
    terms: frozenset[int]
    parts: tuple[_Formula, ...]
    weights: tuple[float, ...] = ()
    threshold: float = 0.0
    groups: tuple[frozenset[int], ...] | None = None

    @classmethod
    def of(cls, need: int | Needs) -> _Formula:
        if isinstance(need, int):
            return cls("or", frozenset((need,)), ())
        if need.op == "or":
            ids = frozenset(p for p in need.parts if isinstance(p, int))
            return cls("or", ids, tuple(cls.of(p) for p in need.parts if not isinstance(p, int)))
        parts = tuple(cls.of(p) for p in need.parts)
        groups = None
        if need.op == "and" and all(p.kind == "or" and not p.parts for p in parts):
            # Smallest first: the cheapest to look up, and the likeliest to rule a sentence out.
            groups = tuple(sorted((p.terms for p in parts), key=len))
        return cls(need.op, frozenset(), parts, need.weights, need.threshold, groups)

    def holds(self, present: Collection[int]) -> bool:
        # Plain loops rather than all()/any() over generators: this runs per rule and sentence.
        groups = self.groups
        if groups is not None:
            for group in groups:  # noqa: SIM110
                if group.isdisjoint(present):
                    return False
            return True
        kind = self.kind
        if kind == "or":
            if not self.terms.isdisjoint(present):
                return True
            for part in self.parts:  # noqa: SIM110
                if part.holds(present):
                    return True
            return False
        if kind == "and":
            for part in self.parts:  # noqa: SIM110
                if not part.holds(present):
                    return False
            return True
        total = sum(w for part, w in zip(self.parts, self.weights, strict=True) if part.holds(present))
        return total >= self.threshold

    def sentences(self, where: TermSentences, among: int) -> int:
        """The sentences of `among` for which `holds` is true (see `Gate.sentences`)."""
        groups = self.groups
        if groups is not None:
            out = among
            for group in groups:
                out &= where.of(group)
                if not out:
                    break
            return out
        kind = self.kind
        if kind == "or":
            out = among & where.of(self.terms) if self.terms else 0
            for part in self.parts:
                if out == among:
                    break  # (every part's sentences are among `among`)
                out |= part.sentences(where, among)
            return out
        if kind == "and":
            out = among
            for part in self.parts:
                out = part.sentences(where, out)
                if not out:
                    break
            return out
        # A score adds the weights of the parts that hold, in order, as `holds` does.
        held = [part.sentences(where, among) for part in self.parts]
        out = 0
        for idx in sentence_indices(among):
            bit = 1 << idx
            if sum(w for found, w in zip(held, self.weights, strict=True) if found & bit) >= self.threshold:
                out |= bit
        return out

    def terms_named(self) -> frozenset[int]:
        """Every term the formula names."""
        out = set(self.terms)
        for group in self.groups or ():
            out |= group
        for part in self.parts:
            out |= part.terms_named()
        return frozenset(out)

    def necessary(self, common: frozenset[int] = frozenset()) -> frozenset[int]:
        """Terms of which at least one occurs whenever the formula holds: for an `and`, the part whose
        set is cheapest to watch - fewest common words first, then fewest terms."""
        cost = lambda ids: (len(ids & common), len(ids))  # noqa: E731 - a sort key, named for reuse
        if self.kind == "and":
            return min((part.necessary(common) for part in self.parts), key=cost)
        if self.kind == "score":
            # A part without which the other weights cannot reach the threshold must occur.
            total = sum(self.weights)
            required = [
                part.necessary(common)
                for part, weight in zip(self.parts, self.weights, strict=True)
                if total - weight < self.threshold
            ]
            if required:
                return min(required, key=cost)
        out = set(self.terms)
        for part in self.parts:
            out |= part.necessary(common)
        return frozenset(out)


# Words so frequent in news that indexing a rule under them would make it a candidate for most
# items; the gate prefers any other term set a rule requires. Only the index's choice depends on
# this list, never a rule's outcome.
_COMMON_WORDS: Final = frozenset(
    """
    a about above across after again against all also among an and another any are around as at away
    back be because been before began begin being below between both but by called came can come
    could day days despite did do down during each early end ended even every few first for four from
    further gave get give go going good government had has have held her here high his hold how
    however if in including into is it its just large last late later least left less like made make
    many may meanwhile minister ministry more most move moved much must near new next no not now of off
    officials on once one only open opened or other our out over part people percent place plan put
    rather report reported reports right said say says second see seen set several she should since
    six so some start started state still such take taken than that the their them then there these
    they third this those though thousands hundreds dozens three through time to today told took
    toward towards two under until up upon us very was way we week weeks were what when where whether
    which while who will with within without would year years yesterday additional extra fresh
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def _is_common(term: str) -> bool:
    """Whether a term is one common word (with or without a trailing `*`), or a regex: the detector
    asks the gate first with every regex term assumed present, so indexing a rule under one would
    make the gate look at it for every item."""
    if term.startswith(REGEX_PREFIX):
        return True
    word = term.strip().lower().rstrip("*")
    return " " not in word and word in _COMMON_WORDS
