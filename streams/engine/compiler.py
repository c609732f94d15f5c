"""Compile a loaded rule library into one pattern set plus small condition trees over term ids.

Lists and macros are expanded here, overrides applied, and each rule gets a content hash
(`rule_version`) computed after expansion, so changing a shared list changes the version of every
rule that uses it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schemas.errors import RuleError, RuleErrors, SourceLocation
from schemas.rule import (
    AllOf,
    AnyOf,
    Condition,
    MacroRef,
    NotOf,
    Rule,
    RuleException,
    SentenceExclusion,
    SequenceRule,
    parse_duration,
)
from schemas.signal import CorrelationPolicy
from streams.engine.conditions import (
    CNode,
    CNot,
    CTerm,
    CTerms,
    Needs,
    all_of,
    anchors,
    any_of,
    needs,
    proximity,
)
from streams.engine.guards import Guard
from streams.engine.loader import LoadedRule, RuleLibrary, SourceFile, load_library_partial
from streams.engine.overrides import apply_overrides
from streams.engine.patterns import Gate, PatternError, PatternSet, term_to_regex


@dataclass(frozen=True)
class CompiledException:
    spec: RuleException
    terms: CNode | None


@dataclass(frozen=True)
class CompiledExclusion:
    node: CNode
    sentence_wide: bool  # vetoes anywhere in the sentence, not only near the matched words


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    version: str
    source: SourceFile
    match: CNode | None
    score_terms: tuple[tuple[frozenset[int], float], ...]
    exclude: tuple[CompiledExclusion, ...]
    exceptions: tuple[CompiledException, ...]
    anchors: frozenset[int] | None
    policy: CorrelationPolicy
    exclude_titles: tuple[CNode, ...] = ()
    guards: frozenset[Guard] = frozenset()
    languages: frozenset[str] = frozenset()  # primary subtags ("en"), empty = any language
    near: tuple[tuple[frozenset[int], ...], int] | None = None  # conditions.proximity of the match

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass
class CompiledRuleSet:
    rules: list[CompiledRule]
    sequences: list[SequenceRule]
    patterns: PatternSet
    terms: list[str]
    version: str
    gate: Gate
    files: list[Path] = field(default_factory=list)
    gazetteer_files: list[Path] = field(default_factory=list)


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lower-case: "en-GB" -> "en"."""
    return tag.lower().split("-")[0]


class _TermTable:
    """Distinct terms get one id each, however many rules share them."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.locations: list[SourceLocation] = []

    def intern(self, term: str, where: SourceLocation) -> int:
        key = term if term.startswith("re:") else " ".join(term.lower().split())
        if key in self.ids:
            return self.ids[key]
        try:
            regex = term_to_regex(term)  # also rejects an empty term
            if term.startswith("re:"):
                PatternSet.check(regex)  # authors' own regexes are checked here, where the line is known
        except (PatternError, ValueError) as exc:
            raise RuleError(f"bad term {term!r}: {exc}", where) from exc
        self.ids[key] = len(self.terms)
        self.terms.append(term)
        self.locations.append(where)
        return self.ids[key]


class _RuleCompiler:
    def __init__(self, library: RuleLibrary, table: _TermTable) -> None:
        self.library = library
        self.table = table
        # Equal condition nodes are shared (one object per distinct subtree), so the detector's
        # per-sentence results, cached by node identity, serve every rule using the same vocabulary.
        self._nodes: dict[CNode, CNode] = {}

    def intern(self, node: CNode) -> CNode:
        return self._nodes.setdefault(node, node)

    def condition(
        self, cond: Condition, src: SourceFile, loc: tuple[str | int, ...], depth: int = 0
    ) -> CNode:
        where = src.locate(loc)
        if depth > 32:
            raise RuleError("conditions nest too deeply (macro cycle?)", where)
        if isinstance(cond, str):
            return self.term(cond, src, loc)
        if isinstance(cond, AnyOf):
            kids = tuple(self.condition(c, src, (*loc, "any", i), depth + 1) for i, c in enumerate(cond.any_))
            return self.intern(any_of(kids))
        if isinstance(cond, AllOf):
            kids = tuple(self.condition(c, src, (*loc, "all", i), depth + 1) for i, c in enumerate(cond.all_))
            return self.intern(all_of(kids, cond.within, cond.distinct))
        if isinstance(cond, NotOf):
            return self.intern(CNot(self.condition(cond.not_, src, (*loc, "not"), depth + 1)))
        if isinstance(cond, MacroRef):
            macro = self.library.macros.get(cond.macro)
            if macro is None:
                known = ", ".join(sorted(self.library.macros)) or "none"
                raise RuleError(f"unknown macro {cond.macro!r} (known: {known})", src.locate((*loc, "macro")))
            macro_src = self.library.macro_sources[cond.macro]
            return self.condition(macro, macro_src, ("macros", cond.macro), depth + 1)
        raise RuleError(f"unsupported condition {cond!r}", where)  # pragma: no cover

    def term(self, term: str, src: SourceFile, loc: tuple[str | int, ...]) -> CNode:
        ids = self.term_ids(term, src, loc)
        return self.intern(CTerm(ids[0]) if len(set(ids)) == 1 else CTerms(frozenset(ids)))

    def term_ids(self, term: str, src: SourceFile, loc: tuple[str | int, ...]) -> list[int]:
        where = src.locate(loc)
        if term.startswith("@"):
            name = term[1:]
            if name not in self.library.lists:
                known = ", ".join(sorted(self.library.lists)) or "none"
                raise RuleError(f"unknown list {term!r} (known: {known})", where)
            list_src = self.library.list_sources[name]
            return [self.table.intern(t, list_src.locate(("lists", name))) for t in self.library.lists[name]]
        return [self.table.intern(term, where)]


def _rule_version(rule: Rule, compiled_terms: list[str]) -> str:
    """Content hash of the rule as it runs: its fields plus the expanded vocabulary it uses."""
    payload = {"rule": rule.model_dump(mode="json", by_alias=True), "terms": compiled_terms}
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return f"sha256:{digest[:16]}"


def _terms_of(node: CNode | None, table: _TermTable) -> list[str]:
    if node is None:
        return []
    if isinstance(node, CTerm):
        return [table.terms[node.term_id]]
    if isinstance(node, CTerms):
        return sorted(table.terms[i] for i in node.term_ids)
    if isinstance(node, CNot):
        return ["not", *_terms_of(node.child, table)]
    out: list[str] = [type(node).__name__]
    for kid in node.children:
        out.extend(_terms_of(kid, table))
    return out


def _requirement(rule: CompiledRule) -> int | Needs | None:
    """What an item must contain for the rule to be worth evaluating (the gate's formula)."""
    match = needs(rule.match) if rule.match is not None else None
    threshold = rule.rule.score.threshold if rule.rule.score is not None else 0.0
    if not rule.score_terms or threshold <= 0:
        return match
    groups = tuple(Needs("or", tuple(sorted(ids))) for ids, _ in rule.score_terms)
    score = Needs("score", groups, tuple(w for _, w in rule.score_terms), threshold)
    return score if match is None else Needs("and", (match, score))


def compile_rule(loaded: LoadedRule, compiler: _RuleCompiler) -> CompiledRule:
    rule, src = loaded.rule, loaded.source
    match = compiler.condition(rule.match, src, ("match",)) if rule.match is not None else None
    score_terms: list[tuple[frozenset[int], float]] = []
    if rule.score is not None:
        for term, weight in rule.score.terms.items():
            ids = compiler.term_ids(term, src, ("score", "terms", term))
            score_terms.append((frozenset(ids), weight))
    exclude = tuple(
        CompiledExclusion(compiler.condition(c.sentence, src, ("exclude", i, "sentence")), True)
        if isinstance(c, SentenceExclusion)
        else CompiledExclusion(compiler.condition(c, src, ("exclude", i)), False)
        for i, c in enumerate(rule.exclude)
    )
    exclude_titles = tuple(
        compiler.condition(c, src, ("scope", "exclude_titles", i))
        for i, c in enumerate(rule.scope.exclude_titles)
    )
    exceptions = tuple(
        CompiledException(
            exc,
            compiler.intern(
                any_of(
                    tuple(
                        compiler.term(t, src, ("exceptions", i, "terms", j)) for j, t in enumerate(exc.terms)
                    )
                )
            )
            if exc.terms
            else None,
        )
        for i, exc in enumerate(rule.exceptions)
    )
    rule_anchors = anchors(match) if match is not None else None
    if rule.score is not None and match is None:
        rule_anchors = frozenset().union(*(ids for ids, _ in score_terms))
    vocab = _terms_of(match, compiler.table) + [
        compiler.table.terms[i] for ids, _ in score_terms for i in ids
    ]
    corr = rule.correlation
    policy = CorrelationPolicy(
        window_seconds=parse_duration(corr.corroborate.window),
        min_sources=corr.corroborate.min_sources,
        corroborated_severity=corr.corroborate.raise_to,
        cooldown_seconds=parse_duration(corr.suppress.cooldown),
        allowed_lateness_seconds=parse_duration(corr.allowed_lateness),
    )
    return CompiledRule(
        rule=rule,
        version=_rule_version(rule, vocab),
        source=src,
        match=match,
        score_terms=tuple(score_terms),
        exclude=exclude,
        exceptions=exceptions,
        anchors=rule_anchors,
        policy=policy,
        exclude_titles=exclude_titles,
        guards=frozenset(Guard(name) for name in rule.guards.enabled()),
        languages=frozenset(primary_language(x) for x in rule.scope.languages),
        near=proximity(match) if match is not None and not score_terms else None,
    )


def compile_library(
    library: RuleLibrary, *, collect: bool = False, earlier: Sequence[RuleError] = ()
) -> CompiledRuleSet:
    """Compile what was loaded; `earlier` load errors are reported together with compile errors."""
    errors: list[RuleError] = list(earlier)
    for name, terms, src in library.list_extensions:
        if name not in library.lists:
            err = RuleError(f"extend_lists names unknown list {name!r}", src.locate(("extend_lists", name)))
            if not collect:
                raise RuleErrors([err])
            errors.append(err)
            continue
        library.lists[name] = [*library.lists[name], *terms]
    loaded_rules = apply_overrides(library)
    table = _TermTable()
    compiler = _RuleCompiler(library, table)
    compiled: list[CompiledRule] = []
    for loaded in loaded_rules:
        try:
            compiled.append(compile_rule(loaded, compiler))
        except RuleError as exc:
            if not collect:
                raise RuleErrors([exc]) from exc
            errors.append(exc)
    if errors:
        raise RuleErrors(errors)
    for seq in library.sequences.values():
        unknown = [s for s in seq.rule.sequence.steps if s not in {c.rule.category for c in compiled}]
        if unknown:
            err = RuleError(
                f"sequence step(s) {unknown} name no category of a loaded rule",
                seq.source.locate(("sequence", "steps")),
            )
            raise RuleErrors([err])
    try:
        patterns = PatternSet(table.terms)
    except PatternError as exc:
        where = table.locations[exc.index]
        raise RuleErrors([RuleError(f"bad term {table.terms[exc.index]!r}: {exc}", where)]) from exc
    gate = Gate([_requirement(rule) for rule in compiled], table.terms)
    versions = sorted(f"{r.id}={r.version}" for r in compiled)
    versions += sorted(
        f"{s.rule.id}={hashlib.sha256(s.rule.model_dump_json().encode()).hexdigest()[:16]}"
        for s in library.sequences.values()
    )
    set_version = "sha256:" + hashlib.sha256("\n".join(versions).encode()).hexdigest()[:16]
    return CompiledRuleSet(
        rules=compiled,
        sequences=[s.rule for s in library.sequences.values()],
        patterns=patterns,
        terms=table.terms,
        version=set_version,
        files=list(library.files),
        gazetteer_files=list(library.gazetteer_files),
        gate=gate,
    )


def compile_paths(
    folders: Sequence[Path], local_folders: Sequence[Path] = (), *, collect: bool = False
) -> CompiledRuleSet:
    library, errors = load_library_partial(folders, local_folders, collect=collect)
    return compile_library(library, collect=collect, earlier=errors)
