"""Condition trees: any/all/not, proximity and the anchors that let the detector skip rules."""

from __future__ import annotations

from streams.engine.conditions import CAll, CAny, CNot, CTerm, all_of, anchors, evaluate


def word_of(offset: int) -> int:
    # Test texts use one character per word slot of width 10, so word n starts at 10 * n.
    return offset // 10


def test_term_gives_one_instance_per_span() -> None:
    assert evaluate(CTerm(1), {1: [(0, 5), (20, 25)]}, word_of) == [((0, 5),), ((20, 25),)]


def test_any_holds_when_one_child_holds() -> None:
    node = CAny((CTerm(1), CTerm(2)))
    assert evaluate(node, {2: [(30, 35)]}, word_of) == [((30, 35),)]
    assert evaluate(node, {3: [(0, 1)]}, word_of) == []


def test_all_needs_every_child() -> None:
    node = CAll((CTerm(1), CTerm(2)))
    assert evaluate(node, {1: [(0, 5)]}, word_of) == []
    assert evaluate(node, {1: [(0, 5)], 2: [(40, 45)]}, word_of) == [((0, 5), (40, 45))]


def test_within_counts_words_between_terms() -> None:
    hits = {1: [(0, 5)], 2: [(40, 45)]}  # words 0 and 4: three words between
    assert evaluate(CAll((CTerm(1), CTerm(2)), within=3), hits, word_of)
    assert evaluate(CAll((CTerm(1), CTerm(2)), within=2), hits, word_of) == []


def test_distinct_children_may_not_share_words() -> None:
    # Term 1 is a phrase at 0-25 ("a pause in the fighting"); term 2 is a word inside it ("fighting")
    # and again later in the sentence.
    inside = {1: [(0, 25)], 2: [(20, 25)]}
    assert evaluate(CAll((CTerm(1), CTerm(2))), inside, word_of) == [((0, 25), (20, 25))]
    assert evaluate(CAll((CTerm(1), CTerm(2)), distinct=True), inside, word_of) == []
    later = {1: [(0, 25)], 2: [(20, 25), (60, 65)]}
    assert evaluate(CAll((CTerm(1), CTerm(2)), distinct=True), later, word_of) == [((0, 25), (60, 65))]


def test_within_picks_the_tightest_pair() -> None:
    hits = {1: [(0, 5), (90, 95)], 2: [(110, 115)]}
    (best, *_) = evaluate(CAll((CTerm(1), CTerm(2)), within=2), hits, word_of)
    assert best == ((90, 95), (110, 115))


def test_not_holds_only_when_child_is_absent() -> None:
    node = CAll((CTerm(1), CNot(CTerm(2))))
    assert evaluate(node, {1: [(0, 5)]}, word_of) == [((0, 5),)]
    assert evaluate(node, {1: [(0, 5)], 2: [(10, 15)]}, word_of) == []


def test_anchors_of_all_take_the_smallest_child_set() -> None:
    node = CAll((CAny((CTerm(1), CTerm(2), CTerm(3))), CTerm(4)))
    assert anchors(node) == frozenset({4})


def test_anchors_of_any_union_children_and_not_has_none() -> None:
    assert anchors(CAny((CTerm(1), CTerm(2)))) == frozenset({1, 2})
    assert anchors(CNot(CTerm(1))) is None
    assert anchors(CAny((CTerm(1), CNot(CTerm(2))))) is None


def test_all_of_rules_out_a_sentence_missing_a_childs_anchors_with_the_same_result() -> None:
    node = all_of((CAny((CTerm(1), CTerm(2))), CTerm(3)), within=4)
    assert node.required == (frozenset({3}), frozenset({1, 2}))
    plain = CAll(node.children, within=4)
    with_all = {1: [(0, 5)], 3: [(20, 25)]}
    assert evaluate(node, with_all, word_of) == evaluate(plain, with_all, word_of) != []
    missing = {1: [(0, 5)], 2: [(10, 15)]}
    assert evaluate(node, missing, word_of) == evaluate(plain, missing, word_of) == []


def test_a_pair_keeps_every_instance_of_a_child_named_many_times() -> None:
    """A sentence listing many forces before the verb still pairs the one beside it with the verb."""
    forces = [(10 * n, 10 * n + 5) for n in range(10)]  # words 0-9: ten force nouns in a row
    hits = {1: forces, 2: [(110, 115)]}  # the verb at word 11, one word after the last of them
    assert evaluate(CAll((CTerm(1), CTerm(2)), within=1), hits, word_of) == [((90, 95), (110, 115))]
