"""Compiled condition trees and their evaluation inside one sentence.

A condition evaluates to *instances*: alternative sets of matched spans that satisfy it. The detector
tries the instances in order and keeps the first one no guard suppresses, so "troops are not massing
here, but 10,000 troops have massed there" still fires on the second clause.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import product

Span = tuple[int, int]
Instance = tuple[Span, ...]
SentenceHits = Mapping[int, list[Span]]
WordOf = Callable[[int], int]

MAX_INSTANCES = 12
MAX_CHILD_INSTANCES = 6  # per child of an `all`: enough alternatives, bounded product


@dataclass(frozen=True, slots=True)
class CTerm:
    term_id: int


@dataclass(frozen=True, slots=True)
class CTerms:
    """Any of a set of terms: a list or an `any` of plain terms, evaluated by set lookup.

    Why: vocabulary lists hold hundreds of terms; testing the few terms present in a sentence
    against a set costs far less than visiting every term of the list.
    """

    term_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class CAny:
    children: tuple[CNode, ...]


@dataclass(frozen=True, slots=True)
class CAll:
    children: tuple[CNode, ...]
    within: int | None = None
    distinct: bool = False  # children may not share words (AllOf.distinct)
    # One anchor set per child that has one (see `anchors`), smallest first: an `all` is ruled out
    # without evaluating any child when a sentence has none of some child's anchors. Derived from
    # `children`; build nodes with `all_of` so it is filled in.
    required: tuple[frozenset[int], ...] = ()


@dataclass(frozen=True, slots=True)
class CNot:
    child: CNode


CNode = CTerm | CTerms | CAny | CAll | CNot


def any_of(children: tuple[CNode, ...]) -> CNode:
    """An `any` node with every plain-term child merged into one set node."""
    ids: set[int] = set()
    rest: list[CNode] = []
    for kid in children:
        if isinstance(kid, CTerm):
            ids.add(kid.term_id)
        elif isinstance(kid, CTerms):
            ids |= kid.term_ids
        else:
            rest.append(kid)
    if ids:
        rest.insert(0, CTerm(next(iter(ids))) if len(ids) == 1 else CTerms(frozenset(ids)))
    return rest[0] if len(rest) == 1 else CAny(tuple(rest))


def all_of(children: tuple[CNode, ...], within: int | None = None, distinct: bool = False) -> CAll:
    """An `all` node with its children's anchor sets precomputed (CAll.required)."""
    sets = [a for a in (anchors(kid) for kid in children) if a is not None]
    return CAll(children, within, distinct, tuple(sorted(sets, key=len)))


def anchors(node: CNode) -> frozenset[int] | None:
    """Terms of which at least one must occur for the node to hold; None when no such set exists.

    Lets the detector skip every rule none of whose anchor terms occur in the text.
    """
    if isinstance(node, CTerm):
        return frozenset((node.term_id,))
    if isinstance(node, CTerms):
        return node.term_ids
    if isinstance(node, CNot):
        return None
    if isinstance(node, CAny):
        out: set[int] = set()
        for kid in node.children:
            kid_anchors = anchors(kid)
            if kid_anchors is None:
                return None
            out |= kid_anchors
        return frozenset(out)
    options = [a for a in (anchors(kid) for kid in node.children) if a is not None]
    return min(options, key=len) if options else None


@dataclass(frozen=True, slots=True)
class Needs:
    """What an item must contain, anywhere, for a node to hold: a boolean formula over term ids.

    `op` is "and" or "or" over `parts` (term ids or nested formulas), or "score": the `weights` of
    the parts that hold must reach `threshold`. Proximity, sentences and `not` are ignored, so the
    formula is necessary, not sufficient: only rules whose formula holds for the terms found in an
    item are evaluated sentence by sentence.
    """

    op: str
    parts: tuple[int | Needs, ...]
    weights: tuple[float, ...] = ()
    threshold: float = 0.0


def needs(node: CNode) -> int | Needs | None:
    """The formula for `node`; None when nothing is required (a bare `not`)."""
    if isinstance(node, CTerm):
        return node.term_id
    if isinstance(node, CTerms):
        ids = sorted(node.term_ids)
        return ids[0] if len(ids) == 1 else Needs("or", tuple(ids))
    if isinstance(node, CNot):
        return None
    kids = [needs(kid) for kid in node.children]
    if isinstance(node, CAny):
        if any(k is None for k in kids):
            return None
        return Needs("or", tuple(k for k in kids if k is not None))
    required = tuple(k for k in kids if k is not None)
    if not required:
        return None
    return required[0] if len(required) == 1 else Needs("and", required)


def proximity(node: CNode) -> tuple[tuple[frozenset[int], ...], int] | None:
    """For a top-level `all` with `within`: the anchor set of each child and the word limit.

    Any instance of the node contains one anchor hit per child, and its width is at least that of
    those hits, so two children with no anchor hits within the limit rule the node out before the
    text is split into sentences.
    """
    if not isinstance(node, CAll) or node.within is None:
        return None
    sets = tuple(a for a in (anchors(kid) for kid in node.children) if a is not None)
    return (sets, node.within) if len(sets) >= 2 else None


def evaluate(
    node: CNode, hits: SentenceHits, word_of: WordOf, memo: dict[int, list[Instance]] | None = None
) -> list[Instance]:
    """The instances satisfying `node` in a sentence, tightest first; [] when it does not hold.

    `memo`, when given, caches results by node identity for one `hits` mapping (one sentence): rules
    share vocabulary nodes and the detector asks for exclusions once per instance. Returned lists
    are shared and must not be mutated.
    """
    if memo is not None:
        found_memo = memo.get(id(node))
        if found_memo is None:
            found_memo = memo[id(node)] = _evaluate(node, hits, word_of, memo)
        return found_memo
    return _evaluate(node, hits, word_of, None)


_FAR = 1 << 60


def _evaluate(
    node: CNode, hits: SentenceHits, word_of: WordOf, memo: dict[int, list[Instance]] | None
) -> list[Instance]:
    if isinstance(node, CTerm):
        singles: list[Instance] = [(span,) for span in hits.get(node.term_id, ())]
        return singles[:MAX_INSTANCES]
    if isinstance(node, CTerms):
        wanted = node.term_ids
        ordered = sorted([span for tid in wanted.intersection(hits) for span in hits[tid]])
        return [(span,) for span in ordered[:MAX_INSTANCES]]
    if isinstance(node, CNot):
        return [] if evaluate(node.child, hits, word_of, memo) else [()]
    if isinstance(node, CAny):
        found: list[Instance] = []
        keys = hits.keys()
        for kid in node.children:
            if isinstance(kid, CAll):
                # An `all` missing some child's anchors holds nowhere: ruled out here, without the
                # call and the memo entry (most alternatives of a rule's `any` end so).
                for required in kid.required:
                    if keys.isdisjoint(required):
                        break
                else:
                    found.extend(evaluate(kid, hits, word_of, memo))
                continue
            found.extend(evaluate(kid, hits, word_of, memo))
        found.sort(key=lambda inst: inst[0][0] if inst else -1)
        return found[:MAX_INSTANCES]
    keys = hits.keys()  # (a keys view tests the smaller side of a disjointness check)
    for required in node.required:
        if keys.isdisjoint(required):
            return []  # some child has none of its anchor terms in the sentence
    # Each child instance carries the word number of its earliest span end and of its latest span
    # start, so a combination's width is one min and one max, and only combinations within reach
    # are merged. Same widths, order and ties as merging every combination and measuring it.
    options: list[list[tuple[Instance, int, int]]] = []
    # Two children are merged pair by pair, cheaply, so each keeps all its instances: a long sentence
    # naming many forces ("columns of carriers and howitzers, along with troops ... two battalions, had
    # moved") must not lose the one next to the verb. Wider formulas keep fewer, to bound the product.
    cap = MAX_INSTANCES if len(node.children) == 2 else MAX_CHILD_INSTANCES
    for kid in node.children:
        kid_instances = evaluate(kid, hits, word_of, memo)
        if not kid_instances:
            return []
        options.append([_extent(inst, word_of) for inst in kid_instances[:cap]])
    within = node.within
    distinct = node.distinct
    combined: list[tuple[int, Instance]] = []
    if len(options) == 2:
        first, second = options
        for a, a_end, a_start in first:
            for b, b_end, b_start in second:
                width = (a_start if a_start > b_start else b_start) - (a_end if a_end < b_end else b_end) - 1
                if width < 0:
                    width = 0
                if within is not None and width > within:
                    continue
                if distinct and _overlap(a, b):
                    continue
                combined.append((width, tuple(sorted({*a, *b}))))
    else:
        for choice in product(*options):
            width = max(0, max(c[2] for c in choice) - min(c[1] for c in choice) - 1)
            if within is not None and width > within:
                continue
            if distinct and any(_overlap(x[0], y[0]) for i, x in enumerate(choice) for y in choice[i + 1 :]):
                continue
            combined.append((width, tuple(sorted({span for inst, _, _ in choice for span in inst}))))
    combined.sort(key=lambda pair: (pair[0], pair[1][0] if pair[1] else -1))
    return [merged for _, merged in combined[:MAX_INSTANCES]]


def _overlap(a: Instance, b: Instance) -> bool:
    """Whether two children's instances share text. Only an `all` marked `distinct` checks it: by
    default a phrase may serve two children on purpose ("military exercises" is both the exercise
    and its military qualifier), while "cease-fire" must not also be the fire."""
    for s1, e1 in a:
        for s2, e2 in b:
            if s1 < e2 and s2 < e1:
                return True
    return False


def _extent(inst: Instance, word_of: WordOf) -> tuple[Instance, int, int]:
    """(instance, word of its earliest span end, word of its latest span start); far sentinels when
    empty, so they never decide a min or max and an all-empty combination has width 0."""
    if not inst:
        return inst, _FAR, -1
    if len(inst) == 1:
        s, e = inst[0]
        return inst, word_of(e - 1 if e - 1 > s else s), word_of(s)
    return (
        inst,
        min(word_of(max(e - 1, s)) for s, e in inst),
        max(word_of(s) for s, _ in inst),
    )
