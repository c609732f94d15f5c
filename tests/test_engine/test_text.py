"""Tests for streams.engine.text: folding, sentence spans and word numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.engine.text import WordIndex, fold, fold_cased, split_sentences

# ---------------------------------------------------------------------------------------------------
# fold
# ---------------------------------------------------------------------------------------------------


@given(st.text())
@settings(max_examples=400)
def test_fold_keeps_length_and_is_lowercase_ascii(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.isascii()
    assert folded == folded.lower()


@given(st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x10FFFF)))
@settings(max_examples=300)
def test_fold_keeps_length_for_non_ascii_only_text(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert len(fold_cased(text)) == len(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_fold_of_ascii_is_lower(text: str) -> None:
    assert fold(text) == text.lower()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Kyiv\u2019s", "kyiv's"),
        ("\u2018quoted\u2019 \u201cdouble\u201d \u201elow\u201d", '\'quoted\' "double" "low"'),
        ("a\u2013b\u2014c\u2011d\u2012e\u2015f", "a-b-c-d-e-f"),
        ("10\u00a0000\u2009troops\u202fnow", "10 000 troops now"),
        (
            "Zelenskyy in Zaporizhzhia: Fran\u00e7ois, Mu\u00f1oz, Sa\u00efd",
            "zelenskyy in zaporizhzhia: francois, munoz, said",
        ),
        ("\u0141\u00f3d\u017a Stra\u00dfe \u00d8resund \u00c6gir", "lodz strase oresund agir"),
        ("wait\u2026", "wait."),
    ],
)
def test_fold_examples(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_other_scripts_stay_words() -> None:
    folded = fold("\u0420\u043e\u0441\u0441\u0438\u044f and \u4e2d\u56fd")
    assert re.fullmatch(r"\w{6} and \w{2}", folded)
    assert fold_cased("\u0420\u043e\u0441\u0441\u0438\u044f")[0] == "X"


def test_fold_separators_and_symbols() -> None:
    assert fold("a\u2028b") == "a\nb"
    assert fold("\u200b")[0].isspace()  # zero-width space
    assert fold("\u20ac5") == "$5"  # currency
    assert not fold("\u2665")[0].isalnum()  # other symbols are not word characters
    assert fold("\U0001f600x") == "#x"  # astral character, still one position


def test_fold_cased_keeps_case() -> None:
    assert fold_cased("\u00c9MIGR\u00c9 \u201cUS\u201d") == 'EMIGRE "US"'


# ---------------------------------------------------------------------------------------------------
# split_sentences
# ---------------------------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_simple_sentences() -> None:
    assert sentences("Troops moved north. Tanks followed! Why now? Nobody knows.") == [
        "Troops moved north.",
        "Tanks followed!",
        "Why now?",
        "Nobody knows.",
    ]


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t ") == []


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army sent a brigade to the region.",
        "The U.K. Ministry of Defence confirmed it.",
        "A U.N. Security Council meeting was called.",
        "E.U. Foreign Ministers met in Brussels.",
        "Gen. Ivanov and Lt. Petrov inspected the units.",
        "Col. Mark Hale, Maj. Anne Lee and Capt. Tom Ruiz were present.",
        "Sgt. Diaz and Adm. Kole briefed Mr. Brown, Mrs. Green and Ms. White.",
        "Dr. Alvarez and Prof. Lindqvist spoke at St. Mary's hall.",
        "The drills began on Feb. 24 and ended Mar. 3.",
        "They were held in Jan. 2022, Apr. 2021, Aug. 2020 and Sept. 2019.",
        "Talks resumed Sep. 5, Oct. 7, Nov. 9 and Dec. 11.",
        "Resolution No. 2231 and Nos. 4 and 5 were cited in Vol. 3.",
        "The force had approx. 4,000 troops and est. 300 vehicles.",
        "Rockets hit Border dist. 06DEC despite the truce; 2 Bn. HQ staff wounded.",
        "Some units, e.g. Marines, were moved; others, i.e. Reserves, stayed.",
        "Tanks, trucks, etc. were moved overnight.",
        "It was Ukraine vs. Russia at the talks.",
        "Acme Inc. Chief Executive Pat Doe and Widget Ltd. Director Sam Roe spoke.",
        "Shipbuilder Co. Chairman and Arms Corp. Vice President met Jr. Staff.",
        "Sam Smith Sr. Adviser and Tim Smith Jr. Analyst attended.",
        "Analyst J. R. Smith wrote the report.",
        "Growth was 1.5 percent and the index rose 2.75 points.",
        "U.S.-led forces moved closer to the border.",
        "He paused... and then the shelling resumed.",
    ],
)
def test_not_a_boundary(text: str) -> None:
    assert split_sentences(text) == [(0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops left the U.S. The move was expected.", ["Troops left the U.S.", "The move was expected."]),
        ("It said \u201cWe will respond.\u201d The army mobilised.", None),
        ('He said: "Stop!" Then the firing began.', ['He said: "Stop!"', "Then the firing began."]),
        (
            "The shelling stopped (briefly.) Later it resumed.",
            ["The shelling stopped (briefly.)", "Later it resumed."],
        ),
        ("Talks failed. 12 people were hurt.", ["Talks failed.", "12 people were hurt."]),
        ("It ended... Then war came.", ["It ended...", "Then war came."]),
        ("Units moved in 2014. The conflict grew.", ["Units moved in 2014.", "The conflict grew."]),
        ("Tanks, trucks, etc. Soldiers followed.", ["Tanks, trucks, etc.", "Soldiers followed."]),
        ("What now?! Nobody said.", ["What now?!", "Nobody said."]),
    ],
)
def test_boundary(text: str, expected: list[str] | None) -> None:
    got = sentences(text)
    if expected is None:
        assert len(got) == 2
    else:
        assert got == expected


def test_headline_dateline_and_blank_lines() -> None:
    text = (
        "Border tensions rise as troops mass\n"
        "KYIV, March 3\n"
        "Russia has moved more units toward the frontier.\n\n"
        "Officials in the capital said the build-up\n"
        "continued overnight and into the morning.\n\n"
        "Analysis"
    )
    assert sentences(text) == [
        "Border tensions rise as troops mass",
        "KYIV, March 3",
        "Russia has moved more units toward the frontier.",
        "Officials in the capital said the build-up\ncontinued overnight and into the morning.",
        "Analysis",
    ]


def test_wrapped_lines_join() -> None:
    text = (
        "Columns of armour were seen moving along the\nUkrainian border, with support\n"
        "units trailing,\nwitnesses said."
    )
    assert sentences(text) == [text]


def test_bullets_are_own_sentences() -> None:
    text = (
        "Key points:\n- troops massed near the border\n- ships left port\n1. drills began\n2) talks stalled"
    )
    assert sentences(text) == [
        "Key points:",
        "- troops massed near the border",
        "- ships left port",
        "1. drills began",
        "2) talks stalled",
    ]


def test_windows_newlines_and_unicode_separators() -> None:
    assert sentences("Headline here\r\nBody starts.\r\n\r\nNext para.") == [
        "Headline here",
        "Body starts.",
        "Next para.",
    ]
    assert sentences("One line\u2029Other line") == ["One line", "Other line"]


def test_curly_quotes_close_sentences() -> None:
    text = "\u201cWe are ready,\u201d he said. \u201cThe drills start now.\u201d Troops cheered."
    assert sentences(text) == [
        "\u201cWe are ready,\u201d he said.",
        "\u201cThe drills start now.\u201d",
        "Troops cheered.",
    ]


def test_spans_are_trimmed() -> None:
    text = "   First one.   Second one.  \n\n  Third  "
    for a, b in split_sentences(text):
        assert text[a:b] == text[a:b].strip()
    assert sentences(text) == ["First one.", "Second one.", "Third"]


_ABBREVIATIONS = [
    "U.S.",
    "U.K.",
    "U.N.",
    "E.U.",
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    "Adm.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "St.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "No.",
    "Nos.",
    "Vol.",
    "approx.",
    "est.",
    "e.g.",
    "i.e.",
    "vs.",
    "Inc.",
    "Ltd.",
    "Co.",
    "Corp.",
    "Jr.",
    "Sr.",
]
_FOLLOWERS = [
    "Army",
    "Smith",
    "Ivanov",
    "24",
    "1990",
    "Security Council",
    "troops",
    "Brigade",
    "Kyiv",
    "Forces",
]


@given(
    st.sampled_from(_ABBREVIATIONS),
    st.sampled_from(_FOLLOWERS),
    st.sampled_from(["", "The report said ", "Officials from ", "It cited "]),
)
def test_never_splits_after_listed_abbreviations(abbr: str, follower: str, lead: str) -> None:
    text = f"{lead}{abbr} {follower} moved on."
    assert split_sentences(text) == [(0, len(text))]


_FRAGMENT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 .!?\"'()\n\t-,\u201c\u201d\u2019\u00a0")), max_size=80
)


@given(st.lists(_FRAGMENT, max_size=6).map("".join) | st.text(max_size=200))
@settings(max_examples=400)
def test_spans_cover_every_non_blank_character(text: str) -> None:
    spans = split_sentences(text)
    covered = [False] * len(text)
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        for i in range(a, b):
            covered[i] = True
        previous_end = b
    for i, ch in enumerate(text):
        assert covered[i] or ch.isspace(), (i, ch, spans)


# ---------------------------------------------------------------------------------------------------
# WordIndex
# ---------------------------------------------------------------------------------------------------


def test_word_numbers() -> None:
    text = "Russian  troops, massed near-the border."
    index = WordIndex(text)
    assert index.word_number(0) == 0  # start of "Russian"
    assert index.word_number(3) == 0  # inside "Russian"
    assert index.word_number(7) == 1  # the space after "Russian": next word
    assert index.word_number(text.index("troops")) == 1
    assert index.word_number(text.index("near")) == 3
    assert index.word_number(text.index("the")) == 4
    assert index.word_number(len(text) - 1) == 6  # the final period: past the last word
    assert index.word_number(10_000) == 6
    assert len(index) == 6


@given(st.text(alphabet=st.characters(blacklist_characters="("), max_size=300))
@settings(max_examples=300)
def test_word_numbers_match_regex_words_on_folded_text(text: str) -> None:
    folded = fold(text)
    words = list(re.finditer(r"[A-Za-z0-9_]+", folded))
    index = WordIndex(text)
    assert len(index) == len(words)
    for number, m in enumerate(words):
        assert index.word_number(m.start()) == number
        assert index.word_number(m.end() - 1) == number


def test_a_bracketed_aside_adds_no_distance() -> None:
    text = "column ~40 veh (T-72, ZU-23 on Ural) moving N; (unclosed aside"
    index = WordIndex(text)
    veh, moving = index.word_number(text.index("veh")), index.word_number(text.index("moving"))
    assert moving == veh + 1
    # A word inside the aside stands where the aside ends: next to what follows it.
    assert index.word_number(text.index("Ural")) == moving
    assert index.word_number(text.index("unclosed")) == moving + 2  # no closing bracket: counted


def test_a_long_bracket_still_counts() -> None:
    text = "troops (" + "word " * 60 + ") moved"
    index = WordIndex(text)
    assert index.word_number(text.index("moved")) == 61


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_word_index_is_monotonic_with_any_brackets(text: str) -> None:
    index = WordIndex(text)
    numbers = [index.word_number(i) for i in range(len(text) + 1)]
    assert numbers == sorted(numbers)


def test_word_index_is_monotonic() -> None:
    text = "a bb, ccc. dddd \u2014 e\u00e9f"
    index = WordIndex(text)
    numbers = [index.word_number(i) for i in range(len(text) + 1)]
    assert numbers == sorted(numbers)


def test_incl_does_not_end_a_sentence() -> None:
    text = "Units (incl. 72nd bde elements) moved overnight. Next note."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Units (incl. 72nd bde elements) moved overnight.",
        "Next note.",
    ]
