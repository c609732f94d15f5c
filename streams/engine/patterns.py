"""Turn rule terms into one multi-pattern database and scan a text in a single pass.

Why Hyperscan: every rule's terms are compiled together, so a 3 KB article costs one scan whatever the
number of rules (bench/ENGINE.md has the figures against RE2 sets, Aho-Corasick and Python `re`).
Plain terms - the vast majority - compile as literals, which Hyperscan builds in a fraction of a
second; word boundaries and `*` suffixes are checked per hit afterwards. Authors' `re:` terms go to a
second Hyperscan database: a linear-time automaton engine, so patterns that could backtrack
catastrophically (back-references, look-around) are rejected when the rules load, with the rule's
file and line.

Texts are scanned in a *scan form*: folded to lowercase ASCII of the same length (`text.fold`), with
hyphens and line breaks turned into spaces, so offsets stay valid and "build-up", "build up" and a
phrase wrapped over two lines all read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

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


class Hit(NamedTuple):
    """One term occurrence (a named tuple: built once per match, in the scan callback)."""

    term_id: int
    start: int
    end: int


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PatternSet:
    """All terms of a rule set: one literal database plus one regex database."""

    def __init__(self, terms: list[str], anchors: frozenset[int] | None = None) -> None:
        """`anchors`: the terms that can make some rule a candidate; they get a database of their own
        so an item none of whose anchors occur costs one small scan (see `scan_anchors`)."""
        self.terms = terms
        self.backend = "hyperscan" if hyperscan is not None else "python-re"
        self.regexes: list[str] = []
        anchor_ids = frozenset(range(len(terms))) if anchors is None else anchors
        groups: dict[bool, tuple[list[tuple[int, Literal]], list[int], list[str]]] = {
            True: ([], [], []),
            False: ([], [], []),
        }
        for term_id, term in enumerate(terms):
            literals, regex_ids, regexes = groups[term_id in anchor_ids]
            spellings = term_literals(term)
            if spellings is None:
                regex_ids.append(term_id)
                regexes.append(term_to_regex(term))
                self.regexes.append(regexes[-1])
            else:
                literals.extend((term_id, lit) for lit in spellings)
        self._parts = [_Part(self, *groups[True]), _Part(self, *groups[False])]

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

    def scan_anchors(self, text: str) -> list[Hit]:
        """Hits of anchor terms only: enough to know which rules could fire."""
        return self._parts[0].scan(text)

    def scan_rest(self, text: str) -> list[Hit]:
        """Hits of every other term (second parts of conditions, exclusions, exceptions)."""
        return self._parts[1].scan(text)

    def scan(self, text: str) -> list[Hit]:
        """Every match of every term in scan-form text (see `scan_form`)."""
        return self.scan_anchors(text) + self.scan_rest(text)


class _Part:
    """One literal database and one regex database over a subset of the terms."""

    def __init__(
        self, owner: PatternSet, literals: list[tuple[int, Literal]], regex_ids: list[int], regexes: list[str]
    ) -> None:
        self._literals = literals
        self._flags_of = [(t, lit.bounded_start, lit.prefix, lit.bounded_end) for t, lit in literals]
        self._regex_ids = regex_ids
        self._lit_db = self._compile([re.escape(lit.text) for _, lit in literals], [t for t, _ in literals])
        self._re_db = self._compile(regexes, regex_ids)
        self._py: list[tuple[int, re.Pattern[str]]] | None = None
        if hyperscan is None:  # pragma: no cover
            self._py = [(i, re.compile(re.escape(lit.text))) for i, (_, lit) in enumerate(literals)]

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
        hits: list[Hit] = []
        n = len(text)
        flags_of = self._flags_of
        regex_ids = self._regex_ids
        add = hits.append
        is_word = _is_word

        def on_literal(index: int, start: int, end: int, flags: int, context: object) -> None:
            term_id, bounded_start, prefix, bounded_end = flags_of[index]
            if bounded_start and start > 0 and is_word(text[start - 1]):
                return
            if prefix:
                while end < n and is_word(text[end]):
                    end += 1
            elif bounded_end and end < n and is_word(text[end]):
                return
            add(Hit(term_id, start, end))

        def on_regex(index: int, start: int, end: int, flags: int, context: object) -> None:
            hits.append(Hit(regex_ids[index], start, end))

        if self._lit_db is None and self._re_db is None and self._py is None:
            return hits
        data = text.encode("ascii", "replace")
        if self._lit_db is not None:
            self._lit_db.scan(data, match_event_handler=on_literal)  # type: ignore[attr-defined]
        if self._re_db is not None:
            self._re_db.scan(data, match_event_handler=on_regex)  # type: ignore[attr-defined]
        if self._py is not None:  # pragma: no cover
            for index, pattern in self._py:
                for m in pattern.finditer(text):
                    on_literal(index, m.start(), m.end(), 0, None)
        return hits
