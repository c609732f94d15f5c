"""Turn rule terms into one multi-pattern database and scan a text in a single pass.

Why Hyperscan: every rule's terms are compiled together, so a 3 KB article costs one scan whatever the
number of rules (bench/ENGINE.md has the figures against RE2 sets, Aho-Corasick and Python `re`).
Hyperscan is also a linear-time automaton engine: patterns that could backtrack catastrophically
(back-references, look-around) are rejected when the rules load, with the rule's file and line.
Texts are folded to lowercase ASCII of the same length first (`text.fold`), so offsets stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # pragma: no cover - import guard exercised only where the wheel is missing
    import hyperscan
except ImportError:  # pragma: no cover
    hyperscan = None

_TOKEN_SPLIT = re.compile(r"\s+")
_SPECIAL = re.compile(r"([.^$+?()\[\]{}|\\/])")
BETWEEN_WORDS = r"[\s\-]+"
REGEX_PREFIX = "re:"


class PatternError(ValueError):
    """A term that cannot be compiled; `index` says which term of the batch."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def term_to_regex(term: str) -> str:
    """A rule author's term as a regex over folded text.

    `deploy*` -> any word starting with deploy; `build-up` -> build-up, build up or buildup;
    several words -> separated by any run of spaces or hyphens. Word boundaries on both ends.
    """
    if term.startswith(REGEX_PREFIX):
        return term[len(REGEX_PREFIX) :]
    tokens = [t for t in _TOKEN_SPLIT.split(term.strip().lower()) if t]
    if not tokens:
        raise ValueError("empty term")
    parts: list[str] = []
    for token in tokens:
        pieces = [p for p in token.split("-")]
        rendered = [_SPECIAL.sub(r"\\\1", p).replace("*", r"\w*") for p in pieces]
        parts.append(r"[\s\-]?".join(rendered))
    body = BETWEEN_WORDS.join(parts)
    start = r"\b" if re.match(r"\w", tokens[0]) else ""
    last = tokens[-1]
    end = r"\b" if re.search(r"[\w*]$", last) else ""
    return f"{start}{body}{end}"


@dataclass(frozen=True, slots=True)
class Hit:
    term_id: int
    start: int
    end: int


class PatternSet:
    """All terms of a rule set in one compiled database."""

    def __init__(self, regexes: list[str]) -> None:
        self.regexes = regexes
        self.backend = "hyperscan" if hyperscan is not None else "python-re"
        if not regexes:
            self._db = None
            return
        if hyperscan is not None:
            self._db = self._compile_hyperscan(regexes)
        else:  # pragma: no cover
            self._compiled = [self._compile_python(i, r) for i, r in enumerate(regexes)]

    @staticmethod
    def _flags() -> int:
        assert hyperscan is not None
        return int(hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SOM_LEFTMOST)

    def _compile_hyperscan(self, regexes: list[str]) -> object:
        assert hyperscan is not None
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(
                expressions=[r.encode("ascii") for r in regexes],
                ids=list(range(len(regexes))),
                elements=len(regexes),
                flags=[self._flags()] * len(regexes),
            )
        except hyperscan.error:
            # Find the culprit so the error can name its rule, file and line.
            for i, regex in enumerate(regexes):
                self.check(regex, i)
            raise
        except UnicodeEncodeError as exc:
            raise PatternError(0, f"terms must be ASCII after folding: {exc}") from exc
        return db

    @staticmethod
    def check(regex: str, index: int = 0) -> None:
        """Raise PatternError when one regex is not acceptable to the engine."""
        if hyperscan is None:  # pragma: no cover
            PatternSet._compile_python(index, regex)
            return
        try:
            regex.encode("ascii")
        except UnicodeEncodeError as exc:
            raise PatternError(index, "terms must be ASCII (accents are folded away in texts)") from exc
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=[regex.encode("ascii")], ids=[0], elements=1, flags=[PatternSet._flags()])
        except hyperscan.error as exc:
            raise PatternError(index, f"pattern rejected by the linear-time engine: {exc}") from exc

    @staticmethod
    def _compile_python(index: int, regex: str) -> re.Pattern[str]:  # pragma: no cover
        try:
            return re.compile(regex, re.IGNORECASE)
        except re.error as exc:
            raise PatternError(index, f"bad pattern: {exc}") from exc

    def scan(self, folded: str) -> list[Hit]:
        """Every match of every term in the folded text, in the order the engine reports them."""
        if not self.regexes:
            return []
        hits: list[Hit] = []
        if hyperscan is not None:

            def on_match(term_id: int, start: int, end: int, flags: int, context: object) -> None:
                hits.append(Hit(term_id, start, end))

            self._db.scan(folded.encode("ascii", "replace"), match_event_handler=on_match)  # type: ignore[attr-defined]
            return hits
        for i, pattern in enumerate(self._compiled):  # pragma: no cover
            hits.extend(Hit(i, m.start(), m.end()) for m in pattern.finditer(folded))
        return hits
