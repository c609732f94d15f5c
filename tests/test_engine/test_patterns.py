"""Terms become word-bounded, hyphen-tolerant patterns; unsafe regexes are refused at compile time."""

from __future__ import annotations

import pytest

from streams.engine.patterns import PatternError, PatternSet, scan_form


def _matches(term: str, text: str) -> list[str]:
    patterns = PatternSet([term])
    return [text[start:end] for _, start, end in patterns.scan(scan_form(text.lower()))]


def test_wildcard_matches_rest_of_word() -> None:
    assert _matches("deploy*", "they deployed and are deploying") == ["deployed", "deploying"]


def test_terms_are_word_bounded() -> None:
    assert _matches("troops", "troopship troops") == ["troops"]


def test_hyphen_matches_space_or_nothing() -> None:
    assert _matches("build-up", "a build-up, a build up and a buildup") == ["build-up", "build up", "buildup"]


def test_phrases_match_across_line_breaks_and_hyphens() -> None:
    assert _matches("military buildup", "the military\nbuildup and the military-buildup") == [
        "military\nbuildup",
        "military-buildup",
    ]


def test_inner_wildcards_fall_back_to_a_regex() -> None:
    assert _matches("deploy* troops", "they deployed troops") == ["deployed troops"]


def test_regex_terms_pass_through() -> None:
    assert _matches(r"re:\d+ troops", "some 500 troops") == ["500 troops"]
    assert _matches(r"re:\d+ troops", "troops") == []


def test_backreference_is_refused() -> None:
    with pytest.raises(PatternError, match="linear-time"):
        PatternSet.check(r"(mass)\s+\1")


def test_special_characters_are_literal() -> None:
    assert _matches("u.s. forces", "u.s. forces and uxsx forces") == ["u.s. forces"]


def test_gate_keeps_only_rules_whose_required_terms_all_occur() -> None:
    from streams.engine.conditions import Needs
    from streams.engine.patterns import Gate

    # rule 0: (t0 or t1) and t2; rule 1: t3 alone; rule 2: nothing required; rule 3: weights 2+1+1 >= 3
    gate = Gate(
        [
            Needs("and", (Needs("or", (0, 1)), 2)),
            3,
            None,
            Needs("score", (4, 5, 6), (2.0, 1.0, 1.0), 3.0),
        ]
    )
    assert gate.candidates({1, 2}) == {0, 2}
    assert gate.candidates({0}) == {2}
    assert gate.candidates({3, 4, 5}) == {1, 2, 3}
    assert gate.candidates({5, 6}) == {2}  # 1 + 1 < 3


def test_gate_indexes_a_rule_under_its_uncommon_words() -> None:
    from streams.engine.conditions import Needs
    from streams.engine.patterns import Gate

    terms = ["said", "more", "troops", "soldiers"]
    gate = Gate([Needs("and", (Needs("or", (0, 1)), Needs("or", (2, 3))))], terms)
    assert gate.candidates({0, 2}) == {0}
    assert 0 not in gate._index and 2 in gate._index  # looked up from "troops", not from "said"


def test_gate_sentences_agree_with_holds_sentence_by_sentence() -> None:
    from streams.engine.conditions import Needs
    from streams.engine.patterns import Gate, TermSentences, sentence_indices

    gate = Gate(
        [
            Needs("and", (Needs("or", (0, 1)), 2)),
            Needs("or", (3, Needs("and", (0, 2)))),
            None,
            Needs("score", (4, 5, 6), (2.0, 1.0, 1.0), 3.0),
        ]
    )
    sentences = [{0, 2}, {1}, {2, 3}, {4, 5}, {5, 6}, {1, 2, 4, 6}]
    masks: dict[int, int] = {}
    for idx, terms in enumerate(sentences):
        for term in terms:
            masks[term] = masks.get(term, 0) | 1 << idx
    where = TermSentences(masks)
    among = 0b111110  # every sentence but the first
    for rule in range(4):
        expected = [i for i in range(1, 6) if gate.holds(rule, sentences[i])]
        assert list(sentence_indices(gate.sentences(rule, where, among))) == expected
