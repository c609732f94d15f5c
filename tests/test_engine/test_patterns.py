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
