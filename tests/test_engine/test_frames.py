"""Headline frames and the news anchors that lift a soft one."""

from __future__ import annotations

import pytest

from streams.engine.frames import (
    Frame,
    article_frames,
    continuation_cue,
    has_news_anchor,
    has_report_anchor,
    lifts_frame,
)
from streams.engine.guards import Guard

BODY = "Background sentence. " * 30


@pytest.mark.parametrize(
    "sentence",
    [
        "Imagery published on Tuesday shows armour near the river.",
        "Officials told reporters that two brigades had arrived.",
        "Tanks were seen near the pass on 14 March.",
        "Tanks were seen near the pass on March 14, residents said.",
        "Shelling resumed overnight, monitors said.",
        "The command announced early Monday that joint drills had begun.",
        "Villagers told AFP that convoys had been moving toward the frontier.",
        "An extra regiment had been moved into the two provinces over the weekend, a spokesman said.",
        "While the deputies argued, two brigades began crossing the river, the ministry said.",
    ],
)
def test_news_anchors(sentence: str) -> None:
    assert has_news_anchor(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Planners have long assumed that armour would mass near the river.",
        "The budget for May 2024 included new tanks.",
        "As the army grew, brigades were moved to the plains.",
    ],
)
def test_sentences_without_a_news_anchor(sentence: str) -> None:
    assert not has_news_anchor(sentence)


def test_analysis_and_feature_frames_are_soft_opinion_is_not() -> None:
    analysis = article_frames("Analysis: The river, the plains and the fear of attack", BODY)
    assert [(f.guard, f.soft) for f in analysis] == [(Guard.HYPOTHETICAL, True)]
    feature = article_frames("Feature: On patrol along the frontier", BODY)
    assert [(f.guard, f.soft) for f in feature] == [(Guard.HYPOTHETICAL, True)]
    opinion = article_frames("Opinion: The river, the plains and the fear of attack", BODY)
    assert [(f.guard, f.soft) for f in opinion] == [(Guard.HYPOTHETICAL, False)]
    # A teaser is framed by its headline too; a headline alone is judged by its own guards.
    trial = "Ex-commander goes on trial over border shelling"
    short = article_frames(trial, "Prosecutors allege he ordered it.")
    assert [(f.guard, f.soft) for f in short] == [(Guard.HISTORY, False)]
    assert article_frames(trial, "") == []


@pytest.mark.parametrize(
    ("title", "guard", "soft"),
    [
        ("The Long Read: How a truce outlived its own expiry date", Guard.HYPOTHETICAL, True),
        ("Big read: Life on the island the drills surround", Guard.HYPOTHETICAL, True),
        ("What last month's drills did \u2014 and did not \u2014 reveal about the fleet", Guard.HYPOTHETICAL,
         True),
        ("Minsk says joint drills with Moscow over, last trains gone", Guard.WITHDRAWAL, False),
        ("Coastal naval exercise postponed as storm nears", Guard.WITHDRAWAL, False),
        ("BLR: post-ex movements", Guard.WITHDRAWAL, False),
        ("PRC drills - ENDEX", Guard.WITHDRAWAL, False),
        ("Helsinki sees no sign of a Russian build-up on the border despite new bases", Guard.NEGATION,
         False),
        ("The Convoy review \u2013 a chronicle of the winter the army massed", Guard.HISTORY, False),
        ("Correction - armour near the crossing", Guard.DENIAL, False),
        ("FALSE - 'tanks massing at the border'", Guard.DENIAL, False),
        ("BACKGROUND - force levels on the northern axis", Guard.HISTORY, False),
        ("Exhibition revisits the 1953 armistice", Guard.HISTORY, False),
        ("Army pulls armour back from the boundary, monitors say", Guard.WITHDRAWAL, False),
        ("Winter drills end as units head back to barracks", Guard.WITHDRAWAL, False),
        ("Naval drills over, the frigates head home", Guard.WITHDRAWAL, False),
        ("Capital 'military drills' misreport", Guard.DENIAL, False),
        ("Clip of troops massing at the border a hoax", Guard.DENIAL, False),
        ("Why the battle for the city could redraw the war map", Guard.HYPOTHETICAL, True),
        ("Commentary: The island's separatists must not misjudge the situation", Guard.HYPOTHETICAL, True),
        ("General bows out after four decades in uniform", Guard.HISTORY, False),
        ("Books: The war that never formally ended", Guard.HISTORY, False),
        ("Capital charges former rebel commanders over border shelling", Guard.HISTORY, False),
        ("MPs spar over a permanent deployment as Commons debates defence motion", Guard.HYPOTHETICAL, True),
        ("What last spring's war games taught the alliance about its flank", Guard.HYPOTHETICAL, True),
        ("Hacker who hit a port operator gets 7 years for the 2024 intrusion", Guard.HISTORY, False),
        ("Ransomware broker handed a 30-month sentence over the clinic breach", Guard.HISTORY, False),
        ("How an army massed its divisions before the 2022 invasion", Guard.HISTORY, False),
        ("Marine battalions head home after six months in the gulf", Guard.WITHDRAWAL, False),
        ("District units return to permanent bases after tactical drills", Guard.WITHDRAWAL, False),
        ("Serbia extends suspension of military exercises with foreign partners", Guard.WITHDRAWAL, False),
        ("Rail movement on the western line explained", Guard.HYPOTHETICAL, True),
    ],
)
def test_headline_frames_by_kind(title: str, guard: Guard, soft: bool) -> None:
    """Long reads are soft frames, reviews history, corrections and fact-checks denials."""
    assert [(f.guard, f.soft) for f in article_frames(title, BODY)] == [(guard, soft)]


def test_a_past_year_after_a_preposition_in_the_headline_frames_history() -> None:
    assert article_frames("Troops mass again, as in 2022", BODY, 2026) == [Frame(Guard.HISTORY, "in 2022")]
    assert article_frames("Drills in 2026 to be the largest yet", BODY, 2026) == []
    # "since" measures today against the year: a current build-up, not a retrospective.
    assert article_frames("Largest build-up since 2022 seen on the border", BODY, 2026) == []


def test_a_look_back_in_time_is_lifted_by_a_sentence_that_tells_this_week() -> None:
    """"Two years after the ceasefire, ..." retells the past and reports what happened with a day named;
    a sentence that looks back itself, or is dated only by a day of the year, stays under the frame."""
    (frame,) = article_frames("Two years after the ceasefire, the valley asks who guards the line", BODY)
    assert (frame.guard, frame.soft) == (Guard.HISTORY, True)
    assert lifts_frame(frame, "The army said on Saturday it had moved a reserve brigade to the border.")
    assert lifts_frame(frame, "Two more battalions have arrived over the past week, officials said.")
    assert not lifts_frame(frame, "Reserve brigades were moved to the border during the war.")
    assert not lifts_frame(frame, "A snap check announced on February 26 masked the reinforcements.")
    assert not lifts_frame(frame, "Five years ago this week, troops massed near the border.")
    assert not lifts_frame(frame, "Two years after troops were sent in, MPs laid flowers on Thursday.")
    # Counted from an attack, the article retells that attack: the frame stays hard.
    (hack,) = article_frames("Operator says it has fully recovered two years after hack", BODY)
    assert (hack.guard, hack.soft) == (Guard.HISTORY, False)
    # Other soft frames keep the plain news anchor, a date included.
    (analysis,) = article_frames("Analysis: The river, the plains and the fear of attack", BODY)
    assert lifts_frame(analysis, "Tanks were seen near the pass on 14 March.")


def test_drills_over_a_place_are_not_drills_that_are_over() -> None:
    """"Over" ends the drills only where a clause ends: "drills over Isfahan" are held above it."""
    assert article_frames("Iran begins air defence drills over Isfahan and Natanz", BODY) == []
    assert article_frames("Jets hold drills over the Baltic as allies watch", BODY) == []


def test_civilians_heading_back_frame_nothing() -> None:
    """Villagers going back to their shelters is the fighting's doing, not forces leaving."""
    assert article_frames("Border villagers head back to bunkers as the guns start again", BODY) == []


def test_a_digest_headline_frames_nothing() -> None:
    """One story in a round-up ("hacker trial opens") does not cast the others as history."""
    assert article_frames("The week in breach: port firm hit, hacker trial opens", BODY) == []
    assert article_frames("Live updates: trial opens as shelling resumes", BODY) == []


def test_a_headline_year_frames_history_only_before_the_publication_year() -> None:
    title = "Peninsula daily assessment, March 3, 2026: key takeaways"
    assert article_frames(title, BODY, published_year=2026) == []
    old = article_frames("2019: the spring the truce broke", BODY, published_year=2026)
    assert [(f.guard, f.soft) for f in old] == [(Guard.HISTORY, False)]


def test_sides_that_trade_charges_are_no_prosecution() -> None:
    """"Charges over" is a prosecution; two capitals that "trade charges over" a sector accuse today."""
    assert article_frames("Yerevan and Baku trade charges over border sector", BODY) == []
    charged = article_frames("Capital charges former rebel commanders over border shelling", BODY)
    assert [f.guard for f in charged] == [Guard.HISTORY]


def test_a_policy_revisited_is_not_a_look_back() -> None:
    """Revisiting an episode is history; insurers revisiting their exposure act today."""
    assert article_frames("Insurers revisit cyber exposure as terminal restores gate systems", BODY) == []
    revisited = article_frames("Exhibition revisits the 1953 armistice", BODY)
    assert [f.guard for f in revisited] == [Guard.HISTORY]


def test_a_museum_in_the_headline_is_not_a_retrospective() -> None:
    assert article_frames("Museum hit by ransomware attack, exhibits offline", BODY) == []


def test_a_place_that_settles_into_a_mood_is_not_a_settlement() -> None:
    """A lawsuit settled is history; a town settling into a siege mood is a feature of today."""
    settled = article_frames("Water utility settles over 2023 breach", BODY)
    assert [(f.guard, f.soft) for f in settled] == [(Guard.HISTORY, False)]
    assert article_frames("Border town settles into a long wait as the garrison grows", BODY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Armour has been moving toward the river crossing for roughly two weeks, officials said.",
        "Artillery units have been arriving at the depot, according to two officials.",
        # A time of day tells the night it happened.
        "Troops opened fire with mortars on the forward posts at around 10.40 pm, a spokesman said.",
        "The posts came under fire at about 11 p.m., officers said.",
    ],
)
def test_report_anchors_of_a_span_that_runs_into_today(sentence: str) -> None:
    """A span still running ("for about two weeks", "have been arriving") reports the present."""
    assert has_report_anchor(sentence)
    assert not has_report_anchor("Planners have long assumed that armour would mass near the river.")


def test_years_of_aid_are_no_prison_term() -> None:
    assert article_frames("Kyiv gets two years of air-defence aid from Berlin", BODY) == []
    assert [f.guard for f in article_frames("Hacker gets life for the grid attack", BODY)] == [Guard.HISTORY]


def test_later_on_the_story_day_is_no_continuation_of_an_old_story() -> None:
    """ "Later in the afternoon" moves on within the reported day; "later" alone carries a story on."""
    same_day = "Later in the morning the regulator admitted that its file servers had been hacked."
    assert continuation_cue(same_day, len(same_day)) is None
    assert has_report_anchor(same_day)
    assert has_report_anchor("This evening the port said its booking system had been taken offline.")
    carried = "Later the regulator admitted that its file servers had been hacked."
    assert continuation_cue(carried, len(carried)) == (0, 5)
    assert not has_report_anchor(carried)
