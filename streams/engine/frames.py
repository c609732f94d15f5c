"""Document frames: a headline that casts the whole article as history, analysis or de-escalation.

Why: guards see one sentence at a time, but a retrospective ("Ten years after Minsk, ...") or an
explainer ("Why Russia is unlikely to mass troops ...") recounts troop movements in sentences that
look current. When the headline sets such a frame, the article's sentences are read under it: the
same guard switches decide (a rule with `history: false` still fires in a retrospective).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from streams.engine.guards import DRILL_NOUNS, Guard

# A headline that looks back; also read in a sentence under a look-back frame (see lifts_frame).
_HISTORY_CUES: Final = re.compile(
    r"\b(?:years|decades?|months) (?:after|on|later|since)\b|\banniversary\b"
    r"|\bremember(?:ing|s|ed)?\b"
    r"|\blessons (?:from|of)\b|\blooking back\b|\bbook review\b|\breview\s*[:\u2013\u2014]|\breview -"
    # A profile of someone leaving recounts a career: "General bows out after four decades".
    r"|\bbows out\b|\bretires after\b|\bfarewell to\b"
    r"|^\s*books?\s*[:|\u2014-]"
    r"|\bobituary\b|\bnovel\b|^\s*(?:background|for reference|for ref)\s*[:\u2013\u2014-]"
    # A look back at an episode: "exhibition revisits the 1953 armistice" (not a museum as such:
    # "museum hit by ransomware" is news).
    # (Not a policy looked at again: "insurers revisit cyber exposure as terminal restores systems".)
    r"|\brevisit(?:s|ed|ing)?\b(?! (?:[\w-]+ )?(?:exposure|risks?|rules|polic(?:y|ies)|strateg(?:y|ies)|"
    r"plans?|wordings?|terms|pricing|premiums|rates|limits|cover|coverage|assumptions|guidance|budgets?|"
    r"targets?|forecasts?|estimates?|models?)\b)"
    r"|\bhistory of\b|\bretrospective\b|\bhow (?:the|a|an)\b.*\bwas (?:taken|won|lost|fought)\b"
    r"|\bmark(?:s|ing)? the\b.*\bwar\b|\b(?:19|20)\d\d:|'\d\d\b|\bat \d{1,3}:"
    # An episode dated in the headline: "How Russia massed 190,000 troops before the 2022 invasion"
    # (only a year before publication counts, see article_frames; not "since 2022", which
    # measures today against it).
    r"|\b(?:in|before|after|during) (?:the )?(?:19|20)\d\d\b"
    # A prosecution tells of an act already done: "court convicts hacker", "pleads guilty".
    r"|\b(?:convicts?|convicted|sentences?|sentenced|jails|jailed|indicts|indicted|extradites|"
    r"extradited|acquits|acquitted|pleads guilty|pleaded guilty|on trial|goes on trial)\b"
    # ... and so does a sentence handed down: "ransomware affiliate gets 9 years for 2023 attack".
    # (Not "Kyiv gets two years of aid".)
    r"|\b(?:gets|given|handed|receives|draws) (?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|a|an)(?:[ -]\w+)? (?:years?|months?|sentence|term|jail term|prison term)\b(?! of\b)"
    r"|life (?:sentence|term|in prison|for)\b)"
    # ... and so do a trial, a settlement and an obituary: "trial opens over 2019 attack",
    # "agrees settlement over data breach", "commander who shaped the exercise dies at 94".
    r"|\btrial (?:opens|begins|starts|resumes)\b|\bsettlement over\b"
    r"|\bsettles?\b(?! (?:into|in|down)\b)"
    # (Not sides that "trade charges over" a sector: accusations of today.)
    r"|(?<!trade )(?<!trades )(?<!traded )(?<!trading )(?<!exchange )\bcharges (?:[\w-]+ ){0,4}over\b"
    r"|\breopens? (?:files|case|cases|probe|investigation)\b"
    r"|\b(?:dies|died|dead) at \d{2,3}\b",
    re.IGNORECASE,
)

# Members of a chamber, named by the debate frame and by the anchor that ties a report to the debate.
_LAWMAKERS: Final = r"mps|lawmakers|senators|deputies|legislators"

_FRAMES: tuple[tuple[Guard, re.Pattern[str]], ...] = (
    (Guard.HISTORY, _HISTORY_CUES),
    (
        Guard.HYPOTHETICAL,
        re.compile(
            r"^\s*(?:opinion|comment|q&a|podcast|interview|editorial|column)\s*[:|\u2014-]"
            # A definition question is an explainer: "What is a snap exercise, and why ...?"
            r"|^\s*what (?:is|are) (?:a|an)\b"
            r"|\bunlikely\b|\bwhat if\b|\bscenario\b|\b(?:might|could|would)\b"
            # A debate in a chamber is about deployments, not one: "MPs spar over making the deployment
            # permanent as Commons debates defence motion".
            r"|\b(?:commons|parliament|senate|congress|bundestag|knesset|duma|lok sabha|assembly) debates?\b"
            r"|\b(?:" + _LAWMAKERS + r") (?:spar|clash|row|debate|argue)\b"
            r"|\bwar game[sd]? (?:a|an|the)\b|\bimagines?\b",
            re.IGNORECASE,
        ),
    ),
    (
        # A headline that finds no build-up frames the story told under it: "Finland sees no sign of
        # Russian build-up on border despite new bases".
        Guard.NEGATION,
        re.compile(
            r"\bno (?:sign|signs|evidence|indication|indications) of (?:an? |any )?(?:[\w-]+ ){0,2}"
            r"(?:build-?up|massing|troop concentration|concentration of (?:troops|forces))",
            re.IGNORECASE,
        ),
    ),
    (
        # A correction or a fact-check retracts or debunks what it names: "Correction - Rafah armour",
        # "FALSE - 'armour at the border'".
        Guard.DENIAL,
        re.compile(
            r"^\s*(?:correction|clarification|fact[- ]?check|false|fake|debunked|misleading|retraction)\b"
            # ... or ends on the verdict: "Tbilisi 'military drills' misreport", "... clip a hoax".
            r"|\b(?:misreport(?:s|ed)?|misreporting|hoax|debunked|misattributed|false alarm)\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Guard.WITHDRAWAL,
        re.compile(
            r"\bdraw(?:s|ing)? down\b|\bdrawdown\b|\bwithdr[ae]w(?:s|al|ing|n)?\b"
            r"|\bpull(?:s|ing|ed)? (?:[\w-]+ ){0,3}?(?:out|back)\b"
            r"|\bleav(?:e|es|ing) (?:the )?(?:last|final)\b|\bstand(?:s|ing)? down\b|\bquietly calmed\b"
            r"|\breturn(?:s|ed)? to the table\b|\bend(?:s|ing|ed)? (?:decades|years) of\b"
            # Exercises over, units going home: "Winter drills end as units head back to barracks".
            # (Forces, not villagers heading back to their bunkers.)
            r"|\b(?:units|troops|soldiers|forces|warships|ships|sailors|marines|crews|fleets?|brigades?|"
            r"battalions?|divisions?|regiments?|armou?r|tanks) (?:[\w-]+ )?head(?:s|ing)? (?:back|home)\b"
            r"|\bhead(?:s|ing)? (?:back )?(?:home|to (?:barracks|bases?|garrisons?|port))\b"
            r"|\breturn(?:s|ed|ing)? to (?:their |its |the )?(?:permanent |home )?"
            r"(?:barracks|bases?|garrisons?)\b"
            # Drills stopped for good: "Serbia extends suspension of military exercises".
            r"|\b(?:suspension of|suspends|moratorium on|freeze on|ban on|halts)(?: [\w'-]+){0,3} "
            + DRILL_NOUNS
            + r"\b"
            # (A place between: "joint drills in Nakhchivan concluded".)
            r"|\b" + DRILL_NOUNS + r"(?: (?:in|at|off|near|with) [\w'-]+)? "
            r"(?:(?:end|ends|ended|wrap up|wraps up|conclude|concludes|concluded|completed|postponed|"
            r"cancell?ed|called off|delayed)\b"
            # "Over" only where a clause ends: "drills over, units head home", not "drills over Isfahan".
            r"|over(?=\s*(?:$|[,.;:!?\u2013\u2014]| - | (?:as|and|but|after|with)\b)))"
            # Movements after an exercise: "BLR: post-ex movements"; the end of one: "PRC drills - ENDEX".
            r"|\bpost-?ex(?:ercise)?\b|\bendex\b"
            # ... and verb first: "Navy wraps up annual drills with fleet review".
            r"|\b(?:wrap(?:s|ped)? up|conclud(?:e|es|ed)|ends|ended|complet(?:e|es|ed)|finish(?:es|ed))"
            r"(?: [\w'-]+){0,3} " + DRILL_NOUNS + r"\b",
            re.IGNORECASE,
        ),
    ),
)


# Analysis and explainer pieces reason about events more than they report them, but they do report
# some ("Satellite imagery published on Thursday shows ..."): their frame is soft, lifted for a
# sentence that carries a news anchor.
_SOFT_FRAME = re.compile(
    r"^\s*(?:(?:news |special )?analysis|commentary|explainer|insight|feature|in focus|in depth"
    r"|(?:the )?long read"
    r"|big read|deep dive)\s*[:|\u2014-]"
    # ... and so is "<topic> explained", the explainer named at the end, and a reading of what an event
    # showed: "what November's drills did - and did not - reveal about the PLA".
    r"|\bexplained\s*$"
    r"|\bwhat\b[^.?!:]{1,60}?\b(?:reveals?|revealed|means|meant|tells us|told us|taught|teaches)\b",
    re.IGNORECASE,
)
_MONTH_ABBR = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# The parts of the story's day: "later in the afternoon" moves on within it (see _REPORT_ANCHOR and
# _CONTINUATION).
_DAY_PARTS: Final = r"(?:day|morning|afternoon|evening)"
# Days that place a sentence in the news of the week: a news anchor, and the only one a look back
# accepts (see lifts_frame).
_DAY_WORDS: Final = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:this|last) (?:week|weekend|morning)|over the weekend"
    r"|today|tonight|yesterday|overnight|last night|in recent days|in the past (?:few )?days"
)
_NEWS_ANCHOR = re.compile(
    r"\b(?:" + _DAY_WORDS
    # Told a news organisation: "residents told AFP that convoys had been moving since ...".
    + r"|told (?:afp|reuters|the associated press|ap|the bbc|bbc|cnn|dpa|efe|xinhua|anadolu|al jazeera|"
    r"kyodo|yonhap|tass|interfax)"
    r"|told reporters|said on|announced on|published on|(?:earlier|later) (?:this|on|in the) week"
    # Told as happening while the headline's chamber sat: "As the senators debated, 600 marines began
    # landing drills on the coast".
    r"|(?:as|while) (?:the )?(?:[\w'-]+ ){0,3}(?:" + _LAWMAKERS + r"|ministers|"
    r"delegates|parliament|senate|congress|assembly) (?:debated|met|voted|sparred|argued|deliberated|"
    r"convened|sat)"
    # A date: "on 14 March", "on March 14".
    r"|on \d{1,2} " + _MONTH_ABBR + r"|on " + _MONTH_ABBR + r" \d{1,2})\b",
    re.IGNORECASE,
)


# Under a look back only a day or this week brings a sentence to the present (see lifts_frame).
_DAY_ANCHOR: Final = re.compile(r"\b(?:" + _DAY_WORDS + r"|over the past (?:week|few days))\b", re.IGNORECASE)
# A headline counting time from an event is a soft frame (see article_frames) - unless the event is an
# attack, which the article then retells: "fully recovered two years after hack".
_ELAPSED: Final = re.compile(r"(?:years|decades?|months) (?:after|on|later|since)$")
_ELAPSED_EVENT: Final = re.compile(
    r"\s+(?:the |a |an |its |their )?(?:[\w'-]+ ){0,2}"
    r"(?:hack|hacks|attack|attacks|cyberattack|breach|invasion|war|offensive|incursion|raid|massacre|coup"
    r"|build-?up)\b",
    re.IGNORECASE,
)
_AGO: Final = re.compile(r"\bago\b", re.IGNORECASE)
_MODALS: Final = frozenset({"might", "could", "would"})
_DEBATE: Final = re.compile(r"\b(?:debates?|spar|clash|row|argue)$")


@dataclass(frozen=True)
class Frame:
    guard: Guard
    cue: str
    soft: bool = False  # lifted for sentences with a news anchor (see ``lifts_frame``)


# A digest or live page lists several stories under one headline: a frame from one of them ("...,
# hacker trial opens, ...") says nothing about the others.
_ROUNDUP = re.compile(
    r"^\s*(?:the )?week in\b|\bweekly\b|\bdigest\b|\bround-?up\b|\bwhat we know\b|\bas it happened\b"
    r"|^\s*live(?: updates)?\s*[:|\u2014-]|\blive updates\b|\bbriefing:",
    re.IGNORECASE,
)


def article_frames(title: str, body: str, published_year: int | None = None) -> list[Frame]:
    """Frames set by the headline over the body (a teaser too); none for a headline alone or a digest.

    A year in the headline ("1994: the summer the truce broke") dates the piece only when it is before
    the year of publication: "Daily assessment, December 7, 2026: key takeaways" is today's news."""
    if not title or not body.strip() or _ROUNDUP.search(title):
        return []
    frames = []
    for guard, pattern in _FRAMES:
        for found in pattern.finditer(title):
            year = _YEAR.search(found.group(0))
            if year and published_year is not None and int(year.group(1)) >= published_year:
                continue
            # A modal headline ("Why the battle for the city could redraw the map") frames the
            # reasoning; a sentence with a news anchor in its body still reports.
            # So does a debate in a chamber, whose story may report what prompted it.
            cue = found.group(0).lower()
            reasoning = guard is Guard.HYPOTHETICAL and (cue in _MODALS or _DEBATE.search(cue) is not None)
            # So does a story told at a distance in time ("Two years after the ceasefire, the north
            # asks ..."): it looks back, and it tells what happened this week with a day named.
            elapsed = (
                guard is Guard.HISTORY
                and _ELAPSED.match(cue) is not None
                and _ELAPSED_EVENT.match(title, found.end()) is None
            )
            frames.append(Frame(guard, found.group(0), soft=reasoning or elapsed))
            break
    soft = _SOFT_FRAME.search(title)
    if soft:
        frames.append(Frame(Guard.HYPOTHETICAL, soft.group(0).strip(), soft=True))
    return frames


# Broader than _NEWS_ANCHOR: what places a report in the present of a long article - a recent span
# ("over the past ten days", "in recent weeks", "since mid-November"), a day and month, an ongoing verb
# ("is reinforcing", "are being moved", "continued"), "latest". Background sentences rarely have one.
_REPORT_ANCHOR = re.compile(
    r"\b(?:over the weekend|at the weekend|this (?:month|year)|latest|now|currently|ongoing|under ?way"
    r"|additional|fresh|began|begun|kicked off|started"
    # A run of days still going on: "for a second night", "on the third straight day".
    r"|(?:for|on) (?:a|the) (?:second|third|fourth|fifth|sixth|seventh|\w+th) (?:straight |consecutive )?"
    r"(?:day|night|week)"
    r"|(?:in|over|during|within|for) the (?:past|last) (?:[\w-]+ ){0,2}"
    r"(?:hours?|days?|weeks?|fortnight|month)"
    r"|in recent (?:hours|days|weeks)|since (?:early |mid-?|late )?" + _MONTH_ABBR
    # A time of the story's day: "Later in the afternoon the ministry acknowledged ...".
    + r"|(?:earlier|later) (?:in the |that |on in the )?" + _DAY_PARTS
    + r"|this (?:morning|afternoon|evening)"
    + r"|for (?:(?:more than|over|nearly|almost|roughly|about|around|close to|well over|just over) )?"
    r"(?:a|one|two|three|four|five|several|a few|some|\d+)"
    r" (?:days?|weeks?)|for days"
    + r"|continu(?:e|es|ed|ing)|confirmed|forcing|halting|leaving|unavailable"
    # ... or a present perfect that runs on into today: "have been moving into the region".
    r"|(?:is|are|was|were|has been|have been) [\"'\u201c]?(?:now |still |currently |steadily )?(?:being )?"
    r"(?!(?:during|nothing|something|anything|everything|morning|evening|spring|king)\b)\w+ing"
    r"|\d{1,2} ?" + _MONTH_ABBR + r"|" + _MONTH_ABBR + r"\.? \d{1,2}(?!\d)"
    # A time of day: "opened fire at around 10.40 pm", "at about 11 p.m.".
    r"|\d{1,2}(?:[.:]\d{2})? ?(?:[ap]\.m|[ap]m))\b",
    re.IGNORECASE,
)


def has_report_anchor(sentence: str) -> bool:
    """A news anchor, or a recent span, a date or an ongoing verb: the sentence reports the present."""
    return has_news_anchor(sentence) or _REPORT_ANCHOR.search(sentence) is not None


def has_news_anchor(sentence: str) -> bool:
    """A weekday, "this week", "yesterday", "told reporters": the sentence reports, it does not muse."""
    return _NEWS_ANCHOR.search(sentence) is not None


def lifts_frame(frame: Frame, sentence: str) -> bool:
    """Whether a sentence reports past a soft frame: it has a news anchor and, under a look back,
    does not look back itself ("Two years after the president sent troops to the assembly, MPs laid
    flowers on Thursday" is the anniversary, not a deployment)."""
    if frame.guard is not Guard.HISTORY:
        return has_news_anchor(sentence)
    # A date is no anchor under a look back ("a snap check announced on February 26"), and a sentence
    # that measures time back ("five years ago this week") looks back itself.
    return (
        _DAY_ANCHOR.search(sentence) is not None
        and _HISTORY_CUES.search(sentence) is None
        and _AGO.search(sentence) is None
    )


# "Both sides then deployed ...": an adverb that carries the story on from the sentence before.
# "since then" and "until then" reach up to the present, so they do not continue a past story.
_CONTINUATION = re.compile(
    r"(?<!since )(?<!until )(?<!till )\b(?:then|subsequently|afterwards|afterward|thereafter)\b"
    r"|\blater\b(?! (?:on|this|today|tonight|in the " + _DAY_PARTS + r"|that day)\b)"
    r"|\b(?:the following|the next) (?:day|week|month|year|spring|summer|autumn|winter)\b"
    r"|\bwithin (?:days|weeks|months)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def dated_year(sentence: str, reference_year: int) -> str | None:
    """The first year before ``reference_year`` named in the sentence, if any."""
    for m in _YEAR.finditer(sentence):
        if int(m.group(1)) < reference_year:
            return m.group(1)
    return None


def continuation_cue(sentence: str, end: int) -> tuple[int, int] | None:
    """Span of a narrative continuation adverb before offset ``end`` of the sentence."""
    m = _CONTINUATION.search(sentence, 0, end)
    return m.span() if m is not None else None
