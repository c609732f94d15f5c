"""Tests for streams.engine.extract: military quantities in sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.engine.extract import Quantity, extract_quantities


def only(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "surface"),
    [
        (
            "Satellite images show over 150,000 troops near the frontier.",
            150_000,
            "troops",
            "over 150,000 troops",
        ),
        ("Moscow flew in about 2,500 paratroopers overnight.", 2_500, "troops", "about 2,500 paratroopers"),
        ("Analysts count 100,000 Russian troops in the area.", 100_000, "troops", "100,000 Russian troops"),
        (
            "It fielded 3,000 heavily armed Belarusian soldiers.",
            3_000,
            "troops",
            "3,000 heavily armed Belarusian soldiers",
        ),
        ("A 2,000-strong force crossed the river at dawn.", 2_000, "troops", "2,000-strong force"),
        ("The ministry sent a force of 2,000 to the island.", 2_000, "troops", "a force of 2,000"),
        ("The drill was an exercise of 2,000 troops and marines.", 2_000, "troops", "2,000 troops"),
        ("The army has 1.5 million soldiers on paper.", 1_500_000, "troops", "1.5 million soldiers"),
        ("Reports put the build-up at 150k troops.", 150_000, "troops", "150k troops"),
        ("Some 40 000 troops took part.", 40_000, "troops", "Some 40 000 troops"),
        ("Tens of thousands of soldiers were redeployed.", 20_000, "troops", "Tens of thousands of soldiers"),
        ("Thousands of troops arrived by rail.", 2_000, "troops", "Thousands of troops"),
        (
            "Hundreds of thousands of troops could be called up.",
            200_000,
            "troops",
            "Hundreds of thousands of troops",
        ),
        ("Hundreds of soldiers dug trenches.", 200, "troops", "Hundreds of soldiers"),
        ("Dozens of tanks rolled through the town.", 24, "tanks", "Dozens of tanks"),
        ("Several thousand troops remain in the region.", 3_000, "troops", "Several thousand troops"),
        (
            "The general moved two battalion tactical groups west.",
            2,
            "battalion_tactical_groups",
            "two battalion tactical groups",
        ),
        (
            "Officials said twelve thousand soldiers had gathered.",
            12_000,
            "troops",
            "twelve thousand soldiers",
        ),
        ("The Pentagon will send a further 10,000 troops.", 10_000, "troops", "a further 10,000 troops"),
        ("The plan would deploy up to 30,000 soldiers.", 30_000, "troops", "up to 30,000 soldiers"),
        (
            "Between 7,000 and 15,000 soldiers were placed on alert.",
            7_000,
            "troops",
            "Between 7,000 and 15,000 soldiers",
        ),
        ("At least 19 soldiers were seen at the checkpoint.", 19, "troops", "At least 19 soldiers"),
        ("It sent 5,000 to 8,000 troops.", 5_000, "troops", "5,000 to 8,000 troops"),
        ("Estimates ranged over 40-60 tanks.", 40, "tanks", "over 40-60 tanks"),
        ("Kyiv mobilised 20,000 reservists.", 20_000, "reservists", "20,000 reservists"),
        ("Intelligence counted 120 BTGs near the border.", 120, "battalion_tactical_groups", "120 BTGs"),
        ("Four battalions and", 4, "battalions", "Four battalions"),
        ("NATO placed three brigades on standby.", 3, "brigades", "three brigades"),
        ("The country moved two armoured divisions north.", 2, "divisions", "two armoured divisions"),
        ("Two airborne regiments were flown in.", 2, "regiments", "Two airborne regiments"),
        ("Images show 300 armored vehicles.", 300, "armoured_vehicles", "300 armored vehicles"),
        (
            "It delivered 40 infantry fighting vehicles.",
            40,
            "armoured_vehicles",
            "40 infantry fighting vehicles",
        ),
        ("Crews readied 50 self-propelled howitzers.", 50, "artillery", "50 self-propelled howitzers"),
        ("The brigade brought 18 rocket launchers.", 18, "artillery", "18 rocket launchers"),
        (
            "A total of 71 Chinese warplanes crossed the median line.",
            71,
            "aircraft",
            "A total of 71 Chinese warplanes",
        ),
        ("Radar tracked 30 fighter jets over the sea.", 30, "aircraft", "30 fighter jets"),
        ("Six strategic bombers took off.", 6, "aircraft", "Six strategic bombers"),
        ("Officials counted 25 attack helicopters.", 25, "aircraft", "25 attack helicopters"),
        ("The army launched 90 drones overnight.", 90, "drones", "90 drones"),
        ("The fleet sent 11 warships into the strait.", 11, "warships", "11 warships"),
        ("Two submarines left port.", 2, "warships", "Two submarines"),
        ("The navy fired 8 cruise missiles.", 8, "missiles", "8 cruise missiles"),
        ("Engineers built a dozen pontoon bridges for 12 tanks.", 12, "tanks", "12 tanks"),
        ("A dozen warships sailed out.", 12, "warships", "A dozen warships"),
        ("Two hundred and fifty tanks massed.", 250, "tanks", "Two hundred and fifty tanks"),
        ("Twenty-five ships joined the drill.", 25, "warships", "Twenty-five ships"),
        ("Some 40 S-400 missiles were moved.", 40, "missiles", "Some 40 S-400 missiles"),
        (
            "It now has \u201cmore than 100,000\u00a0troops\u201d there.",
            100_000,
            "troops",
            "more than 100,000\u00a0troops",
        ),
        ("It sent 3,000 more troops.", 3_000, "troops", "3,000 more troops"),
        # A unit word used as an adjective gives way to the unit after it.
        ("The army added two fresh infantry brigades.", 2, "brigades", "two fresh infantry brigades"),
        ("Three marine commando battalions landed.", 3, "battalions", "Three marine commando battalions"),
    ],
)
def test_quantity_patterns(text: str, value: float, unit: str, surface: str) -> None:
    q = only(text)
    assert (q.value, q.unit, q.text) == (value, unit, surface)
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "In 2014 troops entered the peninsula.",
        "Since 2022 soldiers have rotated every month.",
        "On February 24 troops crossed the border.",
        "By Feb. 24 troops were in place.",
        "7,000 soldiers have been killed since the war began.",
        "About 300 soldiers were wounded in the attack.",
        "12 soldiers died when the vehicle hit a mine.",
        "Officials said 40 marines are missing at sea.",
        "The shelling left 5 soldiers dead.",
        "The strike killed 12 soldiers at the base.",
        "The ambush cost the lives of at least 19 soldiers.",
        "The raid ended with 30 fighters captured.",
        "The jets cost $2,000 per flight hour for soldiers.",
        "Only 5% of troops were conscripts.",
        "About 40 percent of soldiers are reservists.",
        "The budget rose by 1.5 million dollars for troops.",
        "The talks lasted 12 hours and troops waited.",
        "The T-72 tanks and Su-27 jets were old.",
        "The 9M729 missiles are banned.",
        "One of the soldiers spoke to reporters.",
        "The unit has soldiers but no tanks.",
        "Two sides met for talks.",
        "It was 24 February when troops crossed.",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert extract_quantities(text) == []


def test_several_in_one_sentence_in_order() -> None:
    text = "NATO moved 4 battalions, 2 brigades and 300 armoured vehicles, while 7,000 troops were killed."
    found = extract_quantities(text)
    assert [(q.value, q.unit) for q in found] == [
        (4, "battalions"),
        (2, "brigades"),
        (300, "armoured_vehicles"),
    ]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_offsets_with_start_and_end() -> None:
    text = "Headline. Russia moved 10,000 troops. Then 20 tanks followed."
    second = text.index("Russia")
    end = text.index("Then")
    found = extract_quantities(text, second, end)
    assert [(q.value, q.start, q.end) for q in found] == [
        (10_000, text.index("10,000"), text.index(" troops.") + 7)
    ]
    assert extract_quantities(text, 5, 5) == []
    assert extract_quantities(text, 40, 10) == []


def test_non_ascii_text_keeps_offsets() -> None:
    text = "\u201cAbout 2\u00a0500 soldiers\u201d arrived \u2014 with 40 tanks."
    found = extract_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(2_500, "troops"), (40, "tanks")]
    assert [text[q.start : q.end] for q in found] == ["About 2\u00a0500 soldiers", "40 tanks"]


def test_quantity_is_frozen() -> None:
    q = only("It sent 10 tanks.")
    with pytest.raises(AttributeError):
        q.value = 3  # type: ignore[misc]


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_never_crashes_and_offsets_match(text: str) -> None:
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.value > 0
