"""Tests for the linguistic guards that stop a rule match from alerting on a mere mention.

Every sentence here is written for these tests.  Each guard has positives (the cue governs the
trigger, so the guard must fire) and hard negatives (the cue word, or something that looks like it,
is present but does not govern the trigger, so the guard must stay silent).  ``REAL_EVENTS`` are
paraphrases of genuine reported events from the reference articles: no guard may fire on them,
because those are exactly the alerts analysts need.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.engine.guards import ALL_GUARDS, Guard, GuardHit, GuardSet

GUARDS = GuardSet()
REF = 2022  # publication year used unless a case says otherwise

Case = tuple[str, str]  # (sentence, trigger substring: its first occurrence is the trigger span)


def span_of(sentence: str, trigger: str) -> tuple[int, int]:
    start = sentence.find(trigger)
    assert start >= 0, f"trigger {trigger!r} not in {sentence!r}"
    return start, start + len(trigger)


def run(sentence: str, trigger: str, enabled: Collection[Guard] = ALL_GUARDS,
        reference_year: int | None = REF, guards: GuardSet = GUARDS,
        reference_month: int | None = None) -> list[GuardHit]:
    hits = guards(sentence, span_of(sentence, trigger), enabled, reference_year=reference_year,
                  reference_month=reference_month)
    for hit in hits:  # offsets always point at the cue in the original sentence
        assert 0 <= hit.start < hit.end <= len(sentence)
        assert sentence[hit.start:hit.end] == hit.cue
    return hits


def fired(sentence: str, trigger: str, **kw: object) -> set[Guard]:
    return {h.guard for h in run(sentence, trigger, **kw)}  # type: ignore[arg-type]


def ids(cases: Sequence[Case]) -> list[str]:
    return [re.sub(r"\W+", "_", s[:48]).strip("_") for s, _ in cases]


# ---------------------------------------------------------------------------------------------------
# NEGATION
# ---------------------------------------------------------------------------------------------------

NEGATION_POS: list[Case] = [
    # A negated predicate in a note's shorthand.
    ("Assess: strategic exercise NOT imminent; revisit in the spring.", "strategic exercise"),
    ("Large-scale autumn manoeuvres not expected before October, officials say.", "autumn manoeuvres"),
    ("Sector east: 0 CFVs recorded since Monday.", "CFVs"),
    ("Monitors counted zero violations of the truce over the weekend.", "violations of the truce"),
    ("The alliance has not said it would deploy soldiers to the region.", "deploy soldiers"),
    ("Deploying American soldiers to the frontier is not on the table, the president said.",
     "Deploying American soldiers"),
    ("Satellite images showed no sign of armoured columns massing near the frontier.",
     "armoured columns massing"),
    ("Soldiers were not massing along the river, the ministry insisted.", "Soldiers"),
    ("A build-up of forces has not been observed near the frontier.", "build-up of forces"),
    ("Officials said there was no evidence that hackers had breached the ministry's servers.",
     "hackers had breached"),
    ("Beijing never conducted the naval drills it had announced.", "conducted the naval drills"),
    ("The warships did not cross into the disputed waters.", "cross into the disputed waters"),
    ("Neither side has fired a shot since the truce began.", "fired a shot"),
    ("The government ruled out a general mobilisation for now.", "general mobilisation"),
    ("The jets stopped short of entering the country's airspace.", "entering the country's airspace"),
    ("The capital refrained from recalling its ambassador.", "recalling its ambassador"),
    ("Pyongyang has yet to carry out the nuclear test analysts predicted.", "carry out the nuclear test"),
    ("They can\u2019t send more battalions before spring.", "send more battalions"),
    ("No troops have crossed the line of contact.", "troops have crossed"),
    ("The militia was unable to seize the airport.", "seize the airport"),
    ("Sending reinforcements to the island has been ruled out by the cabinet.", "Sending reinforcements"),
    ("It cannot \u2018pull back\u2019 battalions that were never sent.", "battalions"),
    # Avoidance and substitution negate what follows.
    ("Athens and Ankara agreed to avoid naval exercises during the tourist season.", "naval exercises"),
    ("A faulty transformer, rather than sabotage, caused the blackout.", "sabotage"),
    # A quoted phrase stays inside its clause; a headline's quoted negation after the trigger counts.
    ('Officials said there had been "no talk" of a second mobilisation wave.', "mobilisation wave"),
    ("Troop Surge 'Not Being Considered,' Defence Chief Says", "Troop Surge"),
    ("Officials said there had been \u201cno talk\u201d of a second mobilisation wave.", "mobilisation wave"),
    ("The intrusion attempt was spotted and blocked before any servers were breached.",
     "servers were breached"),
]

NEGATION_NEG: list[Case] = [
    ("Officials, who were not authorised to brief the media, said extra units had been moved up.",
     "extra units had been moved"),
    # A new clause with its own subject has its own polarity.
    ("Two battalions have not returned home, and additional armour has been moved toward the border.",
     "additional armour has been moved"),
    ("Units sent for the autumn drills had not gone home and were being reinforced with armour.",
     "reinforced with armour"),
    ("Gunmen shelled the villages on Sunday as if no truce had ever been declared.", "shelled the villages"),
    ("The talks ended without agreement and the rebel delegation walked out of the hall.", "walked out"),
    ("Moscow moved armoured units to the frontier, but Kyiv did not respond.", "moved armoured units"),
    ("Not only did the army mass tanks near the border, it also called up reservists.", "mass tanks"),
    ("No fewer than 40,000 soldiers have gathered near the frontier.", "soldiers have gathered"),
    ("The shelling was nothing short of a full assault on the town.", "shelling"),
    ("Non-aligned observers reported that artillery units had massed along the river.",
     "artillery units had massed"),
    ("Notably, the fleet sailed into the strait on Sunday.", "fleet sailed into the strait"),
    ("Without warning, the battalions crossed the frontier at dawn.", "battalions crossed the frontier"),
    ("Dozens, if not hundreds, of armoured vehicles have massed near the town.",
     "armoured vehicles have massed"),
    ("The drills went ahead despite a knot of protesters outside the base.", "drills went ahead"),
    ("Fighters have massed near the town, and no one in the capital seems surprised.",
     "Fighters have massed"),
    ("The airstrikes did not stop the rebels from shelling the town overnight.", "shelling the town"),
    ("Troops have massed on the frontier in numbers not seen since the Cold War.", "Troops have massed"),
    ("The ministry made no secret of the fact that its warships had entered the strait.",
     "warships had entered the strait"),
    ("Hackers, who were not identified, defaced dozens of ministry websites.",
     "defaced dozens of ministry websites"),
    ("A no-fly zone was breached when two bombers entered the airspace.", "two bombers entered the airspace"),
    ("The navy did not explain why its destroyers had entered the strait.",
     "destroyers had entered the strait"),
    ("Note that the brigades crossed the river on Monday.", "brigades crossed the river"),
    ("Rather than hold talks, the army massed tanks near the border.", "massed tanks"),
    ("To avoid detection, the battalions crossed the river at night.", "battalions crossed the river"),
    ('"We will not retreat" said the colonel as tanks massed near the town.', "tanks massed"),
    ("Kyiv said (without offering evidence) that tanks had massed near the town.", "tanks had massed"),
]


@pytest.mark.parametrize(("sentence", "trigger"), NEGATION_POS, ids=ids(NEGATION_POS))
def test_negation_fires(sentence: str, trigger: str) -> None:
    assert Guard.NEGATION in fired(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger"), NEGATION_NEG, ids=ids(NEGATION_NEG))
def test_negation_silent(sentence: str, trigger: str) -> None:
    assert Guard.NEGATION not in fired(sentence, trigger)


# ---------------------------------------------------------------------------------------------------
# DENIAL
# ---------------------------------------------------------------------------------------------------

DENIAL_POS: list[Case] = [
    # Online chatter is not a report.
    ("Re: chatter since Saturday re armour 'massing' on the border near the lakes.", "massing"),
    # Taken for what it was not.
    ("The reported troop build-up near the lake was misread satellite imagery, analysts say.",
     "troop build-up"),
    ("He rejected statements by two neighbours' politicians about a build-up of troops on the border.",
     "build-up of troops"),
    # A bracketed aside inside the cue: the cue's words still read as one phrase around it.
    ("Viral clip (X, ~200k views) claiming armour massing at the crossing: footage is from 2022.",
     "armour massing"),
    # A claim named as a compound before its noun, and a report waved off as psychological warfare.
    ("Regulator rejects hacker group's payroll breach claim", "hacker group's payroll breach"),
    ("Reports of troop concentrations in the west are 'psychological warfare': spokesman",
     "troop concentrations"),
    # The verdict before the report, and a headline's quoted verdict with its verb dropped.
    ("The ministry rejected as 'baseless and malicious' foreign media reports claiming that troops were "
     "massing on the frontier.", "troops were massing"),
    ("Reports of hack on central bank 'sheer lies': governor", "hack on central bank"),
    ("\"The army moves its units on its own territory as it sees fit,\" the spokesman said.",
     "moves its units"),
    ("RE: viral X posts 06DEC alleging armour massing opposite the island.", "armour"),
    ("Viral claim of armour 'massing' opposite the spa town.", "armour 'massing'"),
    ("A hacktivist group posted on Telegram on Tuesday that it had destroyed the ministry's systems.",
     "destroyed the ministry's systems"),
    ("Reports on several X accounts of forces 'massing at the river' for a move on the gap.", "forces"),
    ("Pro-RU channel claims 'total hack' of the defence ministry.", "total hack"),
    ("Info ops claim the army is 'massing mechanized divisions' toward the port.",
     "massing mechanized divisions"),
    ("The CERT dismissed as \"baseless propaganda\" a claim by a hacker group that it had defaced 40 sites.",
     "defaced 40 sites"),
    ("The army called reports of brigades massing near the two crossings 'baseless propaganda'.",
     "brigades massing"),
    ("The 'war games on our doorstep' posts doing the rounds are recycled.", "war games"),
    ("Viral clip claims armour massing on the border today.", "armour massing"),
    ("Social media has been awash with claims that troops are being massed on both sides.",
     "troops are being massed"),
    ("Accounts circulated videos claiming to show armoured columns moving toward the region.",
     "armoured columns moving"),
    ("SM accounts alleging armed forces massing at two crossings.", "armed forces massing"),
    ("Anon TG channel 'Eastern Front' (~9k subs) claims troops concentrating opposite the town.",
     "troops concentrating"),
    ("She described Western reports that the army is massing troops near the border as \"a fabrication\".",
     "massing troops"),
    ("PRC // 'ARMOUR MASSING' CLIPS NEAR THE COAST - UNCONF", "ARMOUR MASSING"),
    ("Tanks seen massing near the pass -- unverified", "massing"),
    ("Posts on X 06 DEC claimed armour massing on the river island.", "armour massing"),
    ("The report of a truce violation near the bridge was incorrect, the monitors said.", "truce violation"),
    ("A hacktivist channel on Telegram later claimed to have knocked the agency's site offline.",
     "knocked the agency's site offline"),
    ("Hacktivist TG chan claims DDoS on two ministry portals.", "DDoS"),
    ("Separately: media claims of armour moving into the north of the peninsula.", "armour moving"),
    ("Re: TG posts alleging armour massing near the crossing.", "armour massing"),
    ("A hacktivist group claimed on Telegram that it had taken down the ministry's sites.",
     "taken down the ministry's sites"),
    ("Gang claim: its leak site listed the port operator on Friday.", "leak site"),
    ("The Kremlin rejects talk of a build-up near the northern border.", "build-up"),
    ("Army rubbishes reports of a troop build-up in the valley.", "troop build-up"),
    ("Repeat claims on TG channels of armour massing near the crossing.", "armour massing"),
    ("For a fortnight, accounts across the region have circulated claims that armour is massing in the "
     "west.", "armour is massing"),
    ("A deputy asked the minister to respond to a newspaper report that the army had sent more troops to "
     "the island.", "sent more troops"),
    ("The ministry said the deployment of its forces near the river was \"a sovereign matter.\"",
     "deployment of its forces"),
    ("Officials said troop movements on home soil were nobody's business.", "troop movements"),
    ("The army said claims of an armoured build-up were part of an enemy propaganda campaign.",
     "armoured build-up"),
    ("A spokesman said reports of soldiers crossing the river were 'pure fiction'.", "soldiers crossing"),
    ("He saw no sign of it after social media posts claimed tanks were heading south.", "tanks were"),
    # The verdict may come first, in scare quotes, and a quoted verdict may follow.
    (
        'The Kremlin dismissed as "hysteria" Western reports that troops were gathering near the border.',
        "troops were gathering",
    ),
    ('The commission said reports that its servers had been hacked were "completely false".', "hacked"),
    ("The defence ministry denied that any soldiers had been moved toward the frontier.",
     "soldiers had been moved"),
    ("Officials dismissed reports of a naval blockade as propaganda.", "naval blockade"),
    ("The Kremlin rejected any intention to invade its neighbour.", "invade its neighbour"),
    ("Reports that paratroopers had landed near the airport were dismissed as fake by the army.",
     "paratroopers had landed"),
    ("Beijing refuted claims that its coast guard rammed a fishing boat.", "coast guard rammed"),
    ("The government insisted it had no plans to mobilise reservists.", "mobilise reservists"),
    ("Claims that artillery shelled the village are false, a spokesman said.",
     "artillery shelled the village"),
    ("The ministry called the reports of a troop build-up baseless.", "troop build-up"),
    ("Tehran denies enriching uranium to weapons grade.", "enriching uranium"),
    ("The army rebuffed allegations that its drones struck a hospital.", "drones struck a hospital"),
    ("Such talk of an imminent offensive is fake news, the envoy said.", "imminent offensive"),
    ("The navy issued a denial of any incursion into the strait.", "incursion into the strait"),
    ("Officials said there were no plans to evacuate the embassy.", "evacuate the embassy"),
    ("Minsk denied that its aircraft had violated Lithuanian airspace.", "violated Lithuanian airspace"),
    ("Moscow denied it was massing troops near the frontier.", "massing troops"),
    # Rejecting qualified reports, with the trigger a dozen words on.
    ("Ankara rejected Greek press reports that its warships had entered the disputed waters.",
     "warships had entered"),
    ("The ministry dismissed Western media claims that it was quietly assembling a strike force near the "
     "coast.", "assembling a strike force"),
    ("Officials brushed off reports that several battalions had been moved to the frontier last week.",
     "battalions had been moved"),
    # What is dismissed may be the pictures.
    ("A colonel dismissed footage on social media of tanks rolling towards the border as old material.",
     "tanks rolling towards"),
    # Unverified, unsupported or false reports.
    ('Online speculation about "massing" of tanks near the village is not supported by satellite imagery.',
     "tanks"),
    ("Reports of shelling near the dam (pro-government channels) remain unconfirmed.",
     "shelling near the dam"),
    ("A claimed breach of the ministry's network could not be independently verified.",
     "breach of the ministry's network"),
    ("Hacktivists' claims of a DDoS attack on the port are exaggerated, analysts said.", "DDoS attack"),
    ("Claim by a pro-Kremlin hacker group of an outage at the water utility; site reachable throughout.",
     "outage at the water utility"),
    ('Rumour: "warships sighted off the cape" - no navigation warnings issued.', "warships sighted"),
    ("Unverified footage of artillery firing near the crossing circulated on Telegram.", "artillery firing"),
    # A debunk tagged on at the end.
    ("Clip of 'armour rolling to the frontier' (1m views) dates from last spring - misattributed.",
     "armour rolling to the frontier"),
]

DENIAL_NEG: list[Case] = [
    # What the act is said to be is no denial of it.
    ("Artillery fired dozens of rounds into the sea in what state media described as a live-fire drill.",
     "live-fire drill"),
    # The denier's own account after ", saying" is asserted, not denied.
    ("Army officials denied firing across the line, saying an artillery live-fire exercise was under way "
     "at the ranges.", "artillery live-fire exercise"),
    # A charge dismissed before, not this one answered.
    ("The army accused the militia of shelling the market on Friday in breach of the truce, a charge its "
     "leaders have dismissed in the past as propaganda.", "shelling the market"),
    # A counter-claim answers with an accusation, which is itself a report of a breach.
    ("ISPR counter-claim: the other army opened unprovoked fire across the line.", "opened unprovoked fire"),
    ("Moscow, which denies any plan to invade, has massed 90,000 troops near the border.",
     "massed 90,000 troops"),
    ("Officials said a cyberattack had wiped government servers, while Moscow denied any involvement.",
     "cyberattack"),
    ("The group denied responsibility for the cyberattack on the power grid.", "cyberattack"),
    ("Moscow denied it was behind the hacking of the electoral commission.",
     "hacking of the electoral commission"),
    ("A distributed denial-of-service attack knocked bank websites offline.",
     "attack knocked bank websites offline"),
    ("The government did not deny that reservists had been called up.", "reservists had been called up"),
    ("Anti-access and area-denial systems were deployed to the island in March.", "deployed to the island"),
    ("Tanks rolled across the frontier on Tuesday; the ministry later denied it.",
     "Tanks rolled across the frontier"),
    ("Troops massed near the frontier as the ministry denied any plan to invade.", "Troops massed"),
    ("Kyiv rejected the ceasefire proposal as the shelling continued.", "rejected the ceasefire proposal"),
    ("After denying it for weeks, the army admitted its units had crossed the border.",
     "units had crossed the border"),
    ("Reports that the frigate fired warning shots were confirmed by the navy.",
     "frigate fired warning shots"),
    ("The denial came hours after artillery hit the border post.", "artillery hit the border post"),
    ("Moscow denied involvement, but satellite images show 30,000 troops massing near the border.",
     "troops massing"),
    ("The hackers denied carrying out the attack that crippled the port.", "attack that crippled the port"),
    ("Artillery shelled the town overnight, killing an unconfirmed number of civilians.",
     "Artillery shelled the town"),
    ("Claims by the rebels that they downed a helicopter were confirmed by the army.", "downed a helicopter"),
    ("Officials rejected media reports, but satellite images show tanks massing near the town.",
     "tanks massing"),
    # A second event told beside the denied one: its subject follows "as".
    ("The ministry denies moving troops as naval drills open off the coast.", "naval drills"),
]


@pytest.mark.parametrize(("sentence", "trigger"), DENIAL_POS, ids=ids(DENIAL_POS))
def test_denial_fires(sentence: str, trigger: str) -> None:
    assert Guard.DENIAL in fired(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger"), DENIAL_NEG, ids=ids(DENIAL_NEG))
def test_denial_silent(sentence: str, trigger: str) -> None:
    assert Guard.DENIAL not in fired(sentence, trigger)


# ---------------------------------------------------------------------------------------------------
# HYPOTHETICAL
# ---------------------------------------------------------------------------------------------------

HYPOTHETICAL_POS: list[Case] = [
    # A drill planned a few words on, and a headline that eyes one.
    ("The two navies are planning their first large-scale joint field exercise off the islands.",
     "joint field exercise"),
    ("Hanoi and Canberra eye first combined amphibious drills next to the strait", "amphibious drills"),
    # A capability, not an act.
    ("The army could be in a position to concentrate a force of some 80,000 fresh troops near the lakes.",
     "troops near"),
    ("Intelligence chiefs say the fleet is capable of massing landing ships within a week.",
     "massing landing ships"),
    # A status in brackets, and a future in a relative clause.
    ("Allied trilateral naval drill (scheduled)", "naval drill"),
    ("Ministers pledged a frigate for the multinational exercise that the hosts will stage next spring.",
     "multinational exercise"),
    ("Hacktivist channel announces DDoS campaign against state portals from next Monday",
     "DDoS campaign against state portals"),
    ("Armed Forces outline spring exercise in the north", "Forces outline spring exercise"),
    # A future season or year that starts the plan, or qualifies the drill inside the trigger.
    ("Parliament backs sending 150 soldiers to the Baltic mission from next summer",
     "sending 150 soldiers"),
    ("Senate approves foreign troops for 2028 multinational drills", "troops for 2028 multinational drills"),
    # Joining or setting off for a drill still to come.
    ("Hanoi signs up for the Indonesian-hosted naval exercise", "naval exercise"),
    ("Army contingent departs for joint exercise in the steppe", "joint exercise"),
    # The future year in the drill's name sits among the trigger's words.
    ("Ministers sign a plan that includes joint naval drills 'Pacific Guard-2031' (two seas) and joint "
     "patrols.",
     "drills 'Pacific Guard-2031' (two seas) and joint"),
    # A drill named as the next one, fixed for a date, or to be held.
    ("The next joint exercise of the two fleets is due in the Arctic.", "joint exercise"),
    ("Another naval exercise with the Gulf states is set for March.", "naval exercise"),
    ("A joint exercise with Russia on the use of tactical weapons would be held in the first half of the "
     "year.", "joint exercise"),
    ("Another joint exercise of the two armies on the use of non-strategic nuclear weapons would be held in "
     "spring.", "joint exercise"),
    # A plan told after the drill, a plan named by its subject, a target date, a year in the name.
    ("A live-fire drill planned with allied forces near the border this week was put off.",
     "live-fire drill"),
    ("Navy exercise plans", "Navy exercise"),
    ("The armoured brigade's forward deployment remains on track for full readiness in 2029.",
     "armoured brigade's forward deployment"),
    ("The pact includes joint naval drills 'Sea Shield-2029' in the summer.", "joint naval drills"),
    ("State media said the allies were scheming to stage air drills over the peninsula.", "air drills"),
    ("Drills near the island may become \"new normal\", expert says", "Drills"),
    ("Naval drills with two partners were being planned for the spring, ministry sources said.",
     "Naval drills"),
    ("Hainan MSA live-fire warning", "live-fire"),
    ("Joint strategic exercise with the ally announced for Sep 2027; scale and name TBD.",
     "strategic exercise"),
    ("The annual exercises could run for 14 days in 2027 and involve more reservists and live-fire serials.",
     "live-fire"),
    ("The allies will expand the exercise next March to include more large-scale field training.",
     "large-scale field training"),
    ("Northern Eagle 2027 to bring together air forces of 12 countries", "air forces"),
    ("The cyber agency warns ransomware gangs are targeting water utilities.", "ransomware gangs"),
    ("Officials said linked hackers were preparing attacks on the power grid.", "attacks on the power grid"),
    ("Q1 outlook: likelihood of force massing along the border LOW.", "force massing"),
    ("Officials met as planners weigh a live-fire sinking exercise near the shoal.", "live-fire"),
    ("MPs clash over readiness to send troops after any ceasefire", "ceasefire"),
    ("KOR: KPA winter training cycle expected to start Dec; no activity so far.", "winter training"),
    ("Congress OKs entry of US troops for 2027 training exercises", "training exercises"),
    ("The time to prepare is now, not when troops start arriving at the border.", "troops start arriving"),
    ("Budget MPs clashed over the rising cost of stationing an armoured brigade abroad.",
     "armoured brigade"),
    ("The marine exercise was due to open on Wednesday with beach landings on the cape.", "beach landings"),
    ("Live-fire drills planned off the east coast next week", "Live-fire drills"),
    ("Sweden to host a 10,000-strong allied drill in March", "allied drill"),
    ("Pyongyang threatens 'unprecedented' drills over the carrier visit", "drills"),
    ("Large-scale field training originally pencilled in for March would be delayed.", "field training"),
    ("Two navies map out their biggest joint war games yet for 2030", "joint war games"),
    ("Hack-and-leak crews likely to weaponise the flaw within days", "Hack-and-leak crews"),
    ("The two allies will hold their annual Iron Gate combined naval exercise in March.",
     "naval exercise"),
    # A thousands separator is not a clause break.
    ("Capital, Dec 6 (Agency) - The country will send 5,000 additional guardsmen to its northern states.",
     "additional guardsmen"),
    ("Officers now talk openly about moving brigades across the north.", "moving brigades"),
    ("The chamber clashed over a bill on sending troops abroad.", "sending troops abroad"),
    ("Ministers clash over sending more troops to the eastern flank", "sending more troops"),
    ("The neighbour's moves to deploy long-range missiles near the strait are worrying, she said.",
     "deploy long-range missiles"),
    ("Battalions earmarked for the exercise were sent to help with flood relief instead.", "exercise"),
    ("Reuters: Some media report that the army is massing troops near the pass.", "massing troops"),
    ("The joint exercises that the two navies plan to stage off the atoll are a provocation, Beijing said.",
     "joint exercises"),
    ("Guard ground forces to stage large-scale drills in coming weeks", "stage large-scale drills"),
    ("Deputies demanded a briefing on any future deployment of troops to the districts.",
     "deployment of troops"),
    ("The envoy warned that any renewed offensive on the city would undo years of work.",
     "renewed offensive"),
    ("Joint exercises between the three armies are envisaged once conditions allow.", "Joint exercises"),
    ("A field exercise that had been scheduled near the border for early December was shelved.",
     "field exercise"),
    ("Sending three more battalions to the northern neighbour is a hard sell.",
     "Sending three more battalions"),
    ("The minefields are there to buy time for reinforcements to arrive from the west.",
     "reinforcements to arrive"),
    ("The garrison was still waiting for fresh troops to be sent from the capital.",
     "fresh troops to be sent"),
    ("Official Says Hackers May Target Water Plants This Winter", "Hackers May Target"),
    ("The two states signed a pact allowing troop deployments on each other's soil.", "troop deployments"),
    ("Leaders will discuss the timing of the joint exercises next spring.", "joint exercises"),
    ("The truce requires the militia to move its fighters north of the river.", "move its fighters"),
    ("Sending brigades to the frontier is the easy part, planners say.", "Sending brigades to the frontier"),
    ("Another 2,000 marines are due to arrive at the base, officials said.", "2,000 marines"),
    ("The ministry will have moved two brigades to the plateau by the end of the year.",
     "moved two brigades"),
    ("Moving an armoured brigade to the frontier can take weeks, planners say.",
     "Moving an armoured brigade to the frontier"),
    ("The drill imagined that a gang had encrypted the bank's core systems.", "encrypted"),
    ("The ministry asked for funds to station an extra 1,200 troops on the islands by 2029.", "troops"),
    ("Under the deal, the militia was to move its fighters north of the river.", "move its fighters"),
    ("Analysts fear the drills could be used as a pretext for moving armour to the frontier.",
     "moving armour to the frontier"),
    ("Envoys said any discussion of troop deployments on the island had to include both sides.",
     "troop deployments"),
    ("Armour arrived at the range ahead of the joint drills.", "joint drills"),
    ("Sending brigades to the frontier has become a sticking point in the coalition talks.",
     "Sending brigades to the frontier"),
    ("This year the live-fire drills will include new rocket launchers.", "live-fire drills"),
    ("Patrols will step up once the naval drills begin next week.", "naval drills begin"),
    ("The state media threatened on Friday to hold military drills near the islands.", "military drills"),
    ("Opinion: sending armour to the frontier is the oldest bluff there is", "sending armour"),
    ("Moscow has promised to strengthen forces along the frontier.", "strengthen forces"),
    ("The rebels vowed to resume shelling the town.", "resume shelling"),
    ("Taiwan's annual drills to be held in July, the ministry says", "drills"),
    ("Analysts warned that the army could regroup for a new offensive.", "regroup for a new offensive"),
    ("The alliance would send soldiers only as a last resort.", "send soldiers"),
    ("If the talks collapse and the rebels keep shelling the city, sanctions will follow.",
     "shelling the city"),
    ("Unless diplomats intervene, the army may annex the coastal strip.", "annex the coastal strip"),
    ("The navy is considering a blockade of the port.", "blockade of the port"),
    ("Beijing threatened to hold live-fire drills around the island.", "live-fire drills"),
    ("Officials fear a possible cyberattack on the power grid.", "cyberattack on the power grid"),
    ("The ministry plans to mobilise 300,000 reservists.", "mobilise 300,000 reservists"),
    ("Pyongyang will test another missile next week.", "test another missile"),
    ("NATO said it would respond in the event of an incursion into its airspace.",
     "incursion into its airspace"),
    ("The fleet is poised to enter the strait.", "enter the strait"),
    ("Diplomats worry about the prospect of a full invasion.", "full invasion"),
    ("A renewed offensive could follow within days.", "renewed offensive"),
    ("Should the ceasefire collapse, the militias might resume shelling.", "resume shelling"),
    ("It is unclear whether the battalions have crossed the river.", "battalions have crossed the river"),
    ("The air force is expected to begin drills on Monday.", "begin drills"),
    ("Russian troops could be sent to the enclave.", "troops could be sent"),
    ("The president said if talks fail and \u201cthe army keeps massing armour, including tanks and "
     "artillery, near the border, costs will rise.\u201d", "massing armour"),
    ("The government is weighing sending a naval task force.", "sending a naval task force"),
    # Intentions, plans and future dates around the trigger.
    ("The navy announced its intent to stage anti-submarine drills in the coming weeks.",
     "anti-submarine drills"),
    ("Warsaw and Vilnius plan joint manoeuvres for next spring.", "joint manoeuvres"),
    ("The alliance agreed to hold bigger air-defence exercises along its northern flank later this year.",
     "hold bigger air-defence exercises"),
    ("The partners will stage combined drills next month.", "combined drills"),
    ('Beijing said it "might respond with further steps" including naval drills if the visit goes ahead.',
     "naval drills"),
    ("Seoul and Washington prepare for combined drills in the autumn.", "combined drills"),
    ("Ministers discussed sending more warships to the strait.", "sending more warships"),
    ("Separatist leaders urged the Kremlin to annex their region.", "annex their region"),
    # An indirect question answered by a modal after the trigger.
    ("Planners asked how long such a build-up would take to complete.", "build-up"),
    ("Nobody can say how quickly a blockade of the island could be imposed.", "blockade of the island"),
    ("Commanders are likely to mass more armour near the river in spring.", "mass more armour"),
    ("Kyiv fears the likely deployment of two more divisions to the north.",
     "deployment of two more divisions"),
    ("Police arrested a man accused of plotting cyberattacks on two water plants.", "cyberattacks on"),
    ("Teams simulated a ransomware outbreak at a utility and a wiper attack on a lender.",
     "wiper attack on a lender"),
    ("The allies are planning next year's edition of their largest joint exercise.", "joint exercise"),
    ("A naval drill with two partner navies that had been planned for May was under review.",
     "naval drill with two partner navies"),
    ("The navy said planning is under way for a Baltic manoeuvre with partner fleets.", "Baltic manoeuvre"),
    ("The army has struggled to mobilise enough men to replace its losses.", "mobilise enough men"),
    # A trigger that is the subject of a modal is still to come (the cue follows it).
    ("The reinforcements will join two brigades already on the frontier.", "reinforcements"),
    ("Extra battalions are due to reach the coast by the weekend.", "Extra battalions"),
    ("State media condemned the allies' ambition to stage a huge joint exercise.", "joint exercise"),
]

HYPOTHETICAL_NEG: list[Case] = [
    # Not a bare "plan": the Chinese navy's acronym, and "eyes" as a noun.
    ("PLAN ships holding live-fire drills east of the island, the ministry said.", "live-fire drills"),
    ("All eyes were on the naval drills that opened off the cape on Monday.", "naval drills"),
    # How long a drill under way lasts is no plan; a remark in brackets governs nothing.
    ("The air forces held their first joint drill, which will run until Friday.", "joint drill"),
    ("Allied naval drill (third this year) under way off the cape", "naval drill"),
    # A promise already broken is no plan.
    ("Militia fighters attacked two posts in breach of pledges to halt hostilities.", "attacked two posts"),
    ("Two helicopters flew into the country's airspace without warning, the agency said.",
     "helicopters flew"),
    ("China launches large-scale drills encircling the island in 'stern warning' to Taipei",
     "large-scale drills"),
    # A news agency crediting a headline is not a transcript's question.
    ("Kyodo: China's PLA launches large-scale joint drills encircling Taiwan", "joint drills"),
    ("The mission began a previously scheduled exercise on Monday with allied troops.", "exercise"),
    ("Gunmen shelled the villages on Sunday as if no truce had ever been declared.", "shelled the villages"),
    ("Imagery analysis: two BTGs assembled at the range north of the city.", "BTGs assembled"),
    ("Ahead of the summit, the army moved 5,000 troops to the frontier.", "moved 5,000 troops"),
    ("Troops massed near the border ahead of the vote.", "Troops massed"),
    ("Two missiles which can carry nuclear warheads were launched into the sea.", "were launched"),
    ("Armoured columns rolled toward the border, which analysts said could signal an offensive.",
     "Armoured columns rolled toward the border"),
    ("In May, the navy seized two tankers in the strait.", "seized two tankers"),
    ("The military might of the alliance was on display as 40 warships entered the bay.",
     "40 warships entered the bay"),
    ("Soldiers opened fire on the crowd, officials said.", "opened fire"),
    ("The drills went ahead as planned on Tuesday.", "drills went ahead"),
    ("According to the report, about 90,000 soldiers have gathered near the frontier.",
     "soldiers have gathered"),
    ("Hackers can be hard to trace, but the attack crippled the port's systems.", "attack crippled"),
    ("Despite talk that it could back down, the army has massed 50,000 soldiers near the frontier.",
     "massed 50,000 soldiers"),
    ("As expected, the warships sailed through the strait.", "warships sailed through the strait"),
    ("With strong political will behind it, the government ordered a general mobilisation.",
     "general mobilisation"),
    ("The attack was more damaging than expected, crippling three ministries.", "attack"),
    ("Few, if any, observers doubted that the tanks had crossed the river.", "tanks had crossed the river"),
    ("The cyberattack, which could have been worse, shut down the central bank's payment system.",
     "shut down the central bank's payment system"),
    ("Officials in the capital said the destroyers had fired on a trawler.", "destroyers had fired"),
    ("The talks set for Wednesday were overshadowed as Moscow began a month-long exercise.",
     "began a month-long exercise"),
    ("Troops massed near the border ahead of elections next month.", "Troops massed"),
    ("The drills that began on Monday will run until next week.", "drills"),
    ("Experts asked how many soldiers had crossed the river overnight.", "soldiers had crossed"),
    ("The ministry urged reservists to report for duty on Monday.", "reservists"),
    # An analyst's assessment of what forces did or do is a report.
    ("Enemy forces likely continue to concentrate armour near the junction, footage suggests.",
     "concentrate armour"),
    ("The army has likely redeployed an airborne division toward the river.",
     "redeployed an airborne division"),
    ("Warplanes simulated strikes on ships as part of the naval exercise.", "naval exercise"),
    # "next" puts only the noun it qualifies ahead.
    ("The next day, troops moved up to the river.", "troops moved"),
    ("The army said the next convoy of troops arrived on Monday.", "convoy of troops arrived"),
    # "but" starts a clause of its own, with or without a comma.
    ("The navy scrapped a planned port visit but staged live-fire drills off the cape.", "live-fire drills"),
    ("Its forces were 'ready for every scenario' and accused the rebels of shelling the town in breach of "
     "the truce.", "shelling the town"),
    ("The drills, which officials said would be held every year, began on Monday near the border.", "drills"),
    ("Naval drills began on Monday and a second phase will be held next week.", "Naval drills"),
    ("Tanks were massed next to the border crossing overnight.", "Tanks were massed"),
    # The extent of something under way is not a plan.
    ("The naval drills will run until Friday, the fleet said.", "naval drills"),
]


@pytest.mark.parametrize(("sentence", "trigger"), HYPOTHETICAL_POS, ids=ids(HYPOTHETICAL_POS))
def test_hypothetical_fires(sentence: str, trigger: str) -> None:
    assert Guard.HYPOTHETICAL in fired(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger"), HYPOTHETICAL_NEG, ids=ids(HYPOTHETICAL_NEG))
def test_hypothetical_silent(sentence: str, trigger: str) -> None:
    assert Guard.HYPOTHETICAL not in fired(sentence, trigger)


def test_will_is_weak_and_short_range() -> None:
    """'will' only governs a trigger within three words: the rest of the clause is asserted."""
    assert Guard.HYPOTHETICAL in fired("The army will hold drills on Monday.", "hold drills")
    far = "The army will, according to officials who spoke on Monday, be joined by units that massed."
    assert Guard.HYPOTHETICAL not in fired(far, "units that massed")


# ---------------------------------------------------------------------------------------------------
# WITHDRAWAL
# ---------------------------------------------------------------------------------------------------

WITHDRAWAL_POS: list[Case] = [
    # A readiness check is a drill.
    ("Northern Fleet wraps up snap readiness check, ships return to port", "snap readiness check"),
    # Brought home.
    ("The army brings its last forward units home from the boundary.", "forward units"),
    # Held up to a day already past.
    ("The joint naval drills the two navies staged off the island until last Tuesday drew protests.",
     "naval drills the two navies staged"),
    # Firing zones lapsed, the exercise over in monitoring shorthand.
    ("MSA live-fire zones lapsed 1600L.", "live-fire"),
    ("ENDEX declared for the naval drills at 1700L.", "naval drills"),
    ("Welcome home: 900 soldiers return from a nine-month deployment in the Baltics", "soldiers"),
    ("About 900 soldiers returned from their rotation on the eastern flank on Friday.", "soldiers"),
    ("The trilateral naval exercise has been pushed back to give room to talks.", "naval exercise"),
    ("Frigate back after six weeks of allied war games in the north", "war games"),
    ("The navy pushes 'Exercise Sea Lion' back to January", "Exercise"),
    ("Outgoing bde redeploying home via the northern port.", "bde redeploying"),
    ("Curtain falls on the island war games as marines leave", "war games"),
    ("Spring Shield drills end with a live-fire display on the coast.", "drills"),
    ("The naval drills, which were to involve 30 ships, were called off on Monday.", "naval drills"),
    ("The deployment of 2,000 troops, which parliament approved in May, has been suspended.",
     "deployment of 2,000 troops"),
    ("The build-up of armour seen in the autumn has since eased, officials said.", "build-up of armour"),
    ("Troops head home as the exercise ends.", "Troops"),
    ("The army began to withdraw its armoured units from the frontier.", "armoured units"),
    ("Battalions were pulling back from the river on Thursday.", "Battalions"),
    ("The drills ended and the brigades returned to their permanent bases.", "drills"),
    ("The navy scaled back its exercises in the gulf.", "exercises"),
    ("Thousands of soldiers were sent home after the exercise.", "Thousands of soldiers"),
    ("The ministry announced a pullback of forces from the border zone.", "forces"),
    ("Officials said the units would stand down at midnight.", "units"),
    ("Commanders called off the planned naval manoeuvres.", "naval manoeuvres"),
    ("Both armies agreed to disengage their forces along the line.", "forces"),
    ("The troops retreated from the hills overnight.", "troops"),
    ("The government ordered the demobilisation of reservists.", "reservists"),
    ("Moscow pledged to reduce military activity near the capital.", "military activity"),
    ("Tanks were pulled back to their garrisons.", "Tanks"),
    ("The exercises were completed and the troops left the area.", "exercises"),
    ("It cannot \u2018withdraw\u2019 its soldiers from a place they never were.", "soldiers"),
    # Completion and return *after* the trigger.
    ("Officials said the naval manoeuvres off the coast have ended, with crews heading home.",
     "naval manoeuvres"),
    ("The air drills over the strait are over, the ministry announced.", "air drills"),
    ("The joint exercise in the north had concluded and the brigades were heading back to their barracks.",
     "joint exercise"),
    ("Hundreds of conscripts who had been sent near the frontier for road repairs have returned to their "
     "home garrisons.", "conscripts who had been sent"),
    ("The army has reduced its presence on the far bank of the river to a single company.", "river"),
    ("Thinning Out: reservists leave trenches along the frontier", "reservists"),
    ("The marines vacated their positions near the harbour overnight.", "marines"),
    ("The frigate group was sailing back toward its home port after the drills.", "frigate group"),
    ("Days after the conclusion of a multinational winter exercise, the minister spoke.",
     "multinational winter exercise"),
    # Back at base after the drills, in prose and in monitoring shorthand.
    ("Motor rifle units return to their permanent bases after tactical drills in the south.",
     "tactical drills"),
    ("Assess: exercise closed, units RTB.", "exercise"),
    # Home in a defence ministry's words, and out of the host country after the drills.
    ("The units that took part in the joint exercise have returned to their places of permanent "
     "deployment.", "joint exercise"),
    ("Final Russian battalions leave Belarus after joint drills", "joint drills"),
    ("Imagery of 4 Dec shows the staging area cleared; about 30 vehicles left for the garrison.",
     "staging area"),
]

WITHDRAWAL_NEG: list[Case] = [
    # A demand to halt an act presupposes it: the act is under way.
    ("Manila demands Beijing halt live-fire drills being held near the shoal.", "live-fire drills"),
    ("Jets flew simulated strikes in a large exercise over the sea.", "large exercise"),
    # Leaving for a drill is going to it.
    ("Two battalions left for the border after a week of drills at home.", "battalions"),
    ("The ministry withdrew from the arms control treaty and deployed new missiles.",
     "deployed new missiles"),
    ("Russia massed troops on the border despite calls to withdraw.", "massed troops"),
    ("The ambassador was withdrawn as artillery pounded the city.", "artillery pounded the city"),
    ("The rebels pushed back government forces near the airport.", "pushed back government forces"),
    ("The government pulled out of the peace talks and ordered a general mobilisation.",
     "general mobilisation"),
    ("Soldiers drew their weapons and fired on protesters.", "fired on protesters"),
    ("New units have been deployed to the frontier, a reporter said after returning to base.",
     "New units have been deployed"),
    ("The shelling resumed after a brief pullback.", "shelling resumed"),
    ("The army drew up plans and massed 20,000 soldiers near the border.", "massed 20,000 soldiers"),
    ("After months of de-escalation talks, the fleet sailed into the strait.",
     "fleet sailed into the strait"),
    ("The drills, which had been postponed twice, began on Monday.", "drills"),
    ("Moscow recalled its envoy and withdrew its ambassador as jets violated the airspace.",
     "jets violated the airspace"),
    ("Kyiv said the invaders were regrouping, not retreating, as tanks massed north of the city.",
     "tanks massed"),
    ("Troops massed near the border after the talks had ended.", "Troops massed"),
    ("Russian troops have returned to the border area in large numbers.", "Russian troops"),
    ("Soldiers are over the border in force, the governor said.", "Soldiers"),
    ("Armoured units drove back into the town they had left in March.", "Armoured units"),
    ("Troops massed near the frontier in the week the summit ended.", "Troops massed"),
    ("Armour massed at the staging area, which had been cleared of snow.", "Armour massed"),
    ("Live-fire drills near the port closed 2 highways on Monday.", "Live-fire drills"),
]


@pytest.mark.parametrize(("sentence", "trigger"), WITHDRAWAL_POS, ids=ids(WITHDRAWAL_POS))
def test_withdrawal_fires(sentence: str, trigger: str) -> None:
    assert Guard.WITHDRAWAL in fired(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger"), WITHDRAWAL_NEG, ids=ids(WITHDRAWAL_NEG))
def test_withdrawal_silent(sentence: str, trigger: str) -> None:
    assert Guard.WITHDRAWAL not in fired(sentence, trigger)


# ---------------------------------------------------------------------------------------------------
# PEACE_CALL
# ---------------------------------------------------------------------------------------------------

PEACE_POS: list[Case] = [
    ("The rebels announce a unilateral offensive ceasefire over the holidays.", "offensive ceasefire"),
    ("Envoys discuss an energy-strike truce at the talks in the capital", "truce"),
    ("The envoy called on both armies to agree an immediate and unconditional ceasefire.", "ceasefire"),
    ("The secretary-general called for an immediate ceasefire in the region.", "ceasefire"),
    ("Mediators urged both sides to respect the truce.", "truce"),
    ("Turkey brokered a ceasefire between the two armies.", "ceasefire"),
    ("The rebels agreed to a truce on Sunday.", "truce"),
    ("The envoy is seeking a humanitarian ceasefire around the port.", "humanitarian ceasefire"),
    ("Both governments signed a ceasefire agreement in Doha.", "ceasefire agreement"),
    ("The ceasefire took effect at midnight.", "ceasefire"),
    ("The UN appealed for a pause in the fighting.", "pause in the fighting"),
    ("Qatar is mediating talks on a truce.", "truce"),
    ("The truce was extended by another week.", "truce"),
    ("Negotiators proposed a ceasefire along the current front line.", "ceasefire"),
    ("Both sides pledged to honour the ceasefire.", "ceasefire"),
    ("Talks aimed at limits on military exercises resumed in Vienna.", "military exercises"),
    ("Diplomats pushed for a truce in the besieged city.", "truce"),
    ("Can the junta be trusted to honour a ceasefire?", "ceasefire"),
    ("The envoy urged both sides to stop violating the truce.", "violating the truce"),
]

PEACE_NEG: list[Case] = [
    # The promise is the background the shelling is measured against, six words off.
    ("Shells fell on the posts only hours after officers from both sides had agreed to stop all firing.",
     "Shells fell on the posts only hours after officers from both sides had agreed to stop all firing"),
    ("The truce, brokered by Ankara last month, was violated repeatedly overnight.", "was violated"),
    ("Artillery shelled the town hours after the ceasefire took effect.", "Artillery shelled the town"),
    ("The militia broke the ceasefire brokered by Qatar.", "broke the ceasefire"),
    ("Nationalists called for war as jets crossed into the airspace.", "jets crossed into the airspace"),
    ("Rebels violated the Turkish-brokered truce within hours.", "violated"),
    ("The president called on Monday for troops to be sent to the border.", "troops to be sent"),
    ("Despite the agreement, militias shelled the village on Tuesday.", "militias shelled the village"),
    ("Mortar fire hit the market even as negotiators urged calm.", "Mortar fire hit the market"),
    ("The urgent evacuation of the embassy began on Friday.", "evacuation of the embassy"),
    ("Seeking revenge, the rebels shelled the checkpoint.", "shelled the checkpoint"),
    ("The talks collapsed and the bombardment of the port resumed.", "bombardment of the port resumed"),
    ("Mediators were absent as the shelling resumed.", "shelling resumed"),
    ("The truce, also mediated in the capital, has been violated again and again by both sides.",
     "has been violated"),
    # The truce is the background the fighting is measured against.
    ("Rockets hit the town, the first strikes since the truce came into force on Friday.",
     "strikes since the truce"),
    ("Militants ambushed a convoy despite a ceasefire agreed in the spring.",
     "ambushed a convoy despite a ceasefire"),
    ("Heavy shelling resumed days into a truce brokered by Qatar.",
     "Heavy shelling resumed days into a truce"),
    ("Drone strikes continued in violation of a ceasefire declared by both sides last month.",
     "Drone strikes continued in violation of a ceasefire"),
    ("Sniper fire continued through the announced Easter truce.",
     "Sniper fire continued through the announced Easter truce"),
    ("Attacks on the grid went on in spite of the moratorium on energy strikes.",
     "moratorium on energy strikes"),
    # A moratorium broken is no call for one.
    ("Officials accused the other side of breaking the moratorium on energy strikes overnight.",
     "breaking the moratorium"),
    # A call needs a peace object.
    ("The army urged conscripts to report for duty as shelling intensified.", "conscripts"),
    ("Report Urges Faster Reservist Call-Up in Future Crises", "Reservist Call-Up"),
]


@pytest.mark.parametrize(("sentence", "trigger"), PEACE_POS, ids=ids(PEACE_POS))
def test_peace_call_fires(sentence: str, trigger: str) -> None:
    assert Guard.PEACE_CALL in fired(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger"), PEACE_NEG, ids=ids(PEACE_NEG))
def test_peace_call_silent(sentence: str, trigger: str) -> None:
    assert Guard.PEACE_CALL not in fired(sentence, trigger)


# ---------------------------------------------------------------------------------------------------
# HISTORY
# ---------------------------------------------------------------------------------------------------

HISTORY_POS: list[Case] = [
    ("Intruders had breached the network long before the breach was discovered.", "breached the network"),
    # A year remembered, however long the when-clause; talk that belongs to another time.
    ("Many still remember 2019, when most of the motor-rifle units at the base were stripped out and sent "
     "to the front, leaving the garrison half empty.", "sent to the front"),
    ("Officers say talk of troops massing on the border belongs to another decade.", "troops massing"),
    # The previous one, dated; and the run-up to a past event.
    ("Last CFV 25 Nov (Uri).", "CFV"),
    ("In the months before last week's deal, both sides accused each other of massing troops.",
     "massing troops"),
    # A court's account of the act, however long the sentence it opens.
    ("According to the indictment, the three defendants, all affiliates of a criminal group, got in through "
     "a contractor's account and encrypted more than 200 servers of the utility.",
     "encrypted more than 200 servers"),
    # An edition of an exercise named for a year long past.
    ("Zapad-2017 rehearsed the invasion that followed, the book argues.", "Zapad-2017 rehearsed"),
    # A span of them is their history.
    ("From the first accords to now: a decade of broken truces in the east", "broken truces"),
    # A label opening the sentence governs it past a dash.
    ("BACKGROUND ONLY: the spring build-up of 2014 - est. 40k troops massed under cover of snap checks.",
     "troops massed"),
    ("Old soldiers recall the armoured columns that massed on the plateau.", "armoured columns that massed"),
    # A count of past ones, a look back at a period, a year dating a short truce or a list of names.
    ("A think-tank paper compares the last three joint exercises around the island.", "joint exercises"),
    ("A museum show recalls spring when the army massed troops at the frontier.", "massed troops"),
    ("An exhibition documents the winter of 2020-2021, when the army massed troops, armour and rocket "
     "launchers along the frontier.", "armour and rocket launchers along"),
    ("Monitors counted shelling during the 36-hour Christmas truce declared in January 2021.",
     "shelling during the 36-hour Christmas truce"),
    ("Monitors say 2021 Orthodox Christmas, Easter truces failed to stop shelling", "truces"),
    ("Since the last large joint exercise around the island, no named drill has been staged.",
     "joint exercise"),
    ("The war games will run for 12 days, after this summer's exercise exposed gaps in urban defence.",
     "exercise"),
    ("The army's habit of staging large, short-notice exercises near the border worries planners.",
     "staging large, short-notice exercises"),
    ("Prosecutors reopen files on the shelling of the town after the ceasefire", "shelling"),
    ("The state charges two former commanders over the shelling of the port.", "shelling"),
    ("For the brief: this month marks ~4 yrs since the army began massing troops on the border.",
     "massing troops"),
    ("Officials met this week with memories of the attacks that crippled the ministry's systems still fresh.",
     "attacks that crippled the ministry's systems"),
    ("The website was hit by denial-of-service attacks during last year's referendum.",
     "hit by denial-of-service attacks"),
    # Inside the trigger, dating its own later word.
    ("Ministers widened sanctions on state hackers, citing last year's ransomware attacks on hospitals.",
     "hackers, citing last year's ransomware attacks on"),
    ("Prev truce (Jul) broke down within days - ASSESS fragile.", "truce (Jul) broke down"),
    ("Last yr winter drills started in early December with a visit to an artillery unit.",
     "winter drills started"),
    ("Tension rose in late 2019, when the army moved armour to the border.", "moved armour"),
    ("Jets have crossed the line often since 2019, when the navy staged drills around the island.",
     "staged drills"),
    ("A ceasefire held from 1991 until 2020, when fighting resumed along the berm.", "fighting resumed"),
    # A past year in a short label before a colon dates what follows it.
    ("The 2019 offensive: how the army massed troops in secret", "massed troops"),
    # A past period named without its year, then "when": the clause it opens is dated by it.
    ("His hardest weeks came in September last year, when drones crossed the border and the two armies "
     "staged manoeuvres on the plain.", "staged manoeuvres"),
    ("Moscow annexed the peninsula in 2014.", "annexed the peninsula"),
    ("The exhibition looks back on the 1973 crisis, when armoured divisions raced to the canal.",
     "armoured divisions raced"),
    ("In the years since, the army has repeatedly concentrated units on the plateau.", "concentrated units"),
    ("Earlier this year, the army concentrated units on the plateau.", "concentrated units"),
    ("Back in July, the navy held drills near the islands.", "held drills"),
    ("The navy held drills off the coast last month in response.", "held drills"),
    ("The army had massed some 80,000 troops near the river before it crossed.", "massed some 80,000 troops"),
    # A past perfect and a past year further along: the year names the time it is set before.
    ("Both armies had rushed thousands of soldiers and heavy guns up to the high valley after a deadly "
     "skirmish on the northern ridge in 2017.", "rushed thousands of soldiers"),
    # A lesson is drawn from what is over.
    ("Lessons from 2014: how the allies misjudged the build-up", "build-up"),
    ("Intruders had breached the registry long before the leak came to light.", "breached the registry"),
    ("Her memoir describes the winter the regiment was sent to the pass.", "regiment was sent"),
    ("The war began after weeks in which both armies moved artillery to the river.", "moved artillery"),
    ("Officials said the navy had used earlier drills to rehearse a landing.", "drills"),
    ("The army typically masses armour near the river each spring.", "masses armour"),
    ("Both navies often hold joint drills in these waters.", "joint drills"),
    ("Each incident was a violation of the armistice, the historian writes.", "violation of the armistice"),
    ("The 2008 invasion of Georgia lasted five days.", "invasion of Georgia"),
    ("During the Cold War, Soviet submarines regularly entered Norwegian waters.",
     "submarines regularly entered Norwegian waters"),
    ("Decades ago, the army massed tanks along this very river.", "massed tanks"),
    ("Last year the navy seized a tanker in the gulf.", "seized a tanker"),
    ("Soldiers once occupied the monastery on the hill.", "occupied the monastery"),
    ("The ceremony marked the anniversary of the invasion.", "invasion"),
    ("Veterans recalled how the tanks rolled into the capital.", "tanks rolled into the capital"),
    ("The fleet was previously stationed in the northern port.", "stationed in the northern port"),
    ("In Soviet times, the garrison held regular drills on the steppe.", "regular drills"),
    ("The missiles were deployed back in the 1980s.", "missiles were deployed"),
    ("Analysts had been tracking the build-up of forces before the invasion.", "build-up of forces"),
    ("Russia has repeatedly massed troops near the border since 2014.", "massed troops"),
    ("Rebels seized the airport in 2021.", "seized the airport"),
    ("He spent a year watching the buildup that came before the invasion of the country.", "buildup"),
    ("The club expelled Moscow after it annexed the peninsula in 2014 and has met as seven since.",
     "annexed the peninsula"),
    # Labels and fronted past-time adverbials date the whole sentence.
    ("Archive: Grad rockets pounded the city in the winter offensive; filed for background.",
     "Grad rockets pounded the city"),
    ("Historical: Dayton (Nov 1995) truce breached twice in the first month; kept for reference.",
     "truce breached"),
    ("Twenty years after the siege, a blockade that still haunts the port", "blockade"),
    ("A decade ago this month, armoured columns crossed the border at dawn after weeks of shelling.",
     "armoured columns crossed the border"),
    ("In March 2021, after weeks in which the army moved artillery to the frontier, the president ordered "
     "a partial call-up.", "moved artillery to the frontier"),
    ("By late 2020 the contingent had grown to 8,000, including paratroopers who had flown in for joint "
     "drills.", "joint drills"),
    # Habit, and an adjective that dates the very noun.
    ("Beijing has long called the allies' naval drills a threat to the region.", "naval drills"),
    ("The rebels and the army blamed each other for breaking previous truces.", "breaking previous truces"),
    ("Prior ceasefire breaches went unpunished, the envoy complained.", "ceasefire breaches"),
    ("Analysts traced the clip to 2019, when columns were moved south.", "columns were moved south"),
    ("In past years, the guards seized several tankers in the strait.", "seized several tankers"),
    ("Veterans spoke of the weeks in early 2019 when 40,000 soldiers waited along the river.",
     "soldiers waited along"),
    ("The late commander was best known for pushing the invaders back across the river.",
     "pushing the invaders back"),
    ("The intrusion into the clinic's network last winter cost it two weeks of records.", "intrusion"),
    ("That same year, the space agency said its networks had been breached.", "networks had been breached"),
    ("For ref: the army massed some 190,000 troops around the country in that winter.", "massed"),
    ("Its name was made in 2007, when government, media and bank sites were knocked offline for days.",
     "sites were knocked offline"),
    ("A parliamentary briefing recaps the troop deployment to the front line.", "troop deployment"),
    ("Officials contrasted it with the weeks after October 7, 2019, when hackers leaked soldiers' data.",
     "hackers leaked"),
    ("The platform was rented out for attacks on banks, ministries and gaming sites across Europe in 2019.",
     "attacks on banks"),
    ("Hackers took more than 900 million dollars in digital assets from exchanges last year.",
     "Hackers took"),
    # The trigger inside the fronted phrase is dated even when the main clause is present tense.
    ("Three years after hackers crippled its billing system, the utility says it has rebuilt it.",
     "hackers crippled"),
    # ... after a wire dateline too (only a place in capitals is taken for one).
    ("LYON \u2014 Four years after hackers crippled its billing system, the utility says it has rebuilt it.",
     "hackers crippled"),
    ("ODESA, Dec 2 (Reuters) - Two years after a wiper attack wrecked its servers, the port says it is safe.",
     "wiper attack wrecked"),
    # A record kept over decades.
    ("The archive lists the North's violations of the armistice over six decades.", "violations"),
    # A trend over years is not this week's move.
    ("The navy has been expanding its presence on the outlying islands for a decade.",
     "expanding its presence"),
    ("Every four years the alliance stages its largest naval exercise in the Baltic.",
     "stages its largest naval exercise"),
    ("The navy held a joint exercise with three allies in the wide bay off the eastern coast last November.",
     "held a joint exercise"),
    ("Analysts say most of their attacks are floods that knock sites offline for an hour.",
     "attacks are floods"),
    ("The navy exercised with the US, Japan and Australian navies in the wide bay last November.",
     "navy exercised"),
    ("A ceasefire was repeatedly broken in those clashes.", "ceasefire was repeatedly broken"),
    ("The grid has been a target since May 2016, when intruders cut power to 80,000 homes, the first "
     "blackout caused by hackers.", "blackout caused by hackers"),
    ("The verdict revisited the months when proxy fighters and regular forces poured across the border.",
     "forces poured across the border"),
    ("In the weeks that followed, the neighbour sent armoured vehicles to its border town.",
     "sent armoured vehicles"),
    ("That episode prompted the alliance to fly in several hundred extra soldiers.",
     "fly in several hundred extra soldiers"),
    ("Moscow massed troops near the border before previous crises as well.", "massed troops near the border"),
]

HISTORY_NEG: list[Case] = [
    # A past told of a later noun in its own relative clause does not date the trigger.
    ("Portals were knocked offline by a denial-of-service attack that bore the hallmarks of groups that "
     "have previously acted in step with the army.", "knocked offline"),
    # An intrusion told up to its discovery is the news; one "long before" it looks back.
    ("An unknown party had read the managers' mail for two weeks before the access was spotted.",
     "read the managers' mail"),
    # Last year's edition may still be in the news; only an older one is history.
    ("Zapad-2021 drills moved into their live phase on the plains.", "Zapad-2021 drills"),
    # A month with its year after a hyphen is a date the breach is measured against, not a name.
    ("Beirut calls it a flagrant breach of the Nov-2019 cessation of hostilities.",
     "breach of the Nov-2019 cessation of hostilities"),
    # ... but not the calm a breach ends.
    ("Mortars shatter months of calm along the border", "months of calm"),
    # The year dates the agreement renewed, not its breach.
    ("The posts opened fire in a clear breach of the ceasefire understanding both armies reaffirmed in "
     "February 2021.", "breach of the ceasefire"),
    ("Troops exchanged fire on Sunday in breach of the ceasefire that ended last year's border war.",
     "breach of the ceasefire"),
    ("The mission began a previously scheduled exercise on Monday with allied troops.", "exercise"),
    ("The army moved more troops to the garrison ahead of the anniversary.", "moved more troops"),
    ("A truce agreed last month was broken on Sunday when shelling resumed.", "shelling resumed"),
    ("By Sunday the army had massed some 80,000 troops near the river, officials said.",
     "massed some 80,000 troops"),
    # A past perfect with a year that measures up to now, or names a pact, is not dated by it.
    ("By Monday the army had moved 30,000 soldiers to the border, the most since 2014.",
     "moved 30,000 soldiers"),
    ("The army had moved 2,000 soldiers to the border by Monday under the 2015 defence pact.",
     "moved 2,000 soldiers"),
    ("Officials said the army had moved two brigades to the river before dawn.", "moved two brigades"),
    ("The naval exercise, which was shelved in 2019, opened on Monday with 20 ships.",
     "opened on Monday with 20 ships"),
    ("The joint exercise, first held in 2004, opened on Monday with 9,000 troops.",
     "exercise, first held in 2004, opened on Monday with 9,000 troops"),
    ("The truce held until last week, when fighting resumed along the berm.", "fighting resumed"),
    ("Tensions are at their highest since the Cold War after 120,000 soldiers massed near the border.",
     "soldiers massed"),
    ("It is the largest naval exercise since 2014.", "naval exercise"),
    ("As in previous years, the naval exercise opened with a parade of ships on Monday.", "naval exercise"),
    ("Earlier, armour was seen moving toward the crossing.", "armour was seen moving"),
    ("The naval drills, which usually take place in August, began on Monday.", "naval drills"),
    ("More armour than usual was massed at the crossing, and more typically arrives by rail.",
     "armour than usual was massed"),
    ("Moscow has deployed 2000 soldiers to the enclave.", "deployed 2000 soldiers"),
    ("Rebels violated the 2015 ceasefire agreement on Tuesday.", "violated"),
    ("Shelling intensified in the past 24 hours.", "Shelling intensified"),
    ("The army has moved more troops to the frontier than last year.", "moved more troops"),
    ("The army has, over the past fortnight, moved two more battalions to forward posts.",
     "moved two more battalions"),
    ("The border, which Russia redrew in 2014, saw fresh troop movements on Monday.",
     "fresh troop movements"),
    ("Troops massed near the peninsula, which Moscow seized in 2014.", "Troops massed"),
    ("The drills are the first since the Soviet era.", "drills"),
    ("Soviet-era tanks were moved to the frontier on Sunday.", "tanks were moved to the frontier"),
    ("Once again, warships entered the disputed waters.", "warships entered"),
    ("In 2022, the army massed troops near the frontier.", "massed troops"),
    ("A previously unknown hacking group attacked the ministry's servers.",
     "attacked the ministry's servers"),
    ("At the time of writing, shelling continued in the suburbs.", "shelling continued"),
    ("Despite sanctions imposed after the 2014 annexation, Russia has massed 100,000 troops near Ukraine.",
     "massed 100,000 troops"),
    ("The country broke the Budapest Memorandum of 1994 by shelling the port.",
     "shelling the port"),
    ("Two years after the invasion, troops are massing again near the northern border.",
     "troops are massing"),
    ("In 2021, Russia massed troops near the border, but this week the buildup is far larger.", "buildup"),
    ("Ten years after Minsk, Russian tanks shelled the town on Monday.", "tanks shelled the town"),
    ("The previous government ordered fresh troops to the frontier on Friday.",
     "fresh troops to the frontier"),
    ("Prior to the talks, the army moved 3,000 troops to the frontier.", "moved 3,000 troops"),
    ("Troops have long been absent from the valley, but on Sunday armour rolled in.", "armour rolled in"),
    ("The truce brokered in the capital last year has been breached again, monitors said.", "breached"),
    ("Armour has been massing near the pass for weeks, local officials said.", "Armour has been massing"),
    ("Monitors logged 40 explosions in the past 24h, contrary to the ceasefire.", "explosions"),
    ("Artillery hit the town despite the truce signed last November, officials said.",
     "Artillery hit the town"),
    ("Troops massed near the border on Monday, a year after drills held there last May.", "Troops massed"),
    ("Mortar fire hit two posts overnight, in violation of the 2021 border understanding.",
     "in violation of the 2021 border understanding"),
    ("The truce was breached dozens of times overnight, the monitors said.", "truce was breached"),
    ("The truce was breached many times on Sunday, the monitors said.", "truce was breached"),
    ("Warships fired missiles over the last two days of the drills.", "drills"),
    # A year in a label is a dating only when it is past and not counted from.
    ("Since 2019: troops mass again near the river", "troops mass"),
    ("Exercise Northern Shield 2022: ships sail into the fjord for live-fire drills", "live-fire drills"),
]


@pytest.mark.parametrize(("sentence", "trigger"), HISTORY_POS, ids=ids(HISTORY_POS))
def test_history_fires(sentence: str, trigger: str) -> None:
    assert Guard.HISTORY in fired(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger"), HISTORY_NEG, ids=ids(HISTORY_NEG))
def test_history_silent(sentence: str, trigger: str) -> None:
    assert Guard.HISTORY not in fired(sentence, trigger)


def test_history_years_are_relative_to_the_publication_year() -> None:
    sentence = "Rebels seized the airport in 2021."
    assert Guard.HISTORY in fired(sentence, "seized the airport", reference_year=2022)
    assert Guard.HISTORY not in fired(sentence, "seized the airport", reference_year=2021)
    assert Guard.HISTORY not in fired(sentence, "seized the airport", reference_year=2020)
    # Without a publication year, the current year is the reference.
    assert Guard.HISTORY in fired("Rebels seized the airport in 1999.", "seized the airport",
                                  reference_year=None)



def test_last_years_date_as_a_label_is_news_early_in_the_new_year() -> None:
    note = "30 DEC 2025: BTGs arrive at the railhead near the border"
    assert Guard.HISTORY not in fired(note, "BTGs arrive", reference_year=2026, reference_month=1)
    # ... but not months later, nor a label that names a past event.
    assert Guard.HISTORY in fired(note, "BTGs arrive", reference_year=2026, reference_month=6)
    assert Guard.HISTORY in fired("The 2025 offensive: how the army massed troops", "massed troops",
                                  reference_year=2026, reference_month=1)


def test_a_year_that_dates_an_agreement_does_not_date_its_breach() -> None:
    sentence = "Troops fired mortars on the posts, in breach of the truce reached by the armies in May 2025."
    assert Guard.HISTORY not in fired(sentence, "in breach of the truce", reference_year=2026)
    assert Guard.HISTORY in fired("Troops fired mortars on the posts in May 2025.", "fired mortars",
                                  reference_year=2026)
    # ... nor does the year of the war the truce ended, unless the truce was a short one.
    ended = "Drone strikes killed two men on Monday, in breach of the truce that ended the 2024 war."
    assert Guard.HISTORY not in fired(ended, "in breach of the truce", reference_year=2026)


def test_a_month_in_a_dating_aside_or_the_last_of_a_series_is_history() -> None:
    for sentence, trigger in (
        ("The large-scale exercise, held on the coast in May with troops from 40 nations, was the biggest.",
         "large-scale exercise"),
        ("The rebels have staged several parades and drills in the port this year, most recently in June.",
         "staged several parades and drills"),
    ):
        span = span_of(sentence, trigger)
        hits = GUARDS(sentence, span, ALL_GUARDS, reference_year=2026, reference_month=12)
        assert Guard.HISTORY in {h.guard for h in hits}, sentence
    held = "Shells hit the village, a breach of the truce that has largely held since November 2024."
    assert Guard.HISTORY not in fired(held, "breach of the truce", reference_year=2026)


def test_a_month_that_dates_the_agreement_a_breach_is_counted_from_is_not_history() -> None:
    sentence = "First reported violation on this stretch since the hotline understanding in May."
    span = span_of(sentence, "violation")
    hits = GUARDS(sentence, span, ALL_GUARDS, reference_year=2026, reference_month=12)
    assert Guard.HISTORY not in {h.guard for h in hits}
    broken = "Militias violated the truce in May, the monitors said."
    hits = GUARDS(broken, span_of(broken, "violated the truce"), ALL_GUARDS, reference_year=2026,
                  reference_month=12)
    assert Guard.HISTORY in {h.guard for h in hits}


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("S. Korea, U.S. to stage combined drills in March, JCS says", "combined drills", True),
        ("IRGC Ground Force to hold large-scale drills near the border", "large-scale drills", True),
        ("NATO To Hold Drills In The Baltic", "Drills", True),
        # A purpose clause after a verb is not the headline's future tense.
        ("Moscow sends troops to its ally to hold joint drills", "joint drills", False),
        ("Warships sailed to the strait to stage drills on Monday.", "stage drills", False),
    ],
)
def test_a_headline_infinitive_is_the_future_only_after_a_bare_subject(
    sentence: str, trigger: str, expected: bool
) -> None:
    assert (Guard.HYPOTHETICAL in fired(sentence, trigger)) is expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("NAVAREA warning issued: live-fire danger area SE of the island, effective 15-19 DEC.", "live-fire",
         True),
        ("Notice relayed: live-fire / missile launch window 14-16DEC, west sea areas.", "live-fire", True),
        ("The navy will fire from 20 to 24 December in the gulf, the notice says.", "fire", True),
        # A window that has opened, or a date that only places a picture, is no notice of the future.
        ("Live-fire drills under way in the danger area, effective 5-9 DEC.", "Live-fire drills", False),
        ("Imagery from 12 December shows about 90 tanks at the base.", "90 tanks", False),
        ("NAVAREA notice: naval firing exercise 15-18 DEC, 0300Z-1200Z daily.", "firing exercise", True),
        ("Live-fire closure area SE of the islands, 10-12 DEC 0800-1700L.", "Live-fire", True),
        # Date-time groups, each day with its month: a window ahead, or one already open.
        ("Naval gunnery exercise 10DEC 0800 - 12DEC 1800, area east of the cape.", "gunnery exercise", True),
        ("Naval gunnery exercise 5DEC 0800 - 9DEC 1800, area east of the cape.", "gunnery exercise", False),
        ("Fleet ships conducted missile firing drills in the sea on 9-10 DEC.", "firing drills", False),
        ("Civic-military exercise to start mid-JAN, the ministry announced.", "exercise", True),
        ("Naval firing exercise continues until 15-18 DEC, the notice says.", "firing exercise", False),
        ("The army will call up two reserve battalions in January for a readiness exercise.",
         "readiness exercise", True),
        ("The winter drills that began last week will run until January, the ministry said.", "winter drills",
         False),
    ],
)
def test_a_window_opening_after_publication_is_a_notice(sentence: str, trigger: str, expected: bool) -> None:
    span = span_of(sentence, trigger)
    hits = GUARDS(sentence, span, ALL_GUARDS, reference_year=2026, reference_month=12, reference_day=7)
    assert (Guard.HYPOTHETICAL in {h.guard for h in hits}) is expected


def test_a_closed_range_of_months_is_over() -> None:
    sentence = "The joint exercise, held from April to May, brought together 17,000 troops."
    trigger = span_of(sentence, "exercise, held from April to May, brought together 17,000 troops")
    hits = GUARDS(sentence, trigger, ALL_GUARDS, reference_year=2026, reference_month=12)
    assert [h.cue for h in hits if h.guard is Guard.HISTORY] == ["April"]
    dated = "Shelling on Sunday was a clear breach of the truce agreed on 28 July 2025, the ministry said."
    assert Guard.HISTORY not in fired(dated, "breach of the truce", reference_year=2026)


def test_history_months_are_relative_to_the_publication_month() -> None:
    def month_fired(sentence: str, trigger: str, month: int) -> set[Guard]:
        hits = GUARDS(sentence, span_of(sentence, trigger), reference_year=2026, reference_month=month)
        return {h.guard for h in hits}

    drills = "In January, the navy held drills near the islands."
    assert Guard.HISTORY in month_fired(drills, "held drills", month=3)
    assert Guard.HISTORY not in month_fired(drills, "held drills", month=2)  # last month is news
    assert Guard.HISTORY not in month_fired(drills, "held drills", month=1)
    # A bare month far "back" is more likely the coming one; a dated agreement dates only itself.
    assert Guard.HISTORY not in month_fired("In April the navy held drills.", "held drills", month=3)
    truce = "Shelling was reported on Monday despite a ceasefire agreed in September."
    assert Guard.HISTORY not in month_fired(truce, "Shelling was reported", month=2)
    took_effect = "Air strikes hit two villages despite a truce that took effect in November."
    assert Guard.HISTORY not in month_fired(took_effect, "strikes hit two villages", month=3)
    # "since January" reaches up to now.
    since = "Troops have been massing near the river since January."
    assert Guard.HISTORY not in month_fired(since, "Troops have been massing", month=6)
    # Without a publication month, months are not read at all.
    assert Guard.HISTORY not in fired(drills, "held drills")


# ---------------------------------------------------------------------------------------------------
# Real events: paraphrases of what the reference articles actually report.  Nothing may fire.
# ---------------------------------------------------------------------------------------------------

REAL_EVENTS: list[Case] = [
    ("The defence ministry announced on Tuesday the start of a month-long exercise involving 2,000 soldiers "
     "on its side of the frontier.", "exercise involving 2,000 soldiers"),
    ("Before Wednesday's talks, the ministry announced the beginning of a month-long military "
     "exercise of 2,000 soldiers near the frontier.", "military exercise"),
    ("Roughly 100,000 soldiers have amassed near the country\u2019s borders.", "soldiers have amassed"),
    ("Officials said hackers defaced dozens of government websites on Friday, while Moscow denied any "
     "involvement.", "hackers defaced dozens of government websites"),
    ("Officials said a cyberattack had taken over several government websites.", "cyberattack"),
    ("The autumn truce agreement, which was also negotiated in the Belarusian capital, has been broken "
     "countless times by both sides.", "has been broken"),
    ("The truce deal, also brokered in the capital, has been breached countless times by both sides.",
     "truce deal, also brokered in the capital, has been breached"),
    ("Within a day of the negotiations, the invading forces resumed airstrikes and shelling against the two "
     "cities.", "resumed airstrikes and shelling"),
    ("An intelligence report described the deployment of over 150,000 soldiers toward the frontier.",
     "deployment of over 150,000 soldiers"),
    ("Relations are at their tightest since the Cold War after intelligence reports of 150,000 soldiers "
     "deployed toward the frontier.", "150,000 soldiers deployed"),
    ("Media reported that soldiers held live-fire drills close to the border on Friday.", "live-fire drills"),
    ("Troops have massed on the frontier in numbers not seen since the Cold War.", "Troops have massed"),
    ("Moscow sent about 2,500 paratroopers to help put down the unrest.", "sent about 2,500 paratroopers"),
    ("Hours after the talks ended, artillery pounded the eastern suburbs.",
     "artillery pounded the eastern suburbs"),
    ("The military buildup near the country's borders continued on Friday.", "military buildup"),
    ("Moscow has stationed 90,000 troops near the border, and officials fear they could attack within weeks.",
     "stationed 90,000 troops"),
    ("Tanks shelled the eastern suburbs, the first exchange of fire since the ceasefire came into force "
     "three weeks ago.", "exchange of fire since the ceasefire"),
    ("A dissident faction attacked an army patrol despite a ceasefire agreed in September.",
     "attacked an army patrol despite a ceasefire"),
    ("The militia fired rockets in violation of a ceasefire the group signed less than a month ago.",
     "fired rockets in violation of a ceasefire"),
    ("The ministry ordered reservists to report for duty at recruiting offices by Friday.", "reservists"),
    ("Officials said 30,000 soldiers (double last year's figure) had massed near the frontier.",
     "soldiers (double last year's figure) had massed"),
    # A four-digit time of day is no year.
    ("The tax portal has been hit by a DDoS since Sat 1900L, the agency said.", "hit by a DDoS"),
    # A dateline opens the sentence, not a past-time phrase; a dash in lower case is no dateline.
    ("TBILISI \u2014 Hackers knocked the election commission's site offline on Monday, years after a "
     "similar attack.", "Hackers knocked"),
    ("Analysts said \u2014 two years after the war \u2014 that tanks massed near the river this week.",
     "tanks massed"),
]


@pytest.mark.parametrize(("sentence", "trigger"), REAL_EVENTS, ids=ids(REAL_EVENTS))
def test_real_events_pass_every_guard(sentence: str, trigger: str) -> None:
    assert run(sentence, trigger) == []


# Paraphrases of the sentences the acceptance file forbids as evidence: some guard must catch each.
FORBIDDEN_PARAPHRASES: list[tuple[str, str, Guard]] = [
    ("Washington has publicly said it is considering supplying arms to Kyiv if the talks derail.",
     "supplying arms", Guard.HYPOTHETICAL),
    ("Putting American soldiers on the ground there is not on the table, the president said.",
     "American soldiers", Guard.NEGATION),
    ("\u201cIt cannot \u2018withdraw\u2019 its forces because they are on its own soil.\u201d", "forces",
     Guard.WITHDRAWAL),
    ("The Kremlin rejected any intention to attack and said the deployed troops on its border are defensive.",
     "deployed troops", Guard.DENIAL),
    ("Moscow would start pulling back its military forces around the capital, an official said.",
     "military forces", Guard.WITHDRAWAL),
    ("The country would stay neutral and would not allow foreign armies on its territory.",
     "allow foreign armies", Guard.NEGATION),
    ("The two sides may sign a deal to limit missiles and military exercises near the border.",
     "military exercises", Guard.PEACE_CALL),
    ("The alliance has not offered to send troops in the event of an invasion.", "send troops",
     Guard.NEGATION),
]


@pytest.mark.parametrize(("sentence", "trigger", "guard"), FORBIDDEN_PARAPHRASES,
                         ids=[re.sub(r"\W+", "_", s[:40]) for s, _, _ in FORBIDDEN_PARAPHRASES])
def test_forbidden_evidence_paraphrases_are_guarded(sentence: str, trigger: str, guard: Guard) -> None:
    assert guard in fired(sentence, trigger)


# ---------------------------------------------------------------------------------------------------
# Interface behaviour
# ---------------------------------------------------------------------------------------------------

ALL_CASES: list[Case] = [
    *NEGATION_POS, *NEGATION_NEG, *DENIAL_POS, *DENIAL_NEG, *HYPOTHETICAL_POS, *HYPOTHETICAL_NEG,
    *WITHDRAWAL_POS, *WITHDRAWAL_NEG, *PEACE_POS, *PEACE_NEG, *HISTORY_POS, *HISTORY_NEG, *REAL_EVENTS,
]


@pytest.mark.parametrize("guard", list(Guard))
def test_each_guard_is_independent(guard: Guard) -> None:
    """Enabling one guard gives exactly that guard's hit from the all-guards run, nothing else."""
    for sentence, trigger in ALL_CASES:
        every = [h for h in run(sentence, trigger) if h.guard is guard]
        alone = run(sentence, trigger, enabled={guard})
        assert alone == every, sentence


def test_enabled_subset_is_respected() -> None:
    sentence = "The alliance has not said it would deploy soldiers to the region."
    assert {h.guard for h in run(sentence, "deploy soldiers")} == {Guard.NEGATION, Guard.HYPOTHETICAL}
    assert [h.guard for h in run(sentence, "deploy soldiers", enabled=[Guard.NEGATION])] == [Guard.NEGATION]
    assert [h.guard for h in run(sentence, "deploy soldiers", enabled=[Guard.HYPOTHETICAL])] == [
        Guard.HYPOTHETICAL]
    assert run(sentence, "deploy soldiers", enabled=[Guard.DENIAL, Guard.HISTORY]) == []
    assert run(sentence, "deploy soldiers", enabled=[]) == []


def test_hits_come_in_guard_order_with_exact_offsets() -> None:
    sentence = "Officials said the army would not withdraw its brigades."
    hits = run(sentence, "brigades")
    assert [h.guard for h in hits] == [Guard.NEGATION, Guard.HYPOTHETICAL, Guard.WITHDRAWAL]
    assert hits[0] == GuardHit(Guard.NEGATION, "not", sentence.index("not"), sentence.index("not") + 3)
    assert hits[2].cue == "withdraw"


def test_case_and_typography_do_not_matter() -> None:
    plain = "Moscow DENIED that it was massing troops \u2014 officials said."
    assert Guard.DENIAL in fired(plain, "massing troops")
    curly = "They didn\u2019t send\u00a0reinforcements to the island."
    hit = run(curly, "send\u00a0reinforcements")[0]
    assert hit.guard is Guard.NEGATION and hit.cue == "didn\u2019t"


def test_clause_boundaries_stop_scope() -> None:
    assert fired("Kyiv did not respond; meanwhile tanks massed at the border.", "tanks massed") == set()
    assert fired("Kyiv would not comment \u2014 tanks massed at the border.", "tanks massed") == set()
    quoted = "\u201cWe will never retreat,\u201d the colonel said as tanks massed."
    assert fired(quoted, "tanks massed") == set()
    assert Guard.NEGATION in fired("Kyiv said tanks did not mass at the border.", "tanks")


def test_quotes_brackets_and_labels_shape_scope() -> None:
    # A quoted phrase is part of its clause; quoted speech closed by punctuation or "said" is not.
    aides = 'Aides said "no decision" on sending marines had been taken.'
    assert Guard.NEGATION in fired(aides, "sending marines")
    speech = "\u201cWe will not retreat,\u201d he said, as tanks massed near the town."
    assert fired(speech, "tanks massed") == set()
    # "re:" means "regarding", not a clause break.
    assert Guard.DENIAL in fired("Rumours on forums re: a blockade of the port; nothing observed.",
                                 "blockade")
    # A bracketed aside is skipped: scope runs past it, and its own words govern nothing outside it.
    assert Guard.DENIAL in fired("Reports of jets over the capital (two local channels) unverified.", "jets")
    assert fired("Drones (which officials said could not be identified) struck the depot.",
                 "struck the depot") == set()
    # A short label before the opening colon governs the sentence; a longer lead-in does not.
    assert Guard.HYPOTHETICAL in fired("Scenario: two divisions cross the river at dawn.",
                                       "two divisions cross")
    assert Guard.WITHDRAWAL in fired("Pulling back: rebel fighters leave the ridge.", "rebel fighters")
    long_lead = "The ministry's long and detailed historical review says: brigades massed near the town."
    assert Guard.HISTORY not in fired(long_lead, "brigades massed")
    assert Guard.WITHDRAWAL not in fired("Withdrawal from the treaty: new missiles deployed near the coast.",
                                         "new missiles deployed")


def test_extra_cues_extend_a_guard() -> None:
    custom = GuardSet(extra_cues={Guard.NEGATION: ["nixed"], Guard.HISTORY: ["bygone*"],
                                  Guard.HYPOTHETICAL: ["mooted plan to"]})
    assert Guard.NEGATION not in fired("The cabinet nixed deploying warships.", "deploying warships")
    assert Guard.NEGATION in fired("The cabinet nixed deploying warships.", "deploying warships",
                                   guards=custom)
    assert Guard.HISTORY in fired("In bygone decades the fleet blockaded the port.", "blockaded the port",
                                  guards=custom)
    assert Guard.HYPOTHETICAL in fired("Officials mooted plan to annex the island.", "annex the island",
                                       guards=custom)


def test_extra_cues_are_validated() -> None:
    with pytest.raises(ValueError):
        GuardSet(extra_cues={Guard.NEGATION: ["  "]})
    with pytest.raises(ValueError):
        GuardSet(extra_cues={Guard.NEGATION: ["*"]})
    with pytest.raises(TypeError):
        GuardSet(extra_cues={Guard.NEGATION: "nixed"})
    with pytest.raises(ValueError):
        GuardSet(extra_cues={"no-such-guard": ["x"]})  # type: ignore[dict-item]


def test_bad_trigger_span_is_rejected() -> None:
    with pytest.raises(ValueError):
        GUARDS("Tanks massed.", (5, 99))
    with pytest.raises(ValueError):
        GUARDS("Tanks massed.", (6, 2))


def test_all_guards_constant() -> None:
    assert frozenset(Guard) == ALL_GUARDS
    assert {g.value for g in Guard} == {"negation", "denial", "hypothetical", "withdrawal", "peace_call",
                                        "history"}


_WORDS = st.sampled_from([
    "not", "no", "never", "troops", "massed", "denied", "could", "would", "if", "will", "withdraw", "pulled",
    "back", "ceasefire", "called", "for", "in", "2014", "since", "the", "largest", ",", ";", "\u2014",
    "\u201c", "\u201d", "'", '"', "didn\u2019t", "May", "might", "may", "anniversary", "once", "drills",
    "ended", "were", "dismissed", "as", "fake", "\u0130stanbul", "\u00a0", "border", "artillery", "1990s",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40), st.data())
def test_never_crashes_and_offsets_hold(words: list[str], data: st.DataObject) -> None:
    sentence = " ".join(words)
    start = data.draw(st.integers(0, len(sentence)))
    end = data.draw(st.integers(start, len(sentence)))
    year = data.draw(st.one_of(st.none(), st.integers(1900, 2100)))
    for hit in GUARDS(sentence, (start, end), reference_year=year):
        assert sentence[hit.start:hit.end] == hit.cue
        assert hit.cue.strip()


_TIE_SCRIPT = """
import json, sys
from streams.engine.guards import GuardSet
guards = GuardSet()
out = []
for sentence, trigger in json.loads(sys.argv[1]):
    start = sentence.find(trigger)
    out.append([hit.cue for hit in guards(sentence, (start, start + len(trigger)))])
print(json.dumps(out))
"""

_TIED_CUES: list[tuple[str, str, list[str]]] = [
    # Two fragments of one denial family start one word apart and end together.
    ("Viral X posts claim armour is massing at the frontier", "massing", ["Viral X posts claim"]),
]


def test_equally_near_cues_are_chosen_the_same_in_every_process() -> None:
    """The reported cue must not depend on string hashing, which differs per process."""
    import json
    import os
    import subprocess
    import sys

    cases = json.dumps([[sentence, trigger] for sentence, trigger, _ in _TIED_CUES])
    expected = [cues for _, _, cues in _TIED_CUES]
    for seed in ("1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _TIE_SCRIPT, cases], env=env, capture_output=True,
                              text=True, timeout=120, check=True)
        assert json.loads(done.stdout) == expected, f"PYTHONHASHSEED={seed}"


def test_a_breach_charge_denied_by_the_accused_stays_a_reported_breach() -> None:
    """For a truce, the accusation is the report; for a build-up, the denial answers it."""
    breach = (
        "The army accused the militia of storming two outposts in breach of the truce, "
        "a charge the militia rejected."
    )
    assert Guard.DENIAL not in fired(breach, "storming two outposts in breach of the truce")
    # Without the accusation, a denied claim is a denial.
    claimed = "Reports of raids in breach of the truce, a claim the militia rejected, circulated online."
    assert Guard.DENIAL in fired(claimed, "raids in breach of the truce")
    massing = "Kyiv accused Moscow of massing troops at the border, a charge the Kremlin rejected."
    assert Guard.DENIAL in fired(massing, "massing troops")
