"""Places and actors named in news text, with one stable code per mention for correlation.

The vocabulary lives in YAML (``rules/lists/places.yaml``, ``rules/lists/actors.yaml``) so analysts
can extend it without touching code.  All aliases of a table go into Aho-Corasick automata
(pyahocorasick): one C-level pass over the text whatever the number of aliases, built in milliseconds.
Hyperscan scanned about as fast but took seconds to compile a thousand aliases, which every
``tripwire scan`` would pay; a trie regex was three times slower.  Figures in ``bench/TEXT.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import ahocorasick
from ruamel.yaml import YAML

from streams.engine.text import fold, fold_cased

__all__ = ["Gazetteer", "GazetteerError", "Mention"]

LISTS_DIR: Final[Path] = Path(__file__).resolve().parents[2] / "rules" / "lists"
DEFAULT_FILES: Final[tuple[Path, ...]] = (LISTS_DIR / "places.yaml", LISTS_DIR / "actors.yaml")
# An all-capital alias this short is an acronym whose lowercase form is often a word ("US", "UN").
_ACRONYM_MAX: Final[int] = 5
_TABLES: Final[tuple[str, ...]] = ("places", "actors")


class GazetteerError(ValueError):
    """A list file is malformed or two entries claim the same alias; the message names the file."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One place or actor found in text; ``text[start:end]`` is the alias as written."""

    code: str
    name: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Target:
    """What an alias resolves to (the demonym flag only changes the reported kind)."""

    code: str
    name: str
    kind: str
    country: str | None


def _is_cased(alias: str, listed: bool) -> bool:
    """Whether an alias must match case-sensitively: listed as such, or a short acronym."""
    letters = alias.replace(".", "")
    return listed or (letters.isupper() and letters.isalnum() and len(letters) <= _ACRONYM_MAX)


# Every byte that is not part of an ASCII word becomes a space, so that a key " south korea " can
# only match on word boundaries, and "U.S.", "NoName057(16)" or "Cote d'Ivoire" (however its
# apostrophe is written) match whatever their punctuation.  Same length, so offsets carry over.
_SEPARATORS: Final[bytes] = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256))


def _words(folded: str) -> str:
    """``folded`` (ASCII) with every non-word character replaced by a space."""
    return folded.encode("ascii").translate(_SEPARATORS).decode("ascii")


def _tail(alias: str) -> str:
    """Trailing punctuation that belongs to an alias ("U.S." → "."), re-attached after a match."""
    folded = fold_cased(alias).rstrip()
    core = folded.rstrip("".join(chr(c) for c in range(33, 127) if not (chr(c).isalnum() or c == 95)))
    return folded[len(core) :]


# One candidate reading of an automaton key: (length, tail, target, exact spelling or None).
_Candidate = tuple[int, str, _Target, str | None]


class _Table:
    """All aliases of one vocabulary (places or actors) in one Aho-Corasick automaton.

    Keys are lowercase; a case-sensitive alias ("US", "Turkey") is checked against the text's own
    spelling when it matches, which costs less than a second scan for the few acronyms.
    """

    __slots__ = ("_automaton",)

    def __init__(self, aliases: Sequence[tuple[str, bool, _Target]]) -> None:
        readings: dict[str, list[_Candidate]] = {}
        for alias, is_cased, target in aliases:
            core = " ".join(_words(fold_cased(alias)).split())
            if not core:
                continue
            candidate = (len(core), _tail(alias), target, core if is_cased else None)
            bucket = readings.setdefault(" " + core.lower() + " ", [])
            # Exact spellings first: "US" the country before any lowercase reading of "us".
            bucket.insert(0, candidate) if is_cased else bucket.append(candidate)
        self._automaton: Any = None
        if readings:
            automaton = ahocorasick.Automaton()
            for key, bucket in readings.items():
                automaton.add_word(key, tuple(bucket))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str, start: int, end: int | None) -> list[Mention]:
        """Leftmost-longest, non-overlapping mentions in ``text[start:end]``, in order."""
        stop = len(text) if end is None else min(end, len(text))
        if self._automaton is None or start >= stop:
            return []
        words = _words(fold_cased(text[start:stop]))
        hits: list[tuple[int, int, str, _Target]] = []
        # A key " alias " ends on the space after the alias, at ``last`` in the padded text, which is
        # ``last - 1`` in ``words``; so the alias occupies ``words[last - 1 - length : last - 1]``.
        for last, bucket in self._automaton.iter(" " + words.lower() + " "):
            for length, tail, target, exact in bucket:
                frm = last - 1 - length
                if exact is None or words.startswith(exact, frm):
                    hits.append((frm, -length, tail, target))
                    break
        if not hits:
            return []
        hits.sort(key=_hit_order)
        mentions: list[Mention] = []
        covered = 0
        for frm, neg_length, tail, target in hits:
            if frm < covered:
                continue
            to = frm - neg_length
            if tail and text.startswith(tail, start + to):
                to += len(tail)
            covered = to
            mentions.append(Mention(target.code, target.name, target.kind, start + frm, start + to))
        return mentions


def _hit_order(hit: tuple[int, int, str, _Target]) -> tuple[int, int]:
    """Sort hits leftmost first, then longest first."""
    return hit[0], hit[1]


class Gazetteer:
    """Finds places and actors in text; build once (a few milliseconds) and share: scanning is
    read-only, so one instance can serve any number of agents or threads."""

    __slots__ = ("_countries", "_tables")

    def __init__(self, entries: dict[str, list[dict[str, Any]]], source: str = "<memory>") -> None:
        self._countries: dict[str, str | None] = {}
        self._tables: dict[str, _Table] = {}
        for table in _TABLES:
            self._tables[table] = _Table(self._aliases(entries.get(table, []), table, source))

    def _aliases(
        self, entries: Iterable[dict[str, Any]], table: str, source: str
    ) -> list[tuple[str, bool, _Target]]:
        """Flatten entries into (alias, case-sensitive, target), rejecting ambiguous duplicates."""
        out: list[tuple[str, bool, _Target]] = []
        seen: dict[str, str] = {}
        for index, entry in enumerate(entries):
            where = f"{source}: {table}[{index}]"
            try:
                code, name, kind = str(entry["code"]), str(entry["name"]), str(entry["kind"])
            except (KeyError, TypeError) as exc:
                raise GazetteerError(f"{where}: an entry needs code, name and kind") from exc
            country = entry.get("country")
            own_country = (
                str(country) if country else (code if kind in ("country", "territory", "city") else None)
            )
            self._countries.setdefault(code, own_country)
            target = _Target(code, name, kind, own_country)
            demonym = _Target(code, name, "demonym", own_country)
            demonyms = [str(a) for a in entry.get("demonyms") or []]
            cased = {str(a) for a in entry.get("cased") or []}
            names = [str(a) for a in entry.get("aliases") or []] + demonyms + sorted(cased)
            if not names:
                raise GazetteerError(f"{where} ({code}): no aliases")
            for alias in dict.fromkeys(names):
                if not alias.strip():
                    raise GazetteerError(f"{where} ({code}): empty alias")
                is_cased = _is_cased(alias, alias in cased)
                key = ("=" + fold_cased(alias) if is_cased else "~" + fold(alias)).replace(" ", "")
                if key in seen and seen[key] != code:
                    raise GazetteerError(f"{where}: alias {alias!r} of {code} is already used by {seen[key]}")
                if key in seen:
                    continue
                seen[key] = code
                out.append((alias, is_cased, demonym if alias in demonyms else target))
        return out

    @classmethod
    def from_files(cls, paths: Sequence[Path]) -> Gazetteer:
        """Load and merge list files; each may hold a ``places:`` and/or an ``actors:`` list."""
        yaml = YAML(typ="safe")
        merged: dict[str, list[dict[str, Any]]] = {table: [] for table in _TABLES}
        for path in paths:
            try:
                data = yaml.load(Path(path).read_text(encoding="utf-8"))
            except Exception as exc:  # ruamel raises many unrelated types; all mean "bad file"
                raise GazetteerError(f"{path}: cannot read list file: {exc}") from exc
            if not isinstance(data, dict):
                raise GazetteerError(f"{path}: expected a mapping with 'places' and/or 'actors'")
            for table in _TABLES:
                items = data.get(table) or []
                if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                    raise GazetteerError(f"{path}: '{table}' must be a list of mappings")
                merged[table].extend(items)
        return cls(merged, source=", ".join(str(p) for p in paths))

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer built from the repository's ``rules/lists``, built once per process."""
        return _default()

    def places(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Countries, territories, cities, regions, seas and demonyms in ``text[start:end]``."""
        return self._tables["places"].find(text, start, end)

    def actors(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Alliances, organisations, governments, armed forces and groups in ``text[start:end]``."""
        return self._tables["actors"].find(text, start, end)

    def country_of(self, mention: Mention) -> str | None:
        """The ISO country a mention belongs to: itself for countries, cities and demonyms, the
        ``country`` field for regions, seas and actors (``None`` when shared or unknown)."""
        return self._countries.get(mention.code)


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    """Cache for :meth:`Gazetteer.default`."""
    return Gazetteer.from_files(DEFAULT_FILES)
