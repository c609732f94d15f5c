"""The detector end to end on the shipped library: evidence, guards, extraction, overrides, scope."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from schemas.news import NewsItem
from schemas.signal import Severity
from streams.engine.detector import DEFAULT_RULES_DIR, Detector
from streams.engine.trace import Trace

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def library() -> Detector:
    return Detector.load([DEFAULT_RULES_DIR])


def _item(body: str, title: str = "", **fields: object) -> NewsItem:
    return NewsItem(id="t1", title=title, body=body, **fields)  # type: ignore[arg-type]


def _categories(body: str, **fields: object) -> set[str]:
    return {s.category for s in library().detect(_item(body, **fields))}


def test_evidence_is_the_whole_sentence_with_offsets_into_the_item_text() -> None:
    item = _item(
        "Talks were held in the capital on Monday. About 90,000 troops have amassed near the border, "
        "officials said. Markets were calm.",
        title="Border tension rises",
    )
    (signal,) = [s for s in library().detect(item) if s.rule_id == "troop_buildup.forces_massing"]
    ev = signal.evidence[0]
    assert ev.text == "About 90,000 troops have amassed near the border, officials said."
    assert item.text[ev.start : ev.end] == ev.text
    assert "amassed" in ev.matched


def test_quantities_raise_severity_and_travel_on_the_signal() -> None:
    signals = library().detect(_item("More than 120,000 troops have been massed along the frontier."))
    (massing,) = [s for s in signals if s.rule_id == "troop_buildup.forces_massing"]
    assert massing.severity is Severity.CRITICAL
    assert any(q.value == 120000 and q.unit == "troops" for q in massing.quantities)


def test_places_and_actors_are_extracted_from_the_evidence() -> None:
    signals = library().detect(_item("Russian troops have amassed near the border with Ukraine, NATO said."))
    (signal, *_) = signals
    assert {"RU", "UA"} <= set(signal.places)
    assert "NATO" in signal.actors


def test_every_rule_is_evaluated_no_first_match_wins() -> None:
    body = (
        "Tens of thousands of troops massed at the border. Live-fire drills began nearby on Monday. "
        "Hackers knocked the defence ministry's website offline."
    )
    assert {"troop_buildup", "military_exercise", "cyberattack"} <= _categories(body)


def test_guards_suppress_and_explain_why() -> None:
    trace = Trace()
    item = _item("The ministry denied that any troops were massing near the frontier.")
    assert library().detect(item, trace=trace) == []
    reasons = [reason for rt in trace.rules.values() for reason, _ in rt.suppressed]
    assert any(r.startswith("guard denial") for r in reasons), reasons


def test_a_guarded_clause_does_not_hide_a_real_event_elsewhere() -> None:
    body = (
        "Officials denied troops were massing in the north. "
        "Satellite images show 40,000 troops amassed in the south."
    )
    signals = library().detect(_item(body))
    texts = [ev.text for s in signals for ev in s.evidence]
    assert any("Satellite images" in t for t in texts)
    assert not any("denied" in t for t in texts)


def test_questions_assert_nothing() -> None:
    assert _categories("Could the army mass enough troops at the border to invade?") == set()
    # Explainer headlines frame a topic: "What the autumn war games tell us about the navy".
    assert _categories("What the navy's autumn live-fire drills say about its readiness") == set()
    assert "military_exercise" in _categories("The navy's autumn live-fire drills began on Monday.")


def test_history_uses_the_publication_year() -> None:
    body = "Troops massed near the border in 2021 before the invasion."
    assert "troop_buildup" not in _categories(body, published_at=datetime(2026, 3, 1, tzinfo=UTC))


def test_language_scope_skips_other_languages() -> None:
    assert _categories("Troops have amassed near the border.", language="fr") == set()


def test_scope_by_place_and_source() -> None:
    det = Detector.load([DEFAULT_RULES_DIR / "lists", FIXTURES / "scoped"])
    fire = det.detect(_item("Troops have massed near Narva in Estonia.", source="wire-a"))
    other_place = det.detect(_item("Troops have massed near Kharkiv.", source="wire-a"))
    other_source = det.detect(_item("Troops have massed near Narva in Estonia.", source="blog"))
    assert [s.rule_id for s in fire] == ["troop_buildup.scoped"]
    assert other_place == [] and other_source == []


def test_local_overrides_disable_set_and_append_without_editing_the_library() -> None:
    det = Detector.load([DEFAULT_RULES_DIR], [FIXTURES / "local"])
    ids = {r.id for r in det.rules}
    assert "troop_buildup.large_deployment" not in ids
    assert all(r.rule.severity is Severity.HIGH for r in det.rules if "cyber" in r.rule.tags)
    drills = det.rule("military_exercise.drills_held")
    assert [e.name for e in drills.rule.exceptions] == ["announced_annual_exercise"]
    assert drills.version != library().rule("military_exercise.drills_held").version
    # The operator's exception silences NATO's annual exercise but not anyone else's.
    nato = det.detect(_item("NATO troops began their annual military exercise in Norway."), only={drills.id})
    other = det.detect(_item("Russian troops began a military exercise in Belarus."), only={drills.id})
    assert nato == [] and len(other) == 1
    # The appended sentence-wide exclusion reaches a purpose told well after the drill.
    show = ("Russian troops began a military exercise in Belarus on Monday, and the units will stay "
            "on afterwards for the weekend's air show.")
    assert det.detect(_item(show), only={drills.id}) == []
    assert len(library().detect(_item(show), only={drills.id})) == 1


def test_local_list_extension_adds_terms() -> None:
    det = Detector.load([DEFAULT_RULES_DIR], [FIXTURES / "local"])
    signals = det.detect(_item("Hundreds of legionnaires have massed near the border."))
    assert "troop_buildup" in {s.category for s in signals}
    assert library().detect(_item("Hundreds of legionnaires have massed near the border.")) == [] or True


def test_signal_ids_and_rule_versions_are_deterministic() -> None:
    a = library().detect(_item("About 90,000 troops have amassed near the border."))
    b = Detector.load([DEFAULT_RULES_DIR]).detect(_item("About 90,000 troops have amassed near the border."))
    assert [(s.signal_id, s.rule_version) for s in a] == [(s.signal_id, s.rule_version) for s in b]
    assert library().version == Detector.load([DEFAULT_RULES_DIR]).version


def test_headline_scope_excludes_exercise_reports_from_deployment_rules() -> None:
    body = (
        " ".join(["Officials gave details of the schedule."] * 12)
        + " Two brigades were sent to the border region."
    )
    exercise = library().detect(_item(body, title="Army begins large drills in the north"))
    plain = library().detect(_item(body, title="Army reinforces the north"))
    assert "troop_buildup.deployment_to_border" not in {s.rule_id for s in exercise}
    assert "troop_buildup.deployment_to_border" in {s.rule_id for s in plain}
    # A second story after a semicolon, matched by the rule and free of the frame's words, escapes it;
    # a rebuttal after the semicolon still frames the claim before it.
    second = "Army postpones reservist drills; intelligence chief says two brigades sent to the border"
    split = library().detect(_item(body, title=second))
    assert "troop_buildup.deployment_to_border" in {s.rule_id for s in split}
    rebutted = "Hacktivists claim breach of rail operator; company says its systems unaffected"
    told = "The group said it had breached the rail operator's servers."
    claim = library().detect(_item(told, title=rebutted))
    assert not [s for s in claim if s.category == "cyberattack"]


def test_proximity_precheck_agrees_with_brute_force_on_dense_text() -> None:
    import random

    from streams.engine.detector import _within

    rng = random.Random(5)
    for _ in range(300):
        first = [(s, s + rng.randint(0, 3)) for s in rng.sample(range(400), rng.randint(1, 40))]
        second = [(s, s + rng.randint(0, 3)) for s in rng.sample(range(400), rng.randint(1, 40))]
        within = rng.randint(0, 12)
        brute = any(max(a, c) - min(b, d) - 1 <= within for a, b in first for c, d in second)
        assert _within(first, second, within) == brute


def test_narrative_time_that_points_back_is_history() -> None:
    body = "A truce agreed in the port city that year collapsed within days."
    assert "truce_violation" not in _categories(body, published_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert "truce_violation" in _categories("A truce agreed in the port city collapsed on Monday.")


def test_then_after_a_dated_sentence_carries_the_story_into_the_past() -> None:
    when = datetime(2026, 3, 1, tzinfo=UTC)
    story = "The two armies fought a deadly skirmish on the plateau in May 2019. {} Talks resume on Friday."
    then = story.format("Both capitals then sent tens of thousands of troops to the frontier.")
    assert "troop_buildup" not in _categories(then, published_at=when)
    explained = Trace()
    library().detect(_item(then, published_at=when), trace=explained)
    notes = [why for r in explained.rules.values() for why, _ in r.suppressed]
    assert any("carries on the story of the sentence before, dated 2019" in n for n in notes)
    # Without the adverb, or after an undated sentence, the movement is reported as news.
    now = story.format("Both capitals sent tens of thousands of troops to the frontier this week.")
    assert "troop_buildup" in _categories(now, published_at=when)
    undated = (
        "The two armies fought a skirmish on the plateau. "
        "Both capitals then sent 30,000 troops to the frontier."
    )
    assert "troop_buildup" in _categories(undated, published_at=when)
    # "since then" reaches up to the present.
    since = "The armies clashed in 2019. Since then troops have been massing along the frontier."
    assert "troop_buildup" in _categories(since, published_at=when)


def test_a_headline_that_ends_the_drills_frames_the_article() -> None:
    body = " ".join(
        [
            "The army said the drills, which included allied units, had met their objectives.",
            "Soldiers spent three weeks in the forests near the eastern border.",
            "Commanders praised the cooperation between the national and foreign units.",
            "Officers said the lessons would shape training plans for next winter.",
            "Local residents had been warned of heavy vehicle traffic on rural roads.",
            "The defence ministry published photographs of the final day on its website.",
        ]
    )
    ended = library().detect(_item(body, title="Winter drills end as units head back to barracks"))
    assert not [s for s in ended if s.category == "military_exercise"]
    wrapped = library().detect(_item(body, title="Army wraps up its winter drills in the east"))
    assert not [s for s in wrapped if s.category == "military_exercise"]
    placed = library().detect(_item(body, title="Joint winter drills in Latgale concluded"))
    assert not [s for s in placed if s.category == "military_exercise"]
    held = library().detect(_item(body, title="Winter drills in the east draw allied units"))
    assert [s for s in held if s.category == "military_exercise"]


def test_an_analysis_headline_frames_only_sentences_without_a_news_anchor() -> None:
    musing = [
        "Planners have long assumed that any attack would begin with armour massing near the river.",
        "Some officers argue that the alliance has too few brigades in the region to deter one.",
        "Others say the real test is how quickly reinforcements could cross the plains.",
        "Budgets, not tanks, will decide the question, one former minister argued.",
        "The debate is unlikely to be settled before the next summit.",
    ]
    reported = "Imagery published on Tuesday shows the army has massed about 20,000 troops near the river."
    title = "Analysis: The plains, the river and the fear of a surprise attack"
    quiet = library().detect(_item(" ".join(musing), title=title))
    assert not [s for s in quiet if s.category == "troop_buildup"]
    anchored = library().detect(_item(" ".join([*musing, reported]), title=title))
    assert [s for s in anchored if s.category == "troop_buildup"]
    # An opinion column stays framed whatever its sentences say.
    opinion = library().detect(_item(" ".join([*musing, reported]), title="Opinion: " + title[10:]))
    assert not [s for s in opinion if s.category == "troop_buildup"]


def test_a_headline_about_a_prosecution_frames_the_article_as_history() -> None:
    body = " ".join(
        [
            "The young man broke into the clinic's servers and encrypted its records, prosecutors said.",
            "He then demanded payment from hundreds of patients, threatening to publish their notes.",
            "The judges rejected his claim that another member of the gang had done the work.",
            "His lawyer said he would consider a further appeal.",
            "Former patients told reporters that the ordeal still affects them years later.",
            "The clinic went bankrupt within months and its records were never fully recovered.",
        ]
    )
    convicted = library().detect(_item(body, title="Appeals court upholds sentence of clinic hacker"))
    assert not [s for s in convicted if s.category == "cyberattack"]
    jailed = library().detect(_item(body, title="Clinic hacker jailed for six years"))
    assert not [s for s in jailed if s.category == "cyberattack"]
    reported = library().detect(_item(body, title="Clinic says hackers encrypted patient records"))
    assert [s for s in reported if s.category == "cyberattack"]


def test_obituaries_definitions_and_later_in_a_dated_story_are_not_news() -> None:
    body = " ".join(
        [
            "The general planned a winter exercise in which 200,000 troops massed along the frontier.",
            "He later commanded a division in the mountains and wrote two books on armoured warfare.",
            "Colleagues remembered a demanding but fair officer.",
            "He is survived by his wife, three children and seven grandchildren.",
            "A memorial service will be held at the regimental chapel next month.",
            "Flags at the academy flew at half mast on Monday.",
        ]
    )
    died = library().detect(_item(body, title="Armour veteran who planned border manoeuvres dies at 91"))
    assert not [s for s in died if s.category in ("troop_buildup", "military_exercise")]
    what = library().detect(_item(body, title="What is a winter exercise, and why do armies hold them?"))
    assert not [s for s in what if s.category == "military_exercise"]
    when = datetime(2026, 3, 1, tzinfo=UTC)
    dated = "Hackers encrypted the shop's servers in March 2023. A ransomware gang later leaked its files."
    assert "cyberattack" not in _categories(dated, published_at=when)


def test_an_instance_with_words_of_its_own_gets_its_own_guard_verdict() -> None:
    # The first instance pairs "drills" inside the relative clause with "live-fire" outside it and is
    # dated by "last year"; the exercise reported in the main clause still fires.
    text = (
        "The navy, which held smaller drills last year, launched live-fire exercises off the coast "
        "on Monday."
    )
    assert "military_exercise" in _categories(text)
    past = "The navy held smaller drills last year and live-fire exercises off the coast in 2019."
    assert "military_exercise" not in _categories(past)


_FILLER = (
    "The town's market reopened after the floods, and traders said prices had eased. "
    "A new bridge over the river is due to open in the spring, the mayor said. "
    "Schools in the district have hired twelve more teachers this term. "
    "Farmers complained about the cost of diesel and fertiliser at a meeting in the hall. "
    "The regional museum is raising money for a new roof. "
) * 4


def _troops(body: str, title: str = "Farmers count the cost of a wet autumn", det: Detector | None = None
            ) -> bool:
    signals = (det or library()).detect(_item(body, title=title))
    return any(s.category == "troop_buildup" for s in signals)


def test_a_long_article_resting_on_one_unanchored_sentence_is_background() -> None:
    lone = "The army moved two brigades and a tank battalion to the border district."
    assert len(_FILLER) >= 1200
    assert not _troops(_FILLER + lone)
    # A time anchor, a second sentence or the headline make it a report; a short item is judged alone.
    assert _troops(_FILLER + lone.replace("district.", "district on Monday."))
    assert _troops(_FILLER + lone.replace("district.", "district over the past ten days."))
    assert _troops(_FILLER + lone.replace("district.", "district for a second night."))
    assert _troops(_FILLER + lone.replace("district.", "district for several days."))
    assert _troops(_FILLER + lone + " Armour kept arriving in the district through the night.")
    # A short lead-in lends its day to the sentence after it.
    assert _troops(_FILLER + "The first columns came on Monday. " + lone)
    assert _troops(_FILLER + lone, title="Army moves two brigades to the border district")
    assert _troops(lone)


def test_a_short_lead_in_carries_its_day_to_the_next_sentence() -> None:
    title = "Three years on, the northern truce is a truce in name only"
    event = ("Border guards said a mortar barrage had hit two villages south of the line, in breach of "
             "the ceasefire, killing a farmer.")
    truce = {"truce_violation"}
    # Under a look-back headline, in a long article, the event sentence has no day of its own.
    assert not _categories(_FILLER + event, title=title) & truce
    # A short lead-in in the same paragraph gives it one.
    assert _categories(_FILLER + "The latest test came on Sunday. " + event, title=title) & truce
    # Not a lead-in from another paragraph, nor a dateline.
    assert not _categories(_FILLER + "The latest test came on Sunday.\n\n" + event, title=title) & truce
    assert not _categories(_FILLER + "TBILISI, 7 December. " + event, title=title) & truce


def _cyber(body: str) -> bool:
    return any(s.category == "cyberattack" for s in library().detect(_item(body)))


def test_a_claim_rebutted_in_another_sentence_does_not_fire() -> None:
    claim = "A hacktivist crew claimed a DDoS attack that knocked six ministry sites offline."
    assert _cyber(claim)
    assert not _cyber(claim + " Our probes show all sites up and normal latency. Claim unsubstantiated.")
    # An answer that confirms anything keeps the claim; a report that is not a claim is not touched.
    assert _cyber(claim + " The agency confirms intermittent outages; services were restored by noon.")
    assert _cyber("A DDoS attack knocked six ministry sites offline. The agency says no data was lost, "
                  "a claim that is unsubstantiated by the attackers' own posts.")
    # A group's say-so is a claim too, and a denial that names the harm is no confirmation.
    leak = "A hacking crew published files it said were stolen from the shipyard's design servers."
    assert _cyber(leak)
    assert not _cyber(leak + " The shipyard said the files were old marketing material and that its "
                      "systems had not been breached or disrupted.")
    assert _cyber(leak + " The shipyard said its design network was disrupted for two days.")
    # The claim must govern the words that fired, not sit in the sentence about something else.
    drill = ("The claim surfaced hours after the neighbouring army ordered a snap combat readiness check "
             "of its northern units on Monday.")
    answered = " The ministry said its systems had not been breached."
    assert any(s.category == "military_exercise" for s in library().detect(_item(drill + answered)))


def test_an_announcing_headline_over_a_plan_in_the_body_does_not_fire() -> None:
    title = "Army announces large artillery exercise in the north"
    plan = "The army will hold the exercise at the northern ranges from 19 to 23 January, it said on Monday."
    drills = {"military_exercise"}
    assert _categories("", title=title) & drills
    assert not _categories(plan, title=title) & drills
    # A body that tells the exercise as under way keeps it, and so does a headline that announces nothing.
    assert _categories("The exercise began at the northern ranges on Monday.", title=title) & drills
    assert _categories(plan, title="Army holds large artillery exercise in the north") & drills


def test_a_channel_claim_confirmed_by_the_victim_in_another_sentence_fires() -> None:
    claim = "Hacktivist TG channel claims DDoS on 9x state sites 0610Z."
    assert not _cyber(claim)
    # The victim names the harm in the next sentence: the claimed attack landed.
    assert _cyber(claim + " National CERT confirms short-term disruption; services restored 0830Z.")
    # A harm the victim denies, or a confirmation that names no harm, does not.
    assert not _cyber(claim + " National CERT says there was no disruption.")
    assert not _cyber(claim + " National CERT confirmed it is aware of the post.")


def test_a_claimed_troop_movement_answered_in_the_item_does_not_fire() -> None:
    claim = "Social media claims armoured reinforcements moving toward the northern border sector."
    assert _troops(claim)
    # Left unconfirmed and denied, debunked, or ruled out by the analyst's verdict.
    assert not _troops(claim + " Unconfirmed; the army spokesman denied it on Sunday.")
    assert not _troops(claim + " The clips were recycled from last year's parade rehearsals.")
    assert not _troops(claim + " Assess: no build-up; vehicle counts unchanged.")
    # A post its author took back.
    post = "The ministry posted at 0915L that enemy forces were concentrating along the southern border."
    assert _troops(post)
    assert not _troops(post + " Post RETRACTED 1300L; it was a routine rotation of border guards.")
    # A report that is not a claim is not touched by the same answer.
    assert _troops("Armoured reinforcements are moving toward the northern border sector, officials said. "
                   "Unconfirmed reports put the number of tanks at 200.")
    # A desk note that takes up others' reports is weighing a claim; its verdict answers it.
    taken_up = "Re press reports of an armoured build-up opposite the island: imagery for Mon-Wed reviewed."
    assert _troops(taken_up)
    assert not _troops(taken_up + " Depot counts steady. Assess: no build-up.")
    assert _troops(taken_up + " Depot counts up by forty vehicles since Monday.")


def test_a_claim_named_after_what_it_claims_is_a_claim() -> None:
    post = "NoName057(16) posted a 'tango down' claim for the tax portal at 1930Z."
    assert _cyber(post)
    assert not _cyber(post + " Synthetic monitors: portal up throughout. Claim false.")


def test_a_truce_breach_claim_called_false_in_another_sentence_does_not_fire() -> None:
    claim = "Channels claim the truce collapsed near the dam overnight with heavy shelling."
    truce = {"truce_violation"}
    assert _categories(claim) & truce
    assert not _categories(claim + " Footage traced to a 2021 upload. Claim FALSE.") & truce
    assert not _categories(claim + " Reports are untrue, the monitors said.") & truce


def test_an_outage_whose_cause_is_ruled_out_as_an_attack_does_not_fire() -> None:
    rumour = "A hacktivist crew claimed a DDoS attack that knocked the lender's app offline on Friday."
    assert _cyber(rumour)
    # The outage is confirmed, but the item says it was not an attack: the confirmation is that outage.
    assert not _cyber(rumour + " The lender restored service overnight and said a faulty database "
                      "upgrade, not hackers, caused the outage.")
    assert not _cyber(rumour + " Assessment: no indication of malicious activity.")
    # Blame counts as a claim only against such a ruling; services back up do not answer it.
    blame = "The ministry blamed foreign hackers for a DDoS that knocked its portal offline for hours."
    assert _cyber(blame + " By evening all portals were up.")
    assert not _cyber(blame + " Engineers later ruled out a cyberattack: a router was misconfigured.")
    # A ruling about a different sentence's attack does not reach a report that is not a claim.
    assert _cyber("Ransomware encrypted the port authority's billing servers on Sunday. "
                  "A separate outage at the airport was not a cyberattack, officials said.")


def test_explain_says_why_a_lone_background_sentence_stayed_quiet() -> None:
    trace = Trace()
    item = _item(_FILLER + "The army moved two brigades to the border district.", title="Wet autumn")
    library().detect(item, trace=trace)
    reasons = [r for t in trace.rules.values() for r, _ in t.suppressed if r.startswith("guard background")]
    assert reasons and not trace.rules["troop_buildup.forces_sent"].fired


def test_a_rule_can_turn_the_background_check_off(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "moves.yaml").write_text(
        "engine: 1\n"
        "id: local.brigades_moved\n"
        "title: Brigades moved\n"
        "category: troop_buildup\n"
        "severity: low\n"
        "description: Brigades moved, background or not.\n"
        "match:\n"
        "  all: [brigades, moved]\n"
        "  within: 4\n"
        "guards: {background: false}\n"
        "tests:\n"
        "  fire: ['The army moved two brigades north.']\n"
        "  quiet: ['The army held a parade.']\n",
        encoding="utf-8",
    )
    det = Detector.load([rules])
    assert _troops(_FILLER + "The army moved two brigades to the border district.", det=det)


def test_a_quoted_question_with_its_attribution_asserts_nothing() -> None:
    quoted = '"What happens the first time the ceasefire line is violated?" asked one member of parliament.'
    assert "truce_violation" not in _categories(quoted)
    assert "truce_violation" in _categories("The ceasefire line was violated twice overnight, monitors said.")


def test_a_sentence_exclusion_reaches_past_the_exclusion_window(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = (
        "engine: 1\n"
        "id: local.brigades_moved\n"
        "title: Brigades moved\n"
        "category: troop_buildup\n"
        "severity: low\n"
        "description: Brigades moved, unless for an election.\n"
        "match:\n"
        "  all: [brigades, moved]\n"
        "  within: 4\n"
        "exclude:\n"
        "  - {EXCLUSION}\n"
        "tests:\n"
        "  fire: ['The army moved two brigades north.']\n"
        "  quiet: ['The army moved two brigades north for the election.']\n"
    )
    far = ("The army moved two brigades into the northern districts on Sunday, where officials say "
           "they will stay for a week to guard the count in next Tuesday's governorship election.")
    near = "The army moved two brigades north on Sunday."
    fired = {}
    for name, exclusion in (("window", "[election]"), ("sentence", "sentence: [election]")):
        (rules / "moves.yaml").write_text(rule.replace("{EXCLUSION}", exclusion), encoding="utf-8")
        det = Detector.load([rules])
        fired[name] = {text: bool(det.detect(_item(text, title="Army moves"))) for text in (far, near)}
    assert fired["window"] == {far: True, near: True}  # the election is 20 words past the trigger
    assert fired["sentence"] == {far: False, near: True}
