"""Lint findings beyond schema validity: plain records with a level, not exceptions (as in pySigma)."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.errors import SourceLocation
from streams.engine.detector import Detector

STOP_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "to", "and", "or", "is", "was", "it", "at", "by"})


@dataclass(frozen=True)
class LintFinding:
    level: str  # "error" | "warning"
    location: SourceLocation
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.location}: {self.message}"


def lint_library(detector: Detector) -> list[LintFinding]:
    findings: list[LintFinding] = []
    regex_terms = detector.ruleset.patterns.regex_term_ids
    for index, compiled in enumerate(detector.rules):
        rule, src = compiled.rule, compiled.source
        category, _, slug = rule.id.partition(".")
        if category != rule.category:
            findings.append(LintFinding("error", src.locate(("id",)), f"id prefix {category!r} != category"))
        if src.path.stem != slug and not src.local:
            findings.append(
                LintFinding(
                    "warning", src.locate(("id",)), f"file stem {src.path.stem!r} differs from slug {slug!r}"
                )
            )
        if not rule.tests.fire:
            findings.append(
                LintFinding("error", src.locate(("tests",)), "no `fire` test: add a text it must fire on")
            )
        if not rule.tests.quiet:
            findings.append(
                LintFinding(
                    "error", src.locate(("tests",)), "no `quiet` test: add a text it must stay quiet on"
                )
            )
        if not rule.guards.enabled():
            findings.append(LintFinding("warning", src.locate(("guards",)), "every linguistic guard is off"))
        if compiled.anchors is None:
            findings.append(
                LintFinding("warning", src.locate(("match",)), "no anchor term: the rule runs on every item")
            )
        elif regex_terms and detector.ruleset.gate.holds(index, regex_terms):
            # The gate assumes regex terms present until the regex pass has run; a rule that regexes
            # alone can satisfy makes that pass run on every item (pair the regex with a word).
            findings.append(
                LintFinding(
                    "warning",
                    src.locate(("match",)),
                    "can match on regex terms alone, so every item pays for the regex pass: "
                    "pair the regex with a literal word it contains (all: [word, \"re:...\"])",
                )
            )
    for term in detector.ruleset.terms:
        if term.lower() in STOP_WORDS:
            findings.append(LintFinding("warning", SourceLocation("rules"), f"term {term!r} is a stop word"))
    return findings
