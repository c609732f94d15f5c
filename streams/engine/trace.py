"""What the detector saw and decided, for `tripwire rules explain` and rule tests' failure reports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RuleTrace:
    """One rule's story on one text: the sentences it fired on and every reason it stayed quiet."""

    rule_id: str
    fired: list[tuple[str, list[str]]] = field(default_factory=list)
    suppressed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Trace:
    """Collects RuleTraces; passing one to Detector.detect costs nothing when it is not passed."""

    terms: list[tuple[str, str, int]] = field(default_factory=list)
    rules: dict[str, RuleTrace] = field(default_factory=dict)

    def rule(self, rule_id: str) -> RuleTrace:
        if rule_id not in self.rules:
            self.rules[rule_id] = RuleTrace(rule_id)
        return self.rules[rule_id]
