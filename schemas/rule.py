"""The rule-file model: what a rule author may write in `rules/**/*.yaml`.

Why a pydantic model and not ad-hoc dict walking: the same model validates files at load time, gives
errors a path to the offending field, and exports the JSON Schema that editors use for completion
(`schemas/rule.schema.json`, kept current by a test).

Four kinds of file share one folder tree, told apart by their top-level keys:
- a rule (`id:` ... `match:`), one per file;
- a sequence rule (`sequence:`), signals of several categories in order for one place;
- a vocabulary file (`lists:` and/or `macros:`), shared by every rule;
- an override file (`overrides:`), for local deployments that tune shipped rules without editing them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from schemas.signal import Severity

ENGINE_VERSION = 1
RULE_ID_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$"
CATEGORY_PATTERN = r"^[a-z][a-z0-9_]*$"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
_DURATION = re.compile(r"^\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*$")

Term = Annotated[
    str,
    Field(
        min_length=1,
        description=(
            "A word or phrase, case-insensitive, matched on word boundaries. `*` is a wildcard for the "
            "rest of a word (`deploy*`); a hyphen also matches a space or nothing (`build-up`); "
            "`@name` stands for every term of a named list; `re:<regex>` is a linear-time regular "
            "expression (Hyperscan syntax; back-references and look-around are rejected at load)."
        ),
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


def parse_duration(value: str | int) -> int:
    """`24h`, `14d`, `1h30m`, `90s` or plain seconds -> seconds; windows are written for humans."""
    if isinstance(value, int):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return value
    match = _DURATION.match(value)
    if not match or not any(match.groups()):
        raise ValueError(f"not a duration: {value!r} (write e.g. 90s, 30m, 24h, 14d, 1h30m)")
    d, h, m, s = (int(g) if g else 0 for g in match.groups())
    return ((d * 24 + h) * 60 + m) * 60 + s


Duration = Annotated[str | int, Field(description="seconds, or a duration such as 30m, 24h, 14d")]


class AnyOf(_Strict):
    """True when any child matches in the sentence."""

    any_: list[Condition] = Field(alias="any", min_length=1)


class AllOf(_Strict):
    """True when every child matches in the same sentence; `within` N words makes it a proximity test."""

    all_: list[Condition] = Field(alias="all", min_length=1)
    within: int | None = Field(
        None, ge=1, le=200, description="every matched term lies within this many words of the others"
    )
    distinct: bool = Field(
        False,
        description="each child must be matched by words no other child uses: 'a pause in the fighting' "
        "then cannot be both the truce and the fighting",
    )


class NotOf(_Strict):
    """True when the child does not match anywhere in the sentence."""

    not_: Condition = Field(alias="not")


class MacroRef(_Strict):
    """A named condition from a vocabulary file's `macros:`."""

    macro: str = Field(pattern=NAME_PATTERN)


def _condition_kind(value: Any) -> str | None:
    """Pick the condition's kind from its shape, so a mistake yields one precise error, not five."""
    if isinstance(value, str):
        return "term"
    if isinstance(value, BaseModel):
        return {AnyOf: "any", AllOf: "all", NotOf: "not", MacroRef: "macro"}.get(type(value))
    if isinstance(value, list):
        return "any"
    if isinstance(value, dict):
        for key in ("any", "all", "not", "macro"):
            if key in value:
                return key
    return None


def _list_is_any(value: Any) -> Any:
    """A bare YAML list is shorthand for `any:` - the most common condition reads most simply."""
    return {"any": value} if isinstance(value, list) else value


Condition = Annotated[
    Annotated[Term, Tag("term")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[MacroRef, Tag("macro")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition is a term, or a mapping with one of: any, all, not, macro",
    ),
    BeforeValidator(_list_is_any),
    Field(
        description=(
            "a term, a list (any of), {any: [...]}, {all: [...], within: N}, {not: ...}, {macro: name}"
        )
    ),
]


class SentenceExclusion(_Strict):
    """An exclusion that vetoes wherever the sentence matches it, not only near the matched words.

    Why: a purpose or a setting is often named once, far from the words that fired ("soldiers went
    out to every district on Sunday ... ahead of next week's governorship election"); the default
    window keeps a clause about something else from vetoing a real report, so reaching the whole
    sentence is a choice the author makes per exclusion.
    """

    sentence: Condition


def _exclusion_kind(value: Any) -> str:
    if isinstance(value, SentenceExclusion) or (isinstance(value, dict) and "sentence" in value):
        return "sentence"
    return "condition"


Exclusion = Annotated[
    Annotated[SentenceExclusion, Tag("sentence")] | Annotated[Condition, Tag("condition")],
    Discriminator(_exclusion_kind),
    Field(
        description=(
            "a condition that vetoes the rule when it matches within 8 words of the matched words, or "
            "{sentence: condition} to veto wherever the sentence matches it"
        )
    ),
]


SENTENCE_GUARDS = ("negation", "denial", "hypothetical", "withdrawal", "peace_call", "history")


class GuardSwitches(_Strict):
    """Linguistic guards; each is on unless the rule turns it off (e.g. exercises allow `will`)."""

    negation: bool = True
    denial: bool = True
    hypothetical: bool = True
    withdrawal: bool = True
    peace_call: bool = True
    history: bool = True
    background: bool = Field(
        True,
        description=(
            "In a long article (a body of 1,200 characters or more), a category that rests on one sentence "
            "outside the headline, with no news anchor (a weekday, a date, 'this week', 'over the past ten "
            "days', an ongoing verb), is background and does not fire."
        ),
    )

    def enabled(self) -> list[str]:
        """The sentence guards that are on (the article-level `background` check is separate)."""
        return [name for name in SENTENCE_GUARDS if getattr(self, name)]


class ScoreSpec(_Strict):
    """Media-monitoring style: weighted terms, the sentence fires when the weights reach a threshold."""

    threshold: float = Field(gt=0)
    terms: dict[Term, float] = Field(min_length=1)


class SeverityStep(_Strict):
    at_least: float = Field(ge=0)
    severity: Severity


class QuantitySpec(_Strict):
    """What counts as a figure for this rule, and how figures raise severity."""

    units: list[str] = Field(default_factory=lambda: ["troops"], min_length=1)
    min: float | None = Field(
        None,
        ge=0,
        description=(
            "fire only when the sentence carries at least this many troops; unit counts convert to "
            "troop equivalents (battalion 500, BTG 800, regiment 1,500, brigade 3,000, division 10,000)"
        ),
    )
    severity: list[SeverityStep] = Field(default_factory=list)


class Scope(_Strict):
    """Where the rule applies; empty means everywhere."""

    places: list[str] = Field(default_factory=list, description="place codes or names, any of them")
    languages: list[str] = Field(default_factory=lambda: ["en"])
    sources: list[str] = Field(default_factory=list)
    exclude_sources: list[str] = Field(default_factory=list)
    exclude_titles: list[Condition] = Field(
        default_factory=list,
        description="items whose headline matches any of these are out of scope (e.g. exercise reports)",
    )


class RuleException(_Strict):
    """A known, benign situation (e.g. an announced annual exercise by a named actor).

    Operators add entries through an override file (`append: {exceptions: [...]}`) instead of editing
    the rule; an exception holds when every field it sets matches in the evidence sentence.
    """

    name: str = Field(pattern=NAME_PATTERN)
    description: str = ""
    terms: list[Term] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> RuleException:
        if not (self.terms or self.actors or self.places):
            raise ValueError("an exception needs at least one of terms, actors, places")
        return self


class Corroborate(_Strict):
    min_sources: int = Field(3, ge=2)
    window: Duration = "24h"
    raise_to: Severity | None = Field(None, description="severity once corroborated; default one step up")


class Suppress(_Strict):
    cooldown: Duration = "12h"


class CorrelationSpec(_Strict):
    """Keys for the correlate stage; the situation is (category, place)."""

    corroborate: Corroborate = Field(default_factory=lambda: Corroborate())
    suppress: Suppress = Field(default_factory=lambda: Suppress())
    allowed_lateness: Duration = "6h"

    @field_validator("allowed_lateness")
    @classmethod
    def _duration_ok(cls, value: str | int) -> str | int:
        parse_duration(value)
        return value


class RuleTestCase(_Strict):
    text: str = Field(min_length=1)
    title: str = ""
    quantity_at_least: float | None = None
    place: str | None = None


RuleTestInput = Annotated[
    str | RuleTestCase, Field(description="a text, or {text, quantity_at_least, place}")
]


class RuleTests(_Strict):
    fire: list[RuleTestInput] = Field(default_factory=list, description="texts this rule must fire on")
    quiet: list[RuleTestInput] = Field(default_factory=list, description="texts it must stay quiet on")


class RuleStatus(StrEnum):
    STABLE = "stable"
    TEST = "test"
    EXPERIMENTAL = "experimental"
    DEPRECATED = "deprecated"

    @property
    def publishes(self) -> bool:
        """Shadow rules are evaluated and counted but publish nothing to alert topics."""
        return self is RuleStatus.STABLE


class Rule(_Strict):
    """One detection rule. Every rule is evaluated on every item: there is no first-match-wins."""

    engine: int = Field(ENGINE_VERSION, description="rule-language version this file is written for")
    id: str = Field(pattern=RULE_ID_PATTERN, description="<category>.<slug>; the slug is the file stem")
    title: str = Field(min_length=3)
    category: str = Field(pattern=CATEGORY_PATTERN)
    severity: Severity
    status: RuleStatus = RuleStatus.STABLE
    description: str = Field(min_length=10)
    author: str = ""
    references: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list, description="e.g. cameo.154 (mobilising armed forces)")
    match: Condition | None = None
    score: ScoreSpec | None = None
    exclude: list[Exclusion] = Field(
        default_factory=list,
        description="a sentence matching any of these near the matched words (or anywhere, for "
        "{sentence: ...}) never fires this rule",
    )
    guards: GuardSwitches = Field(default_factory=GuardSwitches)
    quantity: QuantitySpec | None = None
    scope: Scope = Field(default_factory=Scope)
    exceptions: list[RuleException] = Field(default_factory=list)
    correlation: CorrelationSpec = Field(default_factory=CorrelationSpec)
    tests: RuleTests = Field(default_factory=RuleTests)

    @model_validator(mode="after")
    def _has_matcher(self) -> Rule:
        if self.match is None and self.score is None:
            raise ValueError("a rule needs `match`, `score`, or both")
        if self.engine > ENGINE_VERSION:
            raise ValueError(f"written for rule engine {self.engine}; this Tripwire runs {ENGINE_VERSION}")
        return self


class SequenceSpec(_Strict):
    steps: list[str] = Field(min_length=2, description="categories, in the order they must be seen")
    within: Duration = "14d"
    same: Literal["place"] = "place"


class SequenceRule(_Strict):
    """Signals of several categories, in order, for one place within a span raise one higher alert."""

    engine: int = ENGINE_VERSION
    id: str = Field(pattern=RULE_ID_PATTERN)
    title: str = Field(min_length=3)
    category: str = Field("escalation_sequence", pattern=CATEGORY_PATTERN)
    severity: Severity = Severity.CRITICAL
    status: RuleStatus = RuleStatus.STABLE
    description: str = Field(min_length=10)
    tags: list[str] = Field(default_factory=list)
    sequence: SequenceSpec


class VocabularyFile(_Strict):
    """Shared vocabulary: term lists first, then macros (named conditions), as in Falco."""

    engine: int = ENGINE_VERSION
    lists: dict[str, list[Term]] = Field(default_factory=dict)
    extend_lists: dict[str, list[Term]] = Field(
        default_factory=dict, description="add terms to a list defined elsewhere (local files)"
    )
    macros: dict[str, Condition] = Field(default_factory=dict)

    @field_validator("lists", "extend_lists", "macros")
    @classmethod
    def _names(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name in value:
            if not re.match(NAME_PATTERN, name):
                raise ValueError(f"list/macro name {name!r} must be lower_snake_case")
        return value


class OverrideAppend(_Strict):
    exclude: list[Exclusion] = Field(default_factory=list)
    exceptions: list[RuleException] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class OverrideSet(_Strict):
    severity: Severity | None = None
    status: RuleStatus | None = None
    title: str | None = None
    description: str | None = None
    guards: GuardSwitches | None = None
    quantity: QuantitySpec | None = None
    scope: Scope | None = None
    correlation: CorrelationSpec | None = None


class Override(_Strict):
    """Select shipped rules by id, tag or category, then disable, set fields, or append to them."""

    id: str | None = None
    tag: str | None = None
    category: str | None = None
    disable: bool = False
    set: OverrideSet | None = None
    append: OverrideAppend | None = None

    @model_validator(mode="after")
    def _selects(self) -> Override:
        if not (self.id or self.tag or self.category):
            raise ValueError("an override selects rules by `id`, `tag` or `category`")
        if not (self.disable or self.set or self.append):
            raise ValueError("an override must `disable`, `set` or `append` something")
        return self


class OverrideFile(_Strict):
    engine: int = ENGINE_VERSION
    overrides: list[Override] = Field(min_length=1)


AnyOf.model_rebuild()
AllOf.model_rebuild()
NotOf.model_rebuild()
