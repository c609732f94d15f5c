"""Linguistic guards: decide whether a rule's trigger is *asserted* or merely *mentioned*.

A rule that matches "troops ... massing" must not alert on "troops are not massing", "Moscow denied it
was massing troops", "Russia could mass troops", "troops began to withdraw", "the UN called for a
truce" or "Russia massed troops in 2014".  Analysts stop trusting a feed after a handful of such
alerts, so the detector asks this module, for every sentence where a rule matched, whether one of
six guards scopes over the matched words:

``NEGATION``      the trigger is negated ("the alliance has not offered to deploy soldiers").
``DENIAL``        the trigger is the thing being denied ("rejected any intention to attack").
``HYPOTHETICAL``  the trigger is conditional, modal, planned or future ("would begin drills").
``WITHDRAWAL``    the trigger's forces or drills are being pulled back or ended.
``PEACE_CALL``    the trigger is a truce being sought, agreed or brokered, not violated.
``HISTORY``       the trigger is background from the past ("after it annexed Crimea in 2014").

Design choices, and why:

* **Cue vocabularies are data.**  Each guard's cues are module-level tuples of small regular
  expression fragments (``*_CUES`` scope forward over a later trigger, ``*_POST_CUES`` backward over
  an earlier one, ``*_FALSE_FRIENDS`` are look-alike phrases that must not count, such as "not only",
  "denial-of-service" or "military might").  Reviewing a false alert should mean reading a list, not
  a parser.  Rule libraries add plain phrases through ``GuardSet(extra_cues=...)``.
* **Scope is the clause, approximated cheaply.**  A cue only counts inside the trigger's clause:
  clauses end at ``; : ? !``, dashes, closing quotes of quoted speech (``,"`` or ``" said``; a quoted
  phrase such as ``"no discussions" of`` stays in its clause) and at a comma followed by a
  contrastive or subordinating word (", but", ", while", ", as" ...).  "re:" is not a break.  A
  bracketed aside near the trigger is transparent: scope runs past "(pro-RU channels)" to a cue
  beyond it, and the words inside the brackets govern nothing outside them.  On top of that every
  cue family has a word window and a list of words that cut scope inside the gap (a negation does
  not reach through "why", a withdrawal verb does not reach through "and").  This is pragmatic,
  not a parse; the limits are listed at the end of this docstring.
* **Offsets stay valid.**  Matching runs on a folded copy of the sentence that has exactly the same
  length (lower case, curly apostrophes straightened, no-break spaces made spaces), so every
  :class:`GuardHit` points at the cue in the caller's original sentence.
* **Cheap enough to call per rule hit.**  CPython's ``re`` pays several nanoseconds per character
  for a big alternation, so cues are never *scanned* for.  At construction every fragment is reduced
  to an *anchor* (its first distinctive literal word, stem or suffix, derived from the regex itself)
  and grouped into a small pattern per anchor.  A call splits the clause into tokens once (a byte
  ``translate``), intersects them with the anchor set, and only tries the few small patterns whose
  anchor is present, at those positions.  Sentences with no cue words cost little more than the
  folding and clause split.
* **Some cues are not word-window cues.**  A short label before a colon that opens the sentence
  ("Historical:", "Rumour:", "Pulling back:", "Scenario:") governs the whole sentence for history,
  denial, withdrawal and hypothetical.  A fronted past-time adverbial ("In February 2022, ...",
  "By 2020 ...", "A decade ago this week, ...", "Ten years after Minsk, ...") dates the whole
  sentence unless something brings it back to the present ("now", "but", "has", "on Monday").
  A peace cue whose truce is introduced by "despite", "since", "hours into", "in violation of",
  "through" ... is background to fighting, not a peace call; calls, appeals and urgings are peace
  calls only with a peace object (ceasefire, calm, restraint, talks ...), otherwise the thing urged
  is merely hypothetical (a call-up summons, "urged reservists to report", is the event itself).

Known limits (all err towards suppressing, since a missed mention costs less trust than a false
alert): a guard sees one sentence; "and" followed by a new subject only ends a clause after a comma
and before a determiner, pronoun or capitalised word, so "Kyiv did not respond and troops massed"
is still negated; a relative clause without commas ("officials who could not be named said troops
massed") leaks its cue onto the trigger; a cue further than its word window (8 words for negation,
10 for modals, 15 for denials, 20 for "if") is missed; a conditional *after* the trigger ("troops
will mass if talks fail" is caught by "will", "troops massed if only briefly" is not) is ignored;
double negatives ("did not rule out") still count as negation; stems shorter than three letters
cannot be used as extra cues; a past-time frame set in an earlier sentence ("In the spring of 2021,
...") does not carry into the next one; "unconfirmed", "speculation" and "rumours" suppress even
when a later sentence confirms the report.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

__all__ = [
    "ALL_GUARDS",
    "DENIAL_CUES",
    "DENIAL_FALSE_FRIENDS",
    "DENIAL_LABELS",
    "DENIAL_POST_CUES",
    "DRILL_NOUNS",
    "HISTORY_ADJECTIVE_CUES",
    "HISTORY_CUES",
    "HISTORY_FALSE_FRIENDS",
    "HISTORY_HABITUAL_CUES",
    "HISTORY_LABELS",
    "HISTORY_SENTENCE_CUES",
    "HYPOTHETICAL_ADJECTIVE_CUES",
    "HYPOTHETICAL_AHEAD_CUES",
    "HYPOTHETICAL_CONDITIONAL_CUES",
    "HYPOTHETICAL_CUES",
    "HYPOTHETICAL_FALSE_FRIENDS",
    "HYPOTHETICAL_FUTURE_CUES",
    "HYPOTHETICAL_GENERIC_POST_CUES",
    "HYPOTHETICAL_LABELS",
    "HYPOTHETICAL_PLAN_POST_CUES",
    "HYPOTHETICAL_POST_CUES",
    "HYPOTHETICAL_TIME_CUES",
    "HYPOTHETICAL_TO_BE_HELD_CUES",
    "NEGATION_CUES",
    "NEGATION_FALSE_FRIENDS",
    "NEGATION_POST_CUES",
    "PEACE_CALL_CUES",
    "PEACE_CALL_FALSE_FRIENDS",
    "PEACE_CALL_POST_CUES",
    "PEACE_OBJECT_WORDS",
    "VIOLATION_WORDS",
    "WITHDRAWAL_CUES",
    "WITHDRAWAL_FALSE_FRIENDS",
    "WITHDRAWAL_LABELS",
    "WITHDRAWAL_POST_CUES",
    "Guard",
    "GuardHit",
    "GuardSet",
]


class Guard(StrEnum):
    """The six independent guards; rules opt in or out of each by its value."""

    NEGATION = "negation"
    DENIAL = "denial"
    HYPOTHETICAL = "hypothetical"
    WITHDRAWAL = "withdrawal"
    PEACE_CALL = "peace_call"
    HISTORY = "history"


ALL_GUARDS: Final[frozenset[Guard]] = frozenset(Guard)
_GUARD_ORDER: Final[tuple[Guard, ...]] = tuple(Guard)  # iterating the enum class itself is slow


@dataclass(frozen=True, slots=True)
class GuardHit:
    """One guard that suppresses a match: which guard, and the cue that proves it.

    ``start``/``end`` index the cue inside the sentence passed to :class:`GuardSet`, and ``cue`` is
    that slice of the original sentence, so an analyst (or ``rules explain``) can see exactly which
    words silenced the rule.
    """

    guard: Guard
    cue: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------------
# Vocabularies.  Fragments are matched, lower-cased, against the folded sentence with a word boundary
# on both sides.  ``\w+`` placeholders stand for "any one word".
# ---------------------------------------------------------------------------------------------------

_W = r"[\w'-]+"  # one word, apostrophes and hyphens included ("russia's", "large-scale")
# What one side says of another, which the other may answer: "a charge the rebels rejected".
_CHARGES: Final = r"(?:charges?|claims?|allegations?|accusations?)"
# The nouns of a drill, read by the guards that look ahead to one ("outline spring exercise", "back
# after six weeks of war games"): one list, so every guard knows the same drill words.
# A readiness check is a drill by another name: "Pacific Fleet wraps up snap readiness check".
DRILL_NOUNS: Final = (
    r"(?:drills?|exercises?|manoeuvres?|maneuvers?|war ?games?|"
    r"(?:combat[- ])?readiness (?:checks?|inspections?|tests?))"
)
# Statuses a monitoring note puts in brackets after what it names: "US/ROK/JP - trilateral drill
# (planned)". They are read as cues (see HYPOTHETICAL_PLAN_POST_CUES), not blanked as remarks (`_clause`).
_STATUS_ASIDES: Final = ("planned", "scheduled", "proposed", "upcoming", "expected")

NEGATION_CUES: Final[tuple[str, ...]] = (
    r"not",
    # "spotted and blocked before any systems were breached": the breach never happened.
    r"before any",
    r"\w+n't",
    r"cannot",
    r"never",
    r"no",
    # A count of nothing, as monitors log it: "0 CFVs logged this week", "zero violations".
    r"(?:0|zero|nil)(?= [a-z])",
    r"none",
    r"nobody",
    r"no one",
    r"nothing",
    r"neither",
    r"nor",
    r"no longer",
    r"far from(?= \w+ing\b| being\b| over\b)",
    r"stop(?:s|ped|ping)? short of",
    r"refrain(?:s|ed|ing)? from",
    r"declin(?:e|es|ed|ing) to",
    r"fail(?:s|ed|ing)? to",
    r"refus(?:e|es|ed|ing) to",
    r"unable to",
    r"yet to",
    r"lack(?:s|ed|ing)? of",
    r"absence of",
    r"rul(?:e|es|ed|ing) out",
    r"avoid(?:s|ed|ing)?",
    r"rather than",
    r"instead of",
)
"""Negators that govern a trigger appearing after them ("the alliance has not offered to deploy soldiers")."""

NEGATION_POST_CUES: Final[tuple[str, ...]] = (
    r"(?:is|are|was|were|has|have|had|will|would|could|can|do|does|did|should|may|might|must|been)"
    r"(?: (?:still|also|yet|so far|reportedly|apparently|actually|even))? (?:not|never)",
    r"\w+n't",
    r"cannot",
    r"(?:is|are|was|were|remains?|remained) (?:still )?off the table",
    r"off the table",
    r"out of the question",
    r"not an option",
    r"(?:has|have|had|was|were) been ruled out",
    # Headline ellipsis: "Call-Up 'Not Being Considered,' Ministry Says", "Drills not planned".
    r"not (?:being |yet |currently )?(?:considered|contemplated|planned|discussed|envisaged|foreseen|"
    r"imminent|expected|anticipated|"
    r"on the (?:table|agenda|cards))",
)
"""Negated predicates after a trigger that is their subject ("sending troops is not on the table")."""

# The anonymity formula, neither a negation nor a hypothetical: "speaking on condition of anonymity
# because they were not authorised to brief the media, said additional units had been moved up".
_ANONYMITY_FORMULA: Final = (
    r"(?:(?:were|was|are|is) not |(?:weren|wasn|aren|isn)'t |not )?"
    r"(?:authori[sz]ed|allowed|permitted|cleared)"
    r" to (?:speak|brief|talk|comment|discuss|disclose|be named|be identified|go on the record)"
)

NEGATION_FALSE_FRIENDS: Final[tuple[str, ...]] = (
    _ANONYMITY_FORMULA,
    r"not (?:only|just|merely|simply|least|to mention|surprisingly|unlike|for the first time)",
    r"not long (?:ago|after|before)",
    r"not far (?:from|away)",
    r"(?:if|or|whether or) not",
    r"no (?:fewer|less|more|later|sooner|earlier) than",
    r"no (?:doubt|matter|wonder|stranger|secret|end)",
    r"no[-.]\w*",
    r"no man's land",
    r"nothing (?:short of|less than|new)",
    r"never[- ]before",
    r"never-\w+",
    r"with or without",
    r"as (?:if|though) (?:no|not|none|nothing|never)",
    r"without (?:warning|notice|delay|provocation|hesitation|a doubt|doubt)",
    r"(?:made|make|makes|making) no secret",
    r"none other than",
    r"in no time",
    r"(?:not|never|cannot|\w+n't) (?:\w+ )?(?:hesitat\w*|stop\w*|prevent\w*|deter\w*|hinder\w*|hide|hid|"
    r"den(?:y|ied|ies|ying)|ceas\w*|wait\w*|shy away)",
    # Avoiding detection or casualties while doing the thing is not avoiding the thing.
    r"avoid(?:s|ed|ing)? (?:\w+ )?(?:detection|notice|being (?:seen|spotted|detected)|casualties|panic|"
    r"attention|delays?|satellites?|surveillance|radar)",
    r"rather than (?:later|sooner|words|rhetoric|diplomacy|talks|negotiat\w*|dialogue)",
    r"instead of (?:talks|negotiat\w*|dialogue|diplomacy|withdraw\w*|pulling back|retreat\w*|de-?escalat\w*|"
    r"standing down)",
)
"""Phrases that contain a negator but do not negate anything ("not only", "no fewer than")."""

DENIAL_CUES: Final[tuple[str, ...]] = (
    r"den(?:y|ies|ied|ying|ial|ials)",
    # Words may qualify what is rejected: "rejected Indian media reports that ...", and in a headline
    # name it: "rejects hacker group's payroll breach claim".
    rf"reject(?:s|ed|ing)? (?:any |all |the |these |those |such )?(?:{_W} ){{0,4}}(?:intentions?|intent|"
    r"plans? to|claims?|accusations?|allegations?|reports?|suggestions?|notion|charges?|assertions?|"
    r"speculation|rumou?rs|stories|articles|talk|statements?)",
    # The verdict first: "rejected as 'baseless and misleading' Indian media reports claiming ...".
    rf"reject(?:s|ed|ing)? as [\"'\u201c]?(?:{_W}[\"'\u201d,]* ){{1,4}}(?:{_W} ){{0,3}}"
    r"(?:claims?|accusations?|allegations?|reports?|suggestions?|charges?|assertions?|speculation|rumou?rs|"
    r"stories|articles|statements?)",
    # A report described as an invention: "described Western reports that Russia is massing troops as
    # 'a fabrication'".
    rf"describ(?:e|es|ed|ing) (?:{_W} ){{0,3}}(?:reports?|claims?|allegations?|accusations?) (?:that|of)"
    r"(?=.* as [\"'\u201c]?(?:an? )?(?:fabrication|fabricated|lie|lies|fake|fiction|invention|nonsense|"
    r"hysteria|propaganda|disinformation|provocation)\b)",
    rf"(?:dismiss(?:es|ed|ing)?|rubbish(?:es|ed|ing)?|trash(?:es|ed|ing)?|scoff(?:s|ed|ing)? at|"
    rf"ridicul(?:e|es|ed|ing)|brush(?:es|ed|ing)? (?:off|aside)|laugh(?:s|ed|ing)? off|"
    rf"pour(?:s|ed|ing)? cold water on|shrug(?:s|ged|ging)? off|push(?:es|ed|ing)? back (?:on|against)) "
    # The verdict may come first: "dismissed as \"hysteria\" Western reports that ...".
    rf"(?:as [\"'\u201c\u2018]?(?:{_W} ){{0,2}}{_W}[\"'\u201d\u2019]? )?"
    r"(?:the |any |all |these |those |such |an? )?"
    rf"(?:{_W} ){{0,3}}(?:reports?|claims?|"
    r"allegations?|accusations?|suggestions?|speculation|rumou?rs|fears|talk|stories|articles|"
    # What is dismissed may be the pictures: "dismissed videos of convoys heading towards the town".
    r"videos?|clips?|footage|images|photos?|posts?)",
    r"refut(?:e|es|ed|ing)",
    r"rebuff(?:s|ed|ing)?",
    r"(?:false|fake|baseless|groundless|unfounded|untrue|fabricated|bogus|unconfirmed|unverified|"
    r"uncorroborated|unsubstantiated|dubious|doubtful) (?:media |press |online |social media )?(?:reports?|"
    r"claims?|allegations?|news|stories|rumou?rs|accusations?|footage|videos?|images|posts?)",
    # Unverified talk rather than a report of the event ("speculation on social media re: massing").
    r"(?:speculation|rumou?rs?|hearsay|gossip|chatter) (?:\w+ ){0,3}?(?:of|that|about|on|over|re|regarding)",
    r"claims? (?:by|from)",  # only as a note's opening words: "Claim by hackers of DDoS on ..."
    # Unverified online chatter: "social media posts claimed armoured vehicles were heading south".
    r"(?:social media|sm|online|telegram|tg|x|unverified|anonymous) (?:\w+ )?(?:posts?|videos?|accounts?|"
    r"channels?|chans?|bloggers?|users?) (?:later |also |then )?(?:claim|claims|claimed|claiming|alleg\w+|"
    r"suggest\w*)",
    # A channel named in quotes: "Anon TG channel 'Baltic Front' (~12k subs) claims troops concentrating".
    r"(?:telegram|tg|x|online|anonymous|anon) (?:[\w-]+ )?(?:channels?|chans?|accounts?) "
    r"['\"\u2018\u201c][^'\"\u2019\u201d]{1,40}['\"\u2019\u201d] +(?:later |also |then )?"
    r"(?:claim|claims|claimed|claiming|alleg\w+)",
    # A feed full of claims: "social media has been awash with claims that troops are being massed".
    r"(?:awash|abuzz|rife|flooded|full|alive) with (?:\w+ )?(?:claims?|rumou?rs?|speculation|videos?|posts?) "
    r"(?:that|of)",
    # A partisan channel or an influence operation: "Pro-RU channel claims 'total hack' of the ministry",
    # "info ops claim the army is 'massing mechanized divisions'".
    r"(?:pro-[\w-]+|hacktivist|anonymous|anon|partisan) (?:[\w-]+ )?(?:channels?|chans?|accounts?) "
    r"(?:later |also |then )?(?:claim|claims|claimed|claiming|alleg\w+)",
    r"(?:info ops|information operations?|propaganda (?:outlets?|channels?|accounts?)) (?:\w+ )?"
    r"(?:claim|claims|claimed|claiming|alleg\w+)",
    # A post as the only source: "a hacktivist group posted on Telegram on Tuesday that it had 'destroyed'".
    r"posted on (?:telegram|tg|x|twitter|social media|its channel)(?: [\w-]+){0,3}? that",
    # Viral chatter: "Viral clip claims armour massing on the border today".
    r"viral (?:[\w/-]+ ){0,2}(?:clips?|videos?|posts?|footage|images) (?:[\w-]+ ){0,2}?"
    r"(?:claim\w*|alleg\w*|purport\w*)",
    r"viral claims? (?:of|that)",
    # Posts on a platform, a date between: "Posts on X 06 DEC claimed armour massing on the island".
    r"(?:posts?|videos?|clips?|accounts?|users?|reports?|claims?) on (?:several |multiple |some |many )?"
    r"(?:x|telegram|tg|twitter|tiktok|facebook|weibo|vk|social media)(?: accounts| channels)?"
    r"(?= (?:of|that)\b)",
    r"(?:posts?|videos?|clips?|accounts?|users?) on "
    r"(?:x|telegram|tg|twitter|tiktok|facebook|weibo|vk|social media)"
    r"(?: [\w-]+){0,3}? (?:claim|claims|claimed|claiming|alleg\w+)",
    # The platform told after the channel: "a hacktivist channel on Telegram later claimed to have ...".
    r"(?:channels?|chans?|accounts?|groups?) on (?:telegram|tg|x|twitter|social media) "
    r"(?:later |also |then )?"
    r"(?:claim|claims|claimed|claiming|alleg\w+)",
    # Claims seen on channels, not a report: "repeat claims on Telegram channels of armour massing".
    r"(?:repeat(?:ed)? |unverified |online |social media )?claim(?:s|ed|ing)? (?:on|in) (?:[\w/-]+ ){0,3}?"
    r"(?:channels?|social media|telegram|tg|accounts?|forums?|posts?|x|twitter) (?:of|that)",
    # Media claims: "media claims of armour moving into the peninsula".
    r"(?:media|press|online|unverified) claims? (?:of|that)",
    # Chatter passed on, not a report: "accounts have circulated claims that armour is massing".
    r"(?:circulat(?:e|es|ed|ing)|spread(?:s|ing)?|amplif(?:y|ies|ied|ying)|shar(?:e|es|ed|ing))"
    r" (?:\w+ ){0,2}?"
    r"(?:claims?|rumou?rs?|allegations?|videos?|posts?|footage) (?:that|of|showing|purporting|claiming)",
    # A question put to an official about a report, not the report confirmed: "asked the minister to
    # respond to a media report that troops had been sent", "was asked about reports that ...".
    r"asked (?:\w+ ){0,3}?(?:to respond to|to comment on|to confirm|to address|about) (?:a |an |the |recent |"
    r"these |those )?(?:\w+ )?(?:reports?|claims?|allegations?|rumou?rs?)",
    r"(?:has|have|had) no (?:plans?|intentions?)",
    r"there (?:are|were|is|was) no plans?",
    rf"called (?:the )?(?:reports?|claims?|allegations?)(?: {_W}){{0,8}} [\"'\u201c\u2018]?"
    r"(?:false|fake|baseless|groundless|"
    r"unfounded|untrue|lies|nonsense|fabricat\w+|propaganda|hysteria)",
)
"""Denials that scope over a trigger after them ("Moscow denied that it was massing troops")."""

DENIAL_POST_CUES: Final[tuple[str, ...]] = (
    # Taken for what it was not: "'troop build-up' was misread satellite imagery, analysts say".
    r"(?:was|were|is|are|has been|have been|had been)(?: \w+)? (?:misread|misidentified|misinterpreted|"
    r"mistaken for|a misreading)",
    r"(?:was|were|is|are|has been|have been|had been)(?: \w+)? (?:denied|dismissed|rejected|refuted|"
    r"rebuffed|debunked)",
    # (Not what the act is said to be: "fired shells in what state media described as a live-fire drill".)
    r"(?:dismissed|rejected|denied|branded|described|labell?ed|called) as"
    r"(?! (?:an? |the |its |their )?(?:[\w-]+ ){0,2}" + DRILL_NOUNS + r"\b)",
    rf"(?:charges?|claims?|allegations?|accusations?|reports?|assertions?) (?:that )?(?:{_W} ){{0,3}}"
    r"(?:denies|denied|rejects|rejected|dismisses|dismissed|refutes|refuted)",
    r"(?:is|are|was|were) [\"'\u201c]?(?:\w+ )?(?:false|fake|baseless|groundless|unfounded|untrue|"
    r"fabricated|lies|nonsense|disinformation|propaganda|hysteria|fiction|fantasy|fantasies|fabrications?|"
    r"inventions?|psychological warfare|psy-?ops|scaremongering|fearmongering|smears?)",
    r"fake news",
    # A headline's quoted verdict, verb dropped: "Claims of cyberattack on banks 'sheer lies': official".
    *(
        quote + r"(?:sheer |pure |utter |outright |blatant |total |complete )?(?:lies|false|fake|baseless|"
        r"groundless|nonsense|fabricated|fabrications?|propaganda|fiction|disinformation)\b"
        for quote in ("'", '"')
    ),
    # A claim of right, not a report: "Russia moves its units on its own territory as it sees fit".
    r"as (?:it|they|we|he|she) sees? fit",
    # Old footage passed round again: "the 'war games on the doorstep' posts doing the rounds are recycled".
    r"(?:is|are|was|were) (?:\w+ )?(?:recycled|outdated|misattributed|old footage)",
    # A report corrected: "the report of a truce violation was incorrect".
    r"(?:is|are|was|were) (?:\w+ )?(?:incorrect|inaccurate|misleading|wrong)",
    # Reports that could not be checked or were not borne out ("... unconfirmed; no imagery").
    r"(?:(?:is|are|was|were|remains?|remained|still|as yet|so far|yet) )?(?:unconfirmed|unverified|"
    r"uncorroborated|unsubstantiated)(?= *(?:$|[,.;:!?)/-]| by\b| and\b| or\b| as\b))",
    r"(?:(?:could|can|has|have|had|was|were|is|are) not|\w+n't) (?:yet )?(?:be |been )?(?:independently )?"
    r"(?:verified|confirmed|corroborated|substantiated)",
    r"not (?:independently )?(?:confirmed|verified|corroborated|substantiated|supported by|borne out)",
    r"(?:exaggerated|overstated|inflated)(?= *(?:$|[,.;:!?)/-]| by\b| and\b| or\b))",
    r"no (?:corroborating|supporting|independent|confirming) (?:evidence|imagery|images|footage|reports?|"
    r"confirmation|sources?)",
    r"(?:proved|proven|turned out to be|assessed as|assessed to be) (?:\w+ )?(?:false|fake|untrue|baseless|"
    r"wrong|a hoax)",
    # A claim of right answers a report without confirming it: "the deployment of its forces was a
    # sovereign matter", "troop movements on its own soil are nobody's business".
    r"(?:is|are|was|were|remains?|remained)(?: [\"'\u201c])? ?(?:a |an |entirely |purely |solely )*"
    r"(?:sovereign|internal|domestic) (?:matter|affair|business|right|decision|issue)",
    r"(?:is|are|was|were) (?:nobody|no one|no-one)'s (?:business|concern)",
    # "reports of a troop build-up were part of a disinformation campaign"
    r"(?:is|are|was|were) (?:all )?part of (?:a |an |the )?(?:[\w-]+ )?(?:disinformation|propaganda|smear|"
    r"psychological|influence|information)",
)
"""Passive and reported denials of an earlier trigger ("reports of massing were dismissed as fake")."""

DENIAL_FALSE_FRIENDS: Final[tuple[str, ...]] = (
    # Denying a role in an event is not denying the event: the attack still happened.
    r"den(?:y|ies|ied|ying|ial|ials)(?: (?:any|all|its|their|his|her|the|a|direct|having|official|"
    r"russian|moscow's|russia's|beijing's|china's|iran's|kremlin))* (?:involvement|responsibility|role|"
    r"blame|part|participation|complicity|links?|connections?|culpability|wrongdoing|hand|knowledge|"
    r"anything to do|orchestrating|carrying out|perpetrating|sponsoring|being (?:behind|involved|"
    r"responsible|linked))",
    rf"den(?:y|ies|ied|ying)(?: that)?(?: {_W}){{1,3}} (?:was|were|is|are|had been|had|has) (?:behind|"
    r"responsible|involved|a party|linked)",
    rf"reject\w* (?:{_W} )?(?:responsibility|involvement|blame)",
    r"denial[- ]of[- ]service",
    r"area[- ]denial",
    r"(?:not|never|cannot|\w+n't) (?:\w+ )?den(?:y|ies|ied|ying)",
    # A charge dismissed before is not this one answered: "accused them of shelling the area on Friday,
    # a charge their commanders have dismissed in the past as propaganda".
    rf"{_CHARGES} (?:{_W} ){{0,3}}(?:denied|dismissed|rejected|refuted) "
    r"(?:in the past|before|previously|repeatedly)",
)
"""Look-alikes: attribution denials, DDoS, "area denial" weapons, and "did not deny"."""

_HEADLINE_INFINITIVE_CUE: Final = (
    r"to (?:stage|hold|conduct|launch|begin|start|kick off|deploy|send|station|resume|join|"
    r"bring together)(?= )"
)
_HEADLINE_INFINITIVE: Final = re.compile(_HEADLINE_INFINITIVE_CUE)

HYPOTHETICAL_CUES: Final[tuple[str, ...]] = (
    r"could", r"would", r"might", r"may", r"should", r"can(?!'t)", r"must",
    r"(?:threaten|plan|intend|aim|hope|want|seek|try|tries|attempt|prepare|scheme|schem|plot)(?:s|ed|d|ing)?"
    r"(?: (?:on|this|late|early|again) \w+| again)? to",
    # Undertakings are intentions, not events: "promised to strengthen forces along the frontier".
    r"(?:promis|pledg)(?:e|es|ed|ing) to",
    r"vow(?:s|ed|ing)? to",
    r"imagin(?:e|es|ed|ing)(?= that\b| a\b| an\b)",  # "the exercise imagined that a group had encrypted..."
    # Obligation or arrangement, not an act: "under the deal, the group was to move its fighters north".
    r"(?:was|were) to(?! blame\b)(?= \w+)",
    # Permission is not the act: "a pact allowing troop deployments", "will allow their troops to
    # train on each other's soil"; nor is the agenda of a meeting ("the schedule of the drills").
    *(
        verb + r"(?= (?:[\w'-]+ ){0,4}(?:to\b|deployments?\b|drills\b|exercises\b|training\b|access\b|"
        r"presence\b))"
        for verb in (r"allow(?:s|ed|ing)?", r"permit(?:s|ted|ting)?", r"authoris(?:e|es|ed|ing)",
                     r"authoriz(?:e|es|ed|ing)",
                     # Consent to an entry: "Congress OKs entry of US troops for training exercises".
                     r"(?:oks|ok's|okays|okayed|approves|approved|greenlights|greenlit) (?:the )?entry of")
    ),
    r"(?:schedule|timing|future|fate|calendar) of",
    # An obligation under a deal: "the ceasefire requires the army to deploy in their place".
    r"requir(?:e|es|ed|ing)(?= (?:[\w'-]+ ){0,8}to\b)",
    # Urging someone to act: the act is asked for, not done ("urged Moscow to recognise ...").
    r"urg(?:e|es|ed|ing)", r"call(?:s|ed|ing)? for", r"appeal(?:s|ed|ing)? for",
    r"(?:press|push)(?:es|ed|ing)? for",
    r"(?:appeal(?:s|ed|ing)? to|call(?:s|ed|ing)? on|press(?:es|ed|ing)?|lobb(?:y|ies|ied|ying))"
    r"(?= (?:[\w'-]+ ){1,4}to\b)",
    r"sought to", r"tried to", r"plann(?:ed|ing) to", r"hoping to", r"preparing to",
    r"struggl(?:e|es|ed|ing) to",
    r"due to (?:begin|start|take place|be held|arrive|hold|launch|open|kick off|get under way|"
    r"get underway|commence)",
    r"(?:plans?|preparations?|intentions?|intent|ambitions?|schemes?|proposals?|threats?|options?|possibility|"
    r"idea|prospects?) "
    r"(?:of|for|to)",
    r"prepar(?:e|ing|es|ed) for",
    # Not yet, or not any particular one: "brief parliament on any future deployment", "warned that any
    # renewed offensive could unravel the calm".
    r"future(?!s)",
    r"any(?= (?:renewed|new|further|fresh|possible|such|major|large-scale|wider|eventual|ceasefire|truce|"
    r"peace|deal|settlement|agreement)\b)",
    # A demand is for an act, not the act: "lawmakers demanded that the army withdraw".
    r"demand(?:s|ed|ing)? that",
    # Talk about an act, or a bill on it, is not the act: "officers talk openly about moving brigades",
    # "the chamber clashes over a bill on sending troops abroad".
    r"(?:talk|talks|talked|talking|speak|speaks|spoke|speaking|think|thinks|thinking)(?: openly| publicly)? "
    r"(?:about|of)(?= \w+ing\b)",
    r"(?:bill|law|motion|resolution|amendment|debate|rules) on(?= \w+ing\b)",
    # A quarrel over an act is a debate about it: "MPs clash over sending troops to the region".
    r"(?:clash(?:es|ed)?|rows?|spar(?:s|red)?|split(?:s)?|divided|argu(?:e|es|ed)|debat(?:e|es|ed))"
    r" over(?= \w+ing\b)",
    # A move towards an act, or forces set aside for one: "Japan's moves to deploy offensive weapons",
    # "units earmarked for the exercise".
    r"moves? to(?= (?:expand|deploy|station|send|build|boost|increase|strengthen|bolster|hold|stage)\b)",
    r"earmarked for",
    # What a plan will add: "will expand the exercise next March to include more field training".
    r"to include(?= )",
    # A warning of a threat, not a report of a hit: "cyber agency warns ransomware gangs are targeting
    # utilities"; plans: "hackers were preparing attacks on the grid".
    r"warn(?:s|ed|ing)?(?= (?:that )?(?:[\w'-]+ ){0,4}(?:are|is|were|was) (?:targeting|planning|preparing|"
    r"probing|scanning|seeking|looking)\b)",
    r"prepar(?:e|es|ed|ing)(?= (?:[\w'-]+ ){0,2}(?:attacks?|strikes?|offensives?|invasion|cyberattacks?|"
    r"cyber-attacks?)\b)",
    # A probability is an assessment: "likelihood of RU force massing along the border LOW".
    r"(?:likelihood|probability|chances?|odds) of",
    # Weighing an act is considering it: "as planners weigh a live-fire sinking exercise".
    r"weigh(?:s|ed|ing)?(?= (?:a|an|the|whether|plans?|options?|sending|deploying|holding)\b)",
    # The cost of an act is a debate about it: "clashed over the rising cost of stationing a brigade".
    r"(?:cost|costs|price|bill|expense|expenses) of(?= \w+ing\b)",
    # Waiting for forces is not their arrival: "the line is there to buy time for reinforcements to arrive".
    r"(?:buy(?:s|ing)?|bought|gain(?:s|ed|ing)?|win(?:s|ning)?) (?:\w+ )?time",
    r"wait(?:s|ed|ing)? for(?= (?:[\w'-]+ ){1,4}to\b)",
    r"map(?:s|ped|ping)? out",
    # A time that has not come: "the window to prepare is now, not when troops start arriving".
    r"(?:not |only |until |before )?when(?= (?:[\w'-]+ ){1,3}(?:start|starts|begin|begins)\b)",
    # Hosting is ahead ("Sweden to host a NATO drill in March"); a threat of drills is not drills.
    r"to host(?= )",
    # Headline future: "Japan, U.S. to hold large-scale joint drill next month" (only after a bare
    # headline subject - see _headline_future - not "sent troops to Belarus to hold drills").
    _HEADLINE_INFINITIVE_CUE,
    r"threaten(?:s|ed|ing)?(?= (?:[\w'\"\u2018\u2019-]+ ){0,2}(?:drills|exercises|manoeuvres|war games|"
    r"strikes|attacks|retaliation|deployments?)\b)",
    r"(?:plan(?:s|ned|ning)?|plot(?:s|ted|ting)?)"
    r"(?= (?:[\w'-]+ ){0,2}(?:" + DRILL_NOUNS + r"|deployments?|"
    r"operations?|offensives?|attacks?|cyberattacks?|cyber-attacks?|hacks?|"
    r"sabotage|strikes?|invasion)\b)",
    # The drill may be named further on after a verb that plans it: "are planning their first
    # large-scale joint field exercise"; a headline eyes what it plans: "Manila and Tokyo eye first
    # joint drills". (Not a bare "plan": "PLAN ships holding live-fire drills" is China's navy.)
    r"(?:plans|planning|plotting|(?<!\bthe )(?<!\ban )(?<!\ball )(?<!\bwatchful )eye(?:s|ing)?)"
    r"(?= (?:[\w'-]+ ){0,5}" + DRILL_NOUNS + r"\b)",
    # An indirect question about size or timing, answered by a modal after the trigger:
    # "how long such a build-up would take" (checked in ``_sense_ok``).
    r"how (?:long|many|much|quickly|soon|fast|far|big|large|likely)",
    r"(?:is|are|was|were|been|be) (?:\w+ )?(?:considering|weighing|mulling|contemplating|exploring|"
    r"discussing)",
    r"consider(?:s|ed)?(?= \w+ing\b)",
    r"(?:weigh|mull|contemplat|explor)(?:s|ed|e|es|ing)?(?= (?:\w+ )?\w+ing\b)",
    r"look(?:s|ed|ing)? (?:at|into)(?= \w+ing\b)",
    r"(?:discuss|debat|propos|recommend|suggest)(?:e|es|ed|ing|s)?(?= (?:\w+ )?\w+ing\b)",
    # A debate about an act is not the act: "any discussion of troop deployments had to be reciprocal".
    r"(?:discussions?|debates?) (?:of|on|about|over)",
    r"not rul(?:e|es|ed|ing) out",
    r"possibl[ey]", r"potential(?:ly)?", r"risks? of", r"fears? (?:of|that)", r"feared", r"threat of",
    r"expect(?:s|ed|ing)?", r"unlikely",
    # An analyst's assessment of a verb is a report, not a forecast: "forces likely continue to
    # concentrate", "have likely redeployed", "are likely massing"; "the likely deployment" and
    # "likely to deploy" stay hypothetical.
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )likely"
    r"(?! (?:\w+ed|\w+ing|continue[sd]?|remain(?:s|ed)?|still)\b)",
    r"(?:the|a|an|its|their) likely",
    r"(?:ready|prepared|willing|poised|set|about) to",
    # A capability, not an act: "could be in a position to concentrate 100,000 troops".
    r"in a position to", r"(?:is|are|was|were|be|been|remains?) capable of",
    r"on the (?:verge|brink) of", r"in case", r"in the event", r"scenarios?", r"what if", r"would-be",
    r"hypothetical(?:ly)?", r"suppose", r"supposing", r"assuming", r"imagine", r"contingenc(?:y|ies)",
    # A simulated cyber incident did not happen: "teams simulated a ransomware outbreak ... and a wiper
    # attack on a bank" (not "warplanes simulated strikes", which is the exercise itself).
    r"simulat(?:e|es|ed|ing)(?= (?:[\w-]+ ){0,3}(?:ransomware|cyber\w*|hack\w*|wiper|ddos|data breach|"
    r"outages?|malware|phishing|intrusions?)\b)",
    # "planning is under way for a Baltic manoeuvre": the manoeuvre is still to come.
    r"(?:planning|preparations?|preparatory work|talks) (?:is |are |was |were |has |have )?(?:already )?"
    r"(?:under ?way|continuing|begun|started|been launched) (?:for|on)",
    # A coming edition: "planning next year's edition of the joint exercise".
    r"next (?:year|month|week|spring|summer|autumn|fall|winter)'s",
    r"upcoming", r"forthcoming", r"planned", r"scheduled", r"imminent",
    # A drill set out on paper: "Armed Forces outline spring exercise".
    r"outlin(?:e|es|ed|ing)(?= (?:[\w'-]+ ){0,3}" + DRILL_NOUNS + r"\b)",
)
"""Modals, intentions and possibilities that govern a later trigger ("could regroup", "plans to")."""

HYPOTHETICAL_CONDITIONAL_CUES: Final[tuple[str, ...]] = (
    r"if", r"unless", r"whether", r"as long as",
    # "once" with a present-tense verb is a future condition: "once the drills begin".
    r"once(?= (?:[\w'-]+ ){1,4}(?:begin|start|end|open|resume|get|arrive|is|are)s?\b)",
)
"""Conditionals: they govern their own clause up to the comma that starts the main clause."""

HYPOTHETICAL_FUTURE_CUES: Final[tuple[str, ...]] = (
    r"will", r"shall", r"\w+'ll", r"going to(?= \w+)", r"gonna",
)
"""Weak future cues: only a trigger within six words after them is unrealised ("will send troops", "will hold
their annual Freedom Shield combined exercise")."""

HYPOTHETICAL_TIME_CUES: Final[tuple[str, ...]] = (
    r"(?:for |by |in |from )?next (?:year|month|week|spring|summer|autumn|fall|winter|decade)(?:'s)?",
    r"next (?:january|february|march|april|june|july|august|september|october|november|december)",
    r"(?:from |by |on |until )?next (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    r"the (?:coming|next|following) (?:few |several )?(?:days|weeks|months|years)",
    r"(?:in|within|over) (?:the )?coming (?:few |several )?(?:days|weeks|months|years)",
    r"later (?:this|in the) (?:year|month|week|spring|summer|autumn|fall|winter|decade)",
    r"by the end of (?:the|this|next) (?:year|month|week|spring|summer|autumn|fall|winter|decade)",
)
"""Future dates next to the trigger: the drills are planned, not held ("larger exercises next year")."""

HYPOTHETICAL_ADJECTIVE_CUES: Final[tuple[str, ...]] = (
    r"next(?= (?:[\w-]+ )?" + DRILL_NOUNS + r"\b)",
)
"""An adjective that puts the drill it qualifies ahead: "next nuclear drill with Russia set for spring" (only
adjacent, and only a drill: "the next day, troops moved" and "the next convoy of troops arrived on
Monday" are a sequence of past events)."""

HYPOTHETICAL_AHEAD_CUES: Final[tuple[str, ...]] = (
    r"ahead of", r"in (?:the )?(?:run|lead)-up to", r"in preparation for", r"before the start of",
    # Joining or setting off for a drill still to come: "Vietnam signs up for the Komodo naval exercise",
    # "contingent departs for exercise KAZIND".
    # (Only before a drill: "two battalions left for the border region" is a move.)
    r"(?:sign(?:s|ed|ing)? up (?:for|to)|(?:depart(?:s|ed|ing)?|leaves|left|leaving|sets? off|set off) for)"
    r"(?= (?:[\w'-]+ ){0,3}" + DRILL_NOUNS + r"\b)",
)
"""An event still to come, named right after the cue: "forces arrived in Belarus ahead of joint drills"."""

HYPOTHETICAL_POST_CUES: Final[tuple[str, ...]] = (
    r"(?:could|would|might|may|will|can|should)(?: (?:still|also|soon|yet|even|then|eventually|again))? "
    r"(?:be|have been|happen|occur|follow|come|take place|begin|start|go ahead|proceed|materiali[sz]e|"
    r"unfold|resume|escalate|become)",
    # What a planned event will comprise: "the live-fire segments will include rocket launchers".
    r"(?:will|would|could|might|may|are to|is to)(?: (?:also|still|again|reportedly))? (?:include|involve|"
    r"feature|comprise|bring together|draw in)",
    r"(?:is|are|was|were|remains?|remained|seems?|seemed|looks?)(?: (?:still|now|also|increasingly|very|"
    r"more|most|highly|quite))? (?:possible|likely|unlikely|expected|planned|scheduled|feared|imminent|"
    r"on the table|on the cards|in the cards|mooted|proposed|being considered|under consideration|envisaged|"
    r"envisioned|foreseen)",
    # A subject of talk, not an event: "troop deployments have been a recurring theme of the campaign".
    r"(?:is|are|was|were|(?:has|have|had) (?:been|become)|became|becomes|remains?|remained)(?: (?:a|an|the))?"
    r"(?: [\w-]+)? (?:theme|topic|subject|talking point|point of contention|bone of contention|"
    r"sticking point) (?:of|in|for|at|during)",
    # Expected, not yet arrived: "a further 3,000 soldiers are due to arrive".
    r"(?:is|are|was|were) (?:due|scheduled|expected|set|slated|poised) to (?:arrive|begin|start|deploy|join|"
    r"reach|move|take part|take up|follow|be sent|be deployed)",
    # Planned or in doubt: "a drill with two navies that had been planned for November was under review".
    r"(?:that |which )?(?:was|were|is|are|had been|has been|have been) "
    r"(?:planned|scheduled|slated|pencilled in|penciled in) (?:[\w'-]+ ){0,4}?for",
    r"(?:is|are|was|were) (?:now )?under review",
    # A target date, not an event: "the brigade's forward deployment remains on track for 2027".
    r"(?:is|are|was|were|remains?|remained|stays?|stayed) (?:still )?on (?:plan|track|schedule) for",
    # In preparation: "naval drills with two partners were also being planned for the spring".
    r"(?:is|are|was|were)(?: (?:also|still|now))? being (?:planned|prepared|considered|discussed|"
    r"organi[sz]ed|finali[sz]ed|drawn up)",
    # A notice of firing to come: "Hainan MSA live-fire warning", "live-fire closure area, 10-12 DEC".
    r"(?:warnings?|notices?|closure areas?)(?= *(?:$|[,:;.]| issued\b| for\b| in effect\b| valid\b))",
    # Quoted ellipsis in a note: "snap checks 'possible' in Q1".
    r"(?:possible|likely|planned|expected)(?=[\"'\u2019\u201d]? (?:in|for|next|from)\b)",
    # Note and headline ellipsis: "winter training cycle expected to start Dec".
    r"(?:due|expected|set|slated|poised) to (?:begin|start|open|kick off|get under way|resume|take place)",
    r"(?:originally|initially) (?:pencilled|penciled|planned|scheduled|slated) (?:in )?for",
    r"pencilled in for", r"penciled in for",
    # Scheduled, not yet happening: "Han Kuang drills to be held in July".
    r"(?:is |are |was |were )?(?:due |set |scheduled |expected |planned )?to be (?:held|staged|conducted|"
    r"launched|carried out|hosted|prepared|planned|organi[sz]ed|readied)",
)
"""Modal predicates after a trigger that is their subject ("an invasion could follow")."""

HYPOTHETICAL_GENERIC_POST_CUES: Final[tuple[str, ...]] = (
    r"(?:could|would|might|may|can|cannot|can't)(?: (?:still|also|even|then|eventually|only))? (?:take|"
    r"last|continue|go on|look like|work|unfold|require|need|cost)",
    # A judgement on the act in general: "moving soldiers is the easy part".
    r"(?:is|are) (?:the |an? )?(?:easy|easier|hard|harder|difficult|tricky|simple|costly|expensive)\b",
    r"(?:is|are) (?:a |an )?(?:hard|tough|difficult|easy) (?:sell|ask|call|choice)",
    # Headline form of an assessment: "hack-and-leak crews likely to weaponise the flaw".
    r"(?:un)?likely to(?= \w)",
)
"""What an act would take or cost, said of it as a whole: the subject may be a long phrase ("moving
a tank brigade from one ally to another can take weeks"), so these reach further back."""

HYPOTHETICAL_PLAN_POST_CUES: Final[tuple[str, ...]] = (
    r"(?:plans?|planned|intends?|intended|aims?|proposes?|proposed|hopes?|wants?|wanted) to (?:hold|stage|"
    r"conduct|carry out|launch|host|organi[sz]e|deploy|send|station|begin|start)",
    # ... or a future in a relative clause: "the multinational exercise that Indonesia will host next June".
    rf"(?:that|which) (?:{_W} ){{0,3}}(?:will|is to|are to|would|is going to|are going to) "
    r"(?:host|hold|stage|conduct|lead|organi[sz]e)\b",
    # A reduced relative names the plan: "amphibious landings and air defence training planned on Luzon".
    r"(?:planned|scheduled|slated|pencilled in|penciled in) "
    r"(?:on|for|in|at|off|near|around|across|over|with)\b",
    # A plan named by its subject: "IRGC exercise plans", "the alliance's drill calendar for spring".
    r"(?:" + DRILL_NOUNS + r"|deployments?) (?:plans?|schedules?|calendars?|"
    r"timetables?)\b",
    # A date fixed ahead: "next nuclear drill with Russia set for spring".
    r"set for",
    # A status in brackets: "trilateral drill (planned)".
    r"(?<=\()(?:" + "|".join(_STATUS_ASIDES) + r")(?=\))",
)
"""The plan told after the drills it names, across a relative pronoun: "the joint exercises that the
two navies plan to stage next spring", "the manoeuvres the alliance intends to hold near the border"."""

HYPOTHETICAL_TO_BE_HELD_CUES: Final[tuple[str, ...]] = (
    r"(?:would|will|is to|are to) (?:also |again |still )?be (?:held|staged|conducted|carried out)",
)
"""A drill still to be held, told after a subject that may be long: "another joint exercise with Russia on
the use of non-strategic nuclear weapons would be held in the first half of next year"."""

HYPOTHETICAL_FALSE_FRIENDS: Final[tuple[str, ...]] = (
    # A stock phrase of readiness, not a scenario the trigger belongs to: "forces 'ready for every
    # scenario' ... accused the paramilitaries of shelling".
    r"(?:ready|prepared|readiness) for (?:any|every|all|each) (?:possible )?"
    r"(?:scenarios?|eventualit(?:y|ies)|contingenc(?:y|ies))",
    # Not a notice of firing to come: "flew in without warning", "handed out draft notices".
    r"without (?:any |prior |advance )?(?:warnings?|notices?)", r"draft notices?", r"stern warnings?",
    r"(?:call-up|mobili[sz]ation|eviction|evacuation) notices?",
    _ANONYMITY_FORMULA,
    # A promise already broken: "raided the posts in breach of pledges to halt hostilities".
    r"(?:in breach of|in violation of|in defiance of|in contempt of|despite|notwithstanding) "
    r"(?:the |their |its |earlier |recent |repeated |public )*(?:pledges?|promises?|vows?) to",
    # Planned earlier, held now: "KFOR began a previously scheduled exercise on Monday".
    r"(?:previously|long|pre|regularly|routinely)[ -]?(?:scheduled|planned|announced)",
    r"(?:in|of|since|until|till|by|from|early|late|mid|last|next|this|on|during|before|after|through|"
    r"and|or) may",
    r"may (?:day|\d+)",
    r"(?:military|naval|economic|industrial|its|their|his|her|our|full|the|sheer|air|nuclear|western|"
    r"soviet|american|russian|chinese|[\w-]+'s) might",
    r"(?:the|a|strong|political|good|free|ill|their|his|her|its|our|your|my|popular|public|own|last|"
    r"against|at|[\w-]+'s) will",
    r"(?:a|the) cans?",
    r"can of worms",
    # Capability of a weapon, not a possible event: "missiles, which can carry nuclear warheads".
    r"(?:which|that) can (?:carry|reach|strike|hit|fly|travel|deliver|be fitted|be armed)",
    r"(?:if|whether) (?:not|any|anything)",
    # A call-up summons is itself the event: "urged reservists to report for duty".
    r"(?:urg(?:e|es|ed|ing)|appeal(?:s|ed|ing)? to|call(?:s|ed|ing)? on|press(?:es|ed|ing)?)"
    r"(?: [\w'-]+){0,3} "
    r"(?:reservists|conscripts|recruits|draftees|servicemen|volunteers|veterans|men|citizens) to (?:report|"
    r"register|enlist|join|present|sign up|turn up|show up|come forward)",
    r"(?:as|than|un) ?expected",
    r"(?:as|if) (?:soon as )?possible",
    r"as (?:planned|scheduled)",
    r"(?:long|well|carefully|meticulously)[- ]planned",
    r"(?:the|a) likely (?:culprit|perpetrator|source|author|suspect)",
    r"even if",
    # A comparison, not a condition: "shelled the town as if no truce had ever been declared".
    r"as (?:if|though)",
)
"""Months ("in May"), nouns ("military might", "political will") and settled outcomes ("as planned")."""

WITHDRAWAL_CUES: Final[tuple[str, ...]] = (
    r"withdr(?:aw|aws|awing|awn|ew|awal|awals)",
    r"pull(?:s|ed|ing)?(?= (?:[\w'-]+ ){0,3}(?:back|out|away)\b)",
    r"pull-?back", r"pull-?outs?", r"pullouts?",
    r"draw(?:s|ing|n)? down", r"drew down", r"draw-?downs?",
    r"scal(?:e|es|ed|ing) (?:back|down)", r"wind(?:s|ing)? down", r"wound down",
    r"st(?:and|ands|anding|ood) down",
    r"de-?escalat\w*", r"disengag\w*", r"retreat\w*", r"demobili[sz]\w*",
    r"return(?:s|ed|ing)? (?:home|to (?:their |its |the )?(?:permanent |home )?(?:barracks|bases?|garrisons?|"
    r"deployment points|positions))",
    r"back to (?:their |its )?(?:permanent |home )?(?:barracks|bases?|garrisons?)",
    # Home from a tour: "1,200 soldiers return from a nine-month deployment in the Baltics".
    r"return(?:s|ed|ing)? from (?:[\w'-]+ ){0,3}(?:deployments?|tours?|missions?|rotations?)\b",
    # Home in the words of a defence ministry: "returned to their places of permanent deployment".
    r"return(?:s|ed|ing)? to (?:their |its |the )?(?:places?|points?|sites?) of (?:permanent )?"
    r"(?:deployment|basing|stationing)",
    r"sent home", r"redeploy\w* (?:away|elsewhere|back|home|to conus|conus|stateside)",
    # "army brings last forward units home from the boundary".
    r"(?:bring|brings|bringing|brought) (?:[\w'-]+ ){1,4}home\b",
    r"outgoing(?= (?:[\w-]+ )?(?:bde|brigade|battalion|bn|rotation|units?|contingent|troops|forces)\b)",
    r"(?:head|sail|steam|return)(?:s|ed|ing)? (?:back )?home(?:ward)?",
    r"(?:sail|steam|head|fly|flew|flown)(?:s|ed|ing)? back(?= (?:home|to|toward|towards|into "
    r"(?:port|base)|$|[,.;]))",
    r"return(?:s|ed|ing)? to (?:its |their |the )?(?:home )?(?:port|harbou?r|airfields?|home bases?)",
    r"vacat(?:e|es|ed|ing)", r"thin(?:s|ned|ning)? out", r"evacuat(?:e|es|ed|ing) (?:its |their )?positions",
    r"(?:mov(?:e|es|ed|ing)|pulled|headed|relocat(?:e|ed|es|ing)) away from",
    r"(?:reduc(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|cut(?:s|ting)?(?: back)?|reduction (?:of|in))(?= "
    r"(?:the |its |their )?(?:military |troop |force )?(?:activity|presence|forces|troops|deployments?|"
    r"contingents?|intensity|operations|numbers))",
    r"(?:end(?:s|ed|ing)?|conclud(?:e|es|ed|ing)|wrap(?:s|ped|ping)? up|finish(?:es|ed|ing)?|"
    r"complet(?:e|es|ed|ing)|call(?:s|ed|ing)? off|cancel(?:s|led|ed|ling|ing)?|postpon(?:e|es|ed|ing)|"
    r"halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?)"
    r"(?= (?:[\w'-]+ ){0,3}(?:" + DRILL_NOUNS + r"|deployments?|patrols)\b)",
    # Put off: "the navy pushes 'Exercise Sea Dragon' back to January".
    r"(?:push|pushes|pushed|pushing|moves|moved|bumps|bumped)(?= (?:[\w'\u2018\u2019-]+ ){1,4}back to\b)",
    # Home again: "frigate back after six weeks of NATO war games", "home from the exercise".
    r"(?:back|home) (?:after|from)(?= (?:[\w'-]+ ){0,4}(?:" + DRILL_NOUNS + r"|"
    r"deployments?)\b)",
    # Leaving the host country: "last Russian units leave Belarus after joint drills" (not "left for").
    r"(?:leave|leaves|leaving|left) (?!for\b)(?:[\w'-]+ ){0,3}?after"
    r"(?= (?:[\w'-]+ ){0,4}" + DRILL_NOUNS + r"\b)",
    # ... and back at base: "units return to permanent bases after tactical drills".
    r"(?:barracks|bases?|garrisons?|deployment points) (?:after|from)"
    r"(?= (?:[\w'-]+ ){0,4}" + DRILL_NOUNS + r"\b)",
    # Monitoring shorthand for "returned to base" and "end of exercise": "exercise closed, units RTB",
    # "PRC drills - ENDEX".
    r"rtb", r"endex",
    # Moved back into barracks: "staging area cleared; ~30 veh relocated N to the garrison at the city".
    r"(?:relocat|redeploy)\w*(?= (?:[nsew]{1,2} |north |south |east |west |back )?to (?:the |their |its )?"
    r"(?:[\w'-]+ ){0,3}(?:garrisons?|barracks)\b)",
    # A staging area emptied: "imagery shows the staging area cleared".
    r"(?:staging|assembly|concentration) (?:areas?|grounds?) "
    r"(?:(?:was|were|is|are|now|since|been|has|have) )*(?:cleared|emptied|empty|vacated|abandoned)",
    # The close told as a figure: "curtain falls on the war games as marines leave".
    r"(?:curtain|curtains) (?:falls?|fell|comes? down|came down|drops?|dropped) on",
    # The noun: "days after the conclusion of a multinational winter exercise".
    r"(?:conclusion|completion|close) of(?= (?:[\w'-]+ ){0,4}" + DRILL_NOUNS + r"\b)",
    DRILL_NOUNS + r"(?: (?:have|has|had|were|was|been))* "
    r"(?:ended|ends?|concluded|concludes?|wrapped up|wraps? up|finished|finish(?:es)?|completed|called off|"
    r"cancell?ed|postponed|halted|suspended|"
    r"came to an end|come to an end|over(?=\s*(?:[,;:.!?\u2014-]|$| and\b)))",
)
"""Pulling forces back or ending drills, governing the trigger in either order."""

WITHDRAWAL_POST_CUES: Final[tuple[str, ...]] = (
    # Put off: "the naval exercise, originally slated for this month, has been pushed back".
    r"(?:has|have|had) been (?:pushed back|put off|pushed to|delayed|deferred|postponed|cancell?ed|shelved|"
    r"scrapped|called off)",
    # "the build-up seen in the spring has since eased"
    r"(?:has|have|had) since (?:eased|subsided|ended|abated|dissipated|wound down|been reversed|"
    r"been pulled back|been withdrawn)",
    r"(?:have|has|had|are|is|were|was)(?: (?:now|already|officially|formally|finally|just))? (?:ended|"
    r"concluded|wrapped up|finished|completed|been completed|(?:been )?called off|(?:been )?cancell?ed|"
    r"(?:been )?postponed|(?:been )?scrapped|(?:been )?suspended|(?:been )?shelved|been halted|"
    r"come to an end|stood down|pulled (?:back|out)|withdrawn|gone home)",
    r"(?:have|has|had|were|was|are|is) (?:now |already |all )?(?:returned|returning|heading|headed|sailing|"
    r"going) (?:back )?(?:home|to (?:their |its |the )?(?:permanent |home )?(?:barracks|bases?|garrisons?|"
    r"deployment points|ports?|harbou?rs?))",
    r"(?:are|is|were|was)(?: (?:now|already|officially|formally|finally|all))? "
    r"over(?= *(?:$|[,.;:!?]| and\b))",
    # Held up to a day already past: "the drills the two navies staged off the island until last Tuesday".
    r"(?:until|till|through) (?:last|this past) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week|weekend)",
    r"(?:ended|concluded|wrapped up|finished|closed|lapsed)"
    # (A clock time after it too: "live-fire zones lapsed 1600L" - not "closed 3 roads".)
    r"(?= *(?:$|[,.;:!?]| and\b| on\b| after\b| with\b| \d{3,4}[lz]?\b))",
)
"""Completion after the trigger it is said of: "drills near the island have ended", "... are over"."""

WITHDRAWAL_FALSE_FRIENDS: Final[tuple[str, ...]] = (
    rf"(?:withdr\w+|pull(?:s|ed|ing)? out|pulled out|pull-?out) (?:{_W} ){{0,2}}(?:from |of )?"
    r"(?:the |its |a |"
    r"their |an )?(?:[\w'-]+ )?(?:treaty|talks|negotiations|agreement|accord|deal|pact|ambassadors?|envoys?|"
    r"diplomats|recognition|support|bid|application|candidacy|offer|proposal|membership|consent|"
    r"cooperation|funding|staff|embassy)",
    r"(?:demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call(?:s|ed|ing)? on|press(?:es|ed|ing)?|tell(?:s|ing)?|told|"
    r"ask(?:s|ed|ing)?) (?:[\w'-]+ ){1,3}(?:to )?(?:halt|stop|cease|end|suspend)\b",
)
"""Diplomatic withdrawals (from talks, treaties, ambassadors) are escalation, not de-escalation; a demand
that someone halt an act presupposes the act ("Manila demands Beijing halt live-fire drills")."""

PEACE_CALL_CUES: Final[tuple[str, ...]] = (
    r"call(?:s|ed|ing)? (?:for|on)", r"urg(?:e|es|ed|ing)", r"appeal(?:s|ed|ing)? (?:for|to)",
    r"(?:seek|seeks|seeking|sought)(?= (?:a |an |the )?(?:[\w'-]+ )?(?:ceasefire|cease-fire|truce|peace|"
    r"armistice|de-escalation|calm|dialogue|talks|negotiat))",
    r"push(?:es|ed|ing)? for",
    r"demand(?:s|ed|ing)? (?:a|an|the)(?: [\w'-]+)? (?:ceasefire|cease-fire|truce|halt|end)",
    r"propos(?:e|es|ed|ing|als?)(?: for| of)? (?:a |an )?(?:[\w'-]+ )?(?:ceasefire|cease-fire|truce|peace|"
    r"armistice)",
    # British usage drops the preposition: "to agree an immediate and unconditional ceasefire".
    r"agree(?:s|d|ing)?(?: to| on| upon)? (?:a |an |the )?(?:[\w'-]+ ){0,3}?(?:ceasefire|cease-fire|truce|"
    r"armistice|peace)",
    r"agree(?:s|d|ing)? to (?:limit|curb|restrict|cap|reduce|halt|stop|end|suspend|freeze)",
    r"sign(?:s|ed|ing)? (?:a |an |the )?(?:[\w'-]+ )?(?:ceasefire|cease-fire|truce|armistice|peace)",
    r"broker(?:s|ed|ing)?",
    r"negotiat(?:e|es|ed|ing) (?:a|an|the)",
    r"(?:respect|honou?r|observe|uphold|abide by|adhere to|commit to|committed to)(?:s|ed|ing)? "
    r"(?:the |a |an )?(?:[\w'-]+ )?(?:ceasefire|cease-fire|truce|armistice|agreement)",
    r"trusted to honou?r",
    r"mediat\w*",
    r"(?:welcom|announc|declar|extend)(?:e|es|ed|ing|s)? (?:a |an |the )?(?:[\w'-]+ ){0,2}(?:ceasefire|"
    r"cease-fire|truce|armistice)",
    r"talks? (?:of|about) (?:a |an )?(?:ceasefire|cease-fire|truce)",
    # A truce under discussion is sought: "envoys discuss an energy-strike truce at the talks".
    r"discuss(?:es|ed|ing)? (?:a |an |the )?(?:[\w'-]+ ){0,2}(?:ceasefire|cease-fire|truce|armistice|"
    r"moratorium)",
    # Arms-control language: the trigger is what a deal would limit, not something that happened.
    r"(?:deals?|agreements?|pacts?|treaty|treaties|talks|accords?|measures?|steps|efforts?) (?:to|on) "
    r"(?:limit|curb|restrict|cap|reduce|ban)",
    r"(?:limits?|curbs?|restrictions?|caps?|ban|moratorium) on",
)
"""Calls for, negotiation of and agreement to a truce: the truce is sought, not violated."""

PEACE_CALL_POST_CUES: Final[tuple[str, ...]] = (
    r"(?:ceasefire|cease-fire|truce|armistice|peace deal)(?: [\w'-]+){0,3} "
    r"(?:(?:took|takes|take|taking) effect|"
    r"c(?:a|o)me into (?:force|effect)|(?:largely |still |has |is |was )?(?:holds|held|holding)|"
    r"(?:was|were|has been|had been|is|are) (?:\w+ )?(?:extended|agreed|signed|brokered|reached|announced|"
    r"declared|respected|observed|honou?red))",
)
"""A truce that took effect, holds or was extended after being named."""

PEACE_CALL_FALSE_FRIENDS: Final[tuple[str, ...]] = (
    # A participle that only says *which* truce ("the truce, also brokered in Minsk, was violated").
    r"(?:, (?:also |originally |first |later )?|-)(?:brokered|mediated|negotiated|agreed|signed)",
    r"(?:truce|ceasefire|cease-fire|deal|agreement|accord|armistice) (?:\w+ )?brokered",
    r"calls? (?:for|on) (?:\w+ )?(?:to )?(?:war|mobili[sz]ation|attack|invasion|strikes|retaliation|revenge)",
    r"call(?:s|ed|ing)? on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    # A moratorium broken is no call for one: "accused Kyiv of breaking the moratorium on energy strikes".
    r"(?:break|breaks|breaking|broke|broken|violat\w*|breach\w*|flout\w*) (?:the |a |an |its |their )?"
    r"(?:[\w'-]+ )?(?:moratorium|ban|freeze) on",
    # A truce that "never held" was broken, not kept.
    r"(?:ceasefire|cease-fire|truce|armistice|peace deal)(?: [\w'-]+){0,3} (?:never|not|barely|hardly|"
    r"no longer|\w+n't)(?: [\w'-]+)? (?:held|holds|holding|took effect|taken effect|came into)",
)
"""Participles naming the truce, and calls to arms rather than calls for peace."""

VIOLATION_WORDS: Final[tuple[str, ...]] = (
    r"violat\w*", r"breach\w*", r"broke", r"broken", r"flout\w*", r"shatter\w*", r"collaps\w*",
    r"ignor(?:e|es|ed|ing)",
)
"""When the trigger itself names a violation, a peace cue only counts if it governs that word."""

PEACE_OBJECT_WORDS: Final[tuple[str, ...]] = (
    r"ceasefires?", r"cease-fires?", r"truces?", r"armistice", r"peace\w*", r"calm", r"restraint",
    r"de-?escalat\w*", r"pause", r"halt", r"end", r"stop", r"dialogue", r"talks", r"negotiat\w*",
    r"diplomacy", r"humanitarian", r"corridors?", r"withdraw\w*", r"respect", r"honou?r", r"observe",
    r"hostilities", r"violence", r"moratorium", r"lay down", r"disarm\w*", r"mediat\w*", r"settlement",
    r"agreement", r"deal", r"limit", r"limits", r"curb", r"reduce", r"restrict\w*", r"refrain",
    r"stand down", r"pull back", r"cessation",
)
"""What a call, appeal or urging must be about to count as a peace call ("urged restraint")."""

HISTORY_CUES: Final[tuple[str, ...]] = (
    # Remembered, not reported: "with memories of the attacks that crippled systems still fresh".
    r"memor(?:y|ies) of",
    # An edition already held: "after this summer's exercise exposed gaps in urban defence" (a season
    # other than winter is never now in December, and never reported as now in any month: a past one is
    # history, a coming one a plan; a clause that opens with "after" leaves the preposition outside).
    r"(?:(?:after|since|during|in) )?(?:this|last) (?:spring|summer|autumn|fall)'s",
    r"(?:after|since|during|in) last (?:winter|year)'s",
    # A case over an act tells of it as done: "prosecutors reopen files on the shelling of the town",
    # "charges former commanders over the shelling".
    r"(?:reopen(?:s|ed|ing)?|revisit(?:s|ed|ing)?) (?:the )?(?:files?|cases?|probes?|investigations?) "
    r"(?:on|into)",
    r"charg(?:e|es|ed|ing) (?:[\w-]+ ){0,4}over",
    # An anniversary: "this month marks ~5 yrs since RU began massing troops".
    r"marks? (?:[~\w-]+ ){0,2}(?:yrs|years|months|decades?) since",
    r"(?:during|in|since|after|throughout|at the end of|by the end of|before|until) (?:the )?(?:end of the )?"
    r"cold war",
    r"(?:during|in|since|after|before) (?:the )?(?:second|first) world war",
    r"world war (?:ii|two|2|i|one|1)",
    r"(?:in|during|since|under) (?:the )?soviet (?:times|era|period|rule|days)",
    r"soviet times",
    r"(?:the )?(?:collapse|fall|breakup|break-up|dissolution|end) of the (?:soviet union|ussr)",
    r"(?:soviet union|ussr) (?:collapsed|dissolved|fell|broke up)",
    r"(?:decades|years|a year|a decade|centuries|a century|long) ago",
    r"long-ago",
    r"the previous (?:year|decade)",
    # A recap is a look back: "a parliamentary briefing recaps the troop deployment to the front".
    r"recap(?:s|ped|ping)?", r"recount(?:s|ed|ing)?",
    # A narrative's anaphoric date: "That same year, the agency disclosed that its network had been breached".
    r"(?:that|the) same (?:year|month|spring|summer|autumn|fall|winter)",
    r"(?:a|one) year earlier",
    r"years earlier",
    r"in the past",
    r"in (?:past|previous|earlier|prior) years",
    r"earlier this year",
    r"in the (?:years|decades|months) (?:since|that followed)",
    r"in the (?:days|weeks) (?:that followed|after that|afterwards)",
    # The previous one, dated: "Last CFV 25 Nov (Uri)", "the last reported breach was on 2 November".
    r"(?:the )?last (?:reported |recorded |confirmed )?(?:cfvs?|violations?|breach(?:es)?|incidents?|"
    r"clash(?:es)?)(?= (?:(?:was|were|came|occurred) )?(?:on |in )?\d)",
    # The run-up to a past event: "in the months before last week's deal, both sides accused each other
    # of massing troops".
    r"in the (?:days|weeks|months|years) (?:before|leading up to|preceding) last "
    r"(?:week|month|year|spring|summer|autumn|fall|winter)'s",
    # Pointing back at a past episode: "That episode prompted NATO to fly in extra soldiers".
    r"(?:that|this) (?:episode|crisis|flare-up|stand-?off|confrontation|war)(?= (?:prompted|led|triggered|"
    r"saw|forced|spurred|pushed|drew|brought)\b)",
    # Talk of another time: "talk of troops massing on the border belongs to another decade".
    r"belongs? to (?:another|a different|an earlier|a bygone|a past|the past|an older) "
    r"(?:decade|era|age|century|time|generation)",
    # Memories and memoirs: "his memoir recounts the night his battalion was rushed to the frontier".
    r"memoirs?", r"recount(?:s|ed|ing)?",
    # The start of a war explained by what came before it: "the war began after months in which ...".
    r"(?:war|invasion|conflict) (?:began|started|broke out|erupted)"
    r"(?= (?:[\w'-]+ ){0,2}(?:after|following)\b)",
    # Habit rather than news: "the Kremlin has long described the alliance's exercises as provocative".
    r"(?:has|have|had) long",
    # Reputation rests on the past: "he was known for leading the counter-offensive".
    r"(?:was|were|is|are) (?:best |well |widely )?(?:known|remembered|famous|celebrated|credited) for",
    r"previously",
    r"formerly",
    r"historically",
    r"in years past",
    r"once(?= (?:had |was |were |\w+ed\b))",
    r"history of",
    r"anniversary",
    r"commemorat\w*",
    r"remembrance",
    r"recall(?:s|ed|ing)?(?= (?:that|how|when)\b)",
    # "veterans recall the Syrian tanks that massed on the Golan".
    r"recall(?:s|ed|ing)? the(?= (?:[\w'-]+ ){1,3}(?:that|which|who)\b)",
    r"recalling",
    r"had been (?:tracking|monitoring|watching|following|predicting|warning)",
    r"back in(?= (?:the |\d|(?:early |late |mid-)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b))",
    r"at (?:the|that) time",
    r"in those days",
    # "massed troops near the border before previous crises as well".
    r"(?:before|during|in|ahead of|as in) (?:previous|past|earlier|prior|former) (?:crises|crisis|wars?|"
    r"conflicts?|invasions?|rounds|escalations?|stand-?offs?|confrontations?|flare-ups?)",
    # A look back at a period: "a ruling that revisited the months when separatists and Moscow's
    # forces poured weaponry across the border", "a reminder of the weeks when troops massed".
    # ... or an exhibition's: "recalls winter when Russia massed troops", "documenting the winter of
    # 2021-2022, when ...".
    r"(?:revisit\w*|recall\w*|reliv\w*|recount\w*|remember\w*|evok\w*|reminder of|memories of|document\w*|"
    r"chronicl\w*) (?:the )?"
    r"(?:[\w-]+ )?(?:months|years|weeks|days|period|time|era|night|nights|summer|winter|spring|autumn)"
    r"(?: of [\d/-]+,?)? (?:when|in which)",
    # Pointing back at episodes already told: "a ceasefire was repeatedly violated in those clashes".
    r"(?:in|during|throughout) those (?:[\w-]+ )?(?:clashes|wars?|years|battles|conflicts|fights|months|"
    r"decades|episodes|rounds|skirmishes|attacks|incidents)",
    r"(?:in )?the early days of",
    rf"(?:before|prior to|ahead of|in advance of|in the run-up to|on the eve of|the eve of) "
    rf"(?:the |its |their |{_W}'s )?(?:[\w-]+ )?(?:invasion|war|annexation)",
    r"preced(?:ed|ing) (?:the |its )?(?:[\w-]+ )?(?:invasion|war|annexation)",
)
"""Past-time anchors.  Bare years are handled separately against the item's publication year."""

HISTORY_SENTENCE_CUES: Final[tuple[str, ...]] = (
    # A court's account of the act: "According to the indictment, the defendants, two locals and a
    # foreign national, gained access ... and encrypted 200 servers".
    r"according to (?:the )?(?:indictment|charge sheet|charges|prosecutors|prosecution|court (?:papers|"
    r"documents|filings|records)|the verdict|the judgment|the judgement)",
    # A year remembered: "many still remember 2022, when most of the units at the base were stripped
    # out and sent away".
    r"remember(?:s|ed|ing)? (?:(?:19|20)\d\d|the (?:year|winter|spring|summer|autumn)),? when",
)
"""Past-time openers that govern the rest of a long sentence, however far the trigger."""

HISTORY_LAST_CUES: Final[tuple[str, ...]] = (
    r"last (?:yr|year|decade|century|spring|summer|autumn|fall|winter|month|january|february|march|april|"
    r"june|"
    r"july|august|september|october|november|december)",
)
"""A date that closes its clause reaches further back than other cues: "The navy held an exercise with
three allies in the bay off the eastern coast last November"."""

HISTORY_HABITUAL_CUES: Final[tuple[str, ...]] = (
    r"usually", r"typically", r"routinely", r"often(?!-)", r"normally", r"traditionally", r"customarily",
    r"tends? to", r"as a rule",
    # A practice, not an event: "Russia's habit of staging large, short-notice exercises".
    r"(?:habit|practice|tradition|pattern) of",
    # Generic over a series: "each incident was a violation of the armistice", "every time, ...".
    r"(?:each|every)(?: such| one)? (?:incident|time|case|episode|clash|occasion)",
    # Generic over many: "most of their attacks are floods that cause brief outages".
    r"most (?:of )?(?:the |their |its |these |such )?(?:attacks|incidents|intrusions|breaches|cases|"
    r"violations|deployments|exercises|drills)",
    # A cycle: "every four years Russia stages the exercise", "each summer the fleet sails".
    r"(?:each|every) (?:(?:two|three|four|five|ten|other|few|\d+) )?(?:years?|summers?|springs?|autumns?|"
    r"winters?|septembers?|augusts?)",
    # A trend over years, not this week's move: "Tokyo has been expanding its presence on the islands
    # for a decade" (weeks and months stay news: "troops have been massing for weeks").
    r"for (?:a decade|decades|years|many years|several years|more than a decade|over a decade|"
    r"the (?:past|last) (?:decade|few years|several years|\d+ years|(?:two|three|four|five|ten) years))",
    r"over the (?:past|last) (?:decade|few years|several years|\d+ years|(?:two|three|four|five|ten) years)",
    # A record kept over decades: "documents the North's breaches of the armistice over seven decades".
    r"(?:over|across|spanning|throughout) (?:the )?(?:past |last )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+) decades",
)
"""What usually happens is a pattern, not today's event ("forces typically use snap inspections to
test readiness"). They govern their own clause only: "the drills, which usually take place in August,
began on Monday" reports the drills."""

HISTORY_ADJECTIVE_CUES: Final[tuple[str, ...]] = (
    r"previous", r"prior(?! to\b)", r"earlier(?![,;])", r"past(?![,;])",
    r"prev\.?",  # monitoring shorthand: "Prev truce (Jul) broke down within days"
    # A span of them: "a decade of broken truces in Donbas", "years of ceasefire violations" (not the
    # calm a breach ends: "mortars shatter months of calm").
    r"(?:decades?|years|months) of(?= (?:[\w-]+ )?(?:truces|ceasefires|cease-fires|violations|breaches|"
    r"attacks|hacks|drills|exercises|build-?ups)\b)",
    r"(?:the|its|their) last",  # "since the last large joint exercise around the island"
    # A count of past ones: "examines the last four large-scale PLA exercises" (not "the last two days
    # of drills", which is now).
    # (Anchored on the count: "the", "its" and "last" are too common to look up.)
    r"(?:the|its|their) (?:last|previous|past) (?:two|three|four|five|six|seven|eight|nine|ten|several|few)"
    r"(?! (?:days?|hours?|weeks?|nights?|minutes?|months?)\b)",
)
"""Adjectives that put the very noun they qualify in the past ("previous ceasefires")."""

HISTORY_FALSE_FRIENDS: Final[tuple[str, ...]] = (
    # Planned earlier, held now: "KFOR began a previously scheduled exercise on Monday".
    r"(?:previously|long|pre|regularly|routinely)[ -]?(?:scheduled|planned|announced)",
    r"(?:in|over|during|within|for) the (?:past|last)"
    r"(?= (?:[\w-]+ ){0,2}(?:hours?|hrs?|days?|weeks?|months?|fortnight|\d+ ?h|\d+ ?hrs)\b)",
    r"previously (?:un\w+|undisclosed|unknown|secret)",
    r"at the time of (?:writing|publication|going to press)",
    r"soviet-era",
    # A coming anniversary is a date ahead, not a look back: "troops moved in ahead of the anniversary".
    r"(?:ahead of|before|on the eve of|in the run-up to)(?: the| its| a)?(?: [\w'-]+){0,2} anniversary",
    # A comparison with earlier years, not a date: "as in previous years, the drills involve 10,000 troops".
    r"(?:as|like) (?:in|with) (?:previous|past|prior|earlier) years",
    # The time dates the agreement, not what is reported about it: "the truce agreed in the capital
    # last autumn has been breached hundreds of times".
    r"(?:agreed|signed|brokered|reached|struck|concluded|declared|took effect|came into force)"
    r"(?: [\w'-]+){0,4} last (?:year|spring|summer|autumn|fall|winter|month|january|february|march|april|"
    r"june|july|august|september|october|november|december)",
)
"""Recent-past phrases ("in the past 48 hours") and "previously unseen"."""

# Labels: a short tag before a colon that opens the sentence governs all of it ("Historical: ...").
HISTORY_LABELS: Final[tuple[str, ...]] = (
    r"histor(?:y|ical|ically)", r"(?:from the )?archives?", r"flashback", r"retrospective",
    r"on this day", r"looking back", r"lessons? (?:of|from|learned|learnt)",
    r"throwback", r"anniversary", r"in memoriam", r"(?:\w+ )?years? ago",
    r"for ref(?:erence)?", r"background(?:er)?(?: only)?", r"context",
    r"(?:\w+ )?(?:years?|decades?) (?:on|later|after)",
)
DENIAL_LABELS: Final[tuple[str, ...]] = (
    # "RW claim: a leak site listed the port operator" (a "counter-claim:" answers with an accusation).
    r"(?:\w+ )?(?<!-)claims?",
    r"rumou?rs?", r"unconfirmed", r"unverified", r"uncorroborated", r"unsubstantiated", r"false",
    r"fake", r"hoax", r"debunked", r"denied", r"denials?", r"fact[- ]check", r"disinformation",
    r"misinformation", r"speculation", r"not confirmed",
)
_AGENCY_LABELS: Final[tuple[str, ...]] = (
    r"reuters", r"afp", r"ap", r"bloomberg", r"press trust of india", r"pti", r"kyodo(?: news)?",
    r"yonhap", r"xinhua", r"cctv", r"cgtn", r"tass", r"ria novosti", r"efe", r"dpa", r"anadolu", r"nhk",
    r"phoenix tv", r"global times", r"china daily", r"al jazeera", r"bbc", r"cnn",
)
"""News organisations as labels: in a transcript they put a question, in a headline they credit it."""

HYPOTHETICAL_LABELS: Final[tuple[str, ...]] = (
    # A question put at a press conference, in a transcript: "Reuters: Some media have reported that ...".
    r"q", r"question", *_AGENCY_LABELS,
    r"scenarios?", r"hypothetical", r"what if", r"forecasts?", r"projections?", r"simulation",
    r"war ?games?", r"tabletop", r"contingency",
    # Commentary, not a report: "Opinion: massing troops on the border is an old trick".
    # Not a monitor's "Imagery analysis:" or "Satellite analysis:", which report what was seen.
    r"opinion", r"op-?ed", r"editorial", r"commentary", r"comment", r"column",
    r"(?<!imagery )(?<!image )(?<!satellite )(?<!osint )analysis",
    r"explainer", r"q ?& ?a", r"fact ?check", r"podcast",
)
WITHDRAWAL_LABELS: Final[tuple[str, ...]] = (
    r"pulling (?:back|out)", r"drawdown", r"stand-?down", r"welcome home", r"homecoming",
    r"(?:head|heads|heading|go|goes|going|sail|sails|sailing|return|returns|returning) home",
    # "Drills over, troops head home" - not "exercise over the Mediterranean".
    DRILL_NOUNS + r" (?:over(?=\s*(?:[,;:.!?\u2014-]|$))|ends?|ended|wrap up|"
    r"concluded)",
)

# Words that end a forward cue's scope when they sit between the cue and the trigger.
_SUBORDINATORS: Final = (
    r"because|since|after|now that|given that|despite|although|though|whereas|while|when|where|why|how|"
    r"even as|in spite of|amid|"
    r"(?<!such )(?<!many )(?<!much )(?<!soon )(?<!well )(?<!long )as(?! (?:soon|well|many|much|part|if|long|"
    # "could be used as cover for moving troops": a pretext names the act it would hide, so the
    # modal before it still governs that act.
    r"a result|such|(?:an? |the )?(?:cover|pretext|excuse|justification|springboard|launchpad|staging))\b)"
)
_LAST_BLOCK: Final = (
    r"[;:]|\b(?:but|while|whereas|after|before|since|following|when|which|who|until)\b"
    r"|, (?:a|an|the|as|and|it|they|he|she|we)\b"
    # A comparison with the date, not a dating: "more troops than last year" ("more than $2 billion
    # ... last year" is still dated).
    r"|\bthan\s*$"
)
_HABIT_BLOCK: Final = r"[,;]|\b(?:which|who|that|but|while|although|though|whereas|than)\b"
_NEG_BLOCK: Final = (
    r"\b(?:why|how|where|when|whom|what|because|although|though|whereas|despite|after|before|since|until|"
    r"instead|unlike)\b"
    # A second predicate has its own polarity: "units had not left and were being reinforced".
    r"|\band (?:were|was|is|are|has|have|had)\b"
    # ... and so does a new clause with its own subject: "had not returned, and additional armour has
    # been moved toward the border".
    r"|, and (?:(?:additional|further|more|other|new|fresh|several|some|the|an?|\d[\d,]*)\b|$)"
)
_HYP_BLOCK: Final = rf"\b(?:{_SUBORDINATORS}|but)\b"
# (A denial ends where the denier's own account begins: "denied firing across the line, saying a
# live-fire exercise was under way at the ranges".)
_DEN_BLOCK: Final = (
    r"\b(?:because|although|though|whereas|despite|after|since|even as|now that|amid|while|whilst)\b"
    # A second event told beside the denied one, its subject the trigger: "Kremlin denies massing troops
    # as snap drills begin in Kaliningrad" (the gap ends at the trigger, so "as" is its last word).
    r"|\bas\s*$"
    r"|,\s*(?:saying|adding|insisting|explaining|stressing)\b"
)
_PEACE_BLOCK: Final = rf"\b(?:{_SUBORDINATORS}|but)\b"
_WD_BLOCK: Final = (
    r",|\b(?:and|but|or|after|before|while|despite|amid|as|because|since|instead|rather than|which|who|"
    r"until|unless|if|when)\b"
)
_DONE_BLOCK: Final = (
    r",|\b(?:and|but|or|which|whom|that|because|while|as|after|before|when|despite|if|since|although|"
    r"though|whereas|amid|where|unless|until|so|once|talks|negotiations|ceasefire|truce|meeting|summit|"
    r"visit|election|elections|season|school|term|war|conflict)\b"
)
_TIME_BLOCK: Final = (
    r",|\b(?:and|but|or|which|who|whom|that|because|while|as|after|before|when|despite|if|since|although|"
    r"though|whereas|amid|where|unless|until|till|through|ahead|so|once|from)\b"
)
_PLAN_POST_BLOCK: Final = (
    r"\b(?:and(?! the\b)|but|or|because|while|as|after|before|when|despite|if|since|although|though|"
    r"whereas|amid|where|unless|until|so)\b"
)
_POST_BLOCK: Final = (
    r"\b(?:and|but|or|which|who|whom|that|because|while|as|after|before|when|despite|if|since|although|"
    r"though|whereas|amid|where|unless|until|so)\b"
)
# A comma inside the gap ends scope when the cue sits in an introductory phrase such as
# "Despite sanctions imposed in 2014, Russia massed troops" or "Without NATO approval, ...".
_INTRO: Final = re.compile(
    r"(?:despite|after|before|while|although|though|since|because|as|unlike|when|once|even|instead|rather|"
    r"following|amid|in spite of|without|with|given|ahead of|prior to|in the wake of|upon|during|until|if|"
    r"unless|whether)\b"
)

_REL_OPEN: Final = re.compile(r",\s+(?:who|which|whose|whom|where)\b")
# A relative clause on a later noun, not on the trigger: "knocked offline by a denial-of-service attack
# that bore the hallmarks of groups that have previously acted" ("previously" is told of the groups).
# (Right after the trigger's head noun it is the trigger's own clause: "the drills, which were held in
# 2014"; "attack that was first seen in 2023".)
_LATER_RELATIVE: Final = re.compile(r"^\W*[\w'-]+\W+(?:[\w'-]+\W+)+?(?:that|which|who|whose|whom)\b")
_SUPERLATIVE: Final = re.compile(
    r"\b(?:first|most|largest|biggest|worst|highest|lowest|greatest|heaviest|deadliest|fiercest|strongest|"
    r"record|unprecedented|unseen|seen|ever|never|only|\w{3,}est)\b"
)
_NOT_SUPERLATIVE: Final = frozenset(
    {"interest", "protest", "request", "arrest", "suggest", "harvest", "contest", "forest", "honest",
     "modest", "manifest", "invest", "digest", "earnest", "conquest", "behest", "unrest", "latest", "attest",
     "detest", "midwest", "southwest", "northwest", "priest"}
)
_COUNT_AFTER_YEAR: Final = re.compile(
    r"\s*(?:[a-z-]+\s+){0,2}(?:troops|soldiers|servicemen|personnel|men|paratroopers|marines|sailors|"
    r"reservists|fighters|people|tanks|vehicles|km|kilomet|miles|dead|killed|wounded|casualties|civilians|"
    r"refugees|units|aircraft|jets|missiles|rockets|drones|shells|strikes|attacks)\b"
)
_NAMED_AFTER_YEAR: Final = re.compile(
    r"\s*(?:[\w'-]+\s+){0,2}(?:agreements?|accords?|treaty|memorandum|deal|protocols?|ceasefire|cease-fire|"
    r"truce|pact|convention|declaration|charter|act|doctrine|constitution|law|resolution|summit|"
    r"understandings?|armistice|arrangements?|framework|cessation|coh)\b"
)
_NAMED_BEFORE_YEAR: Final = re.compile(
    r"(?:agreements?|accords?|treaty|memorandum|deal|protocols?|ceasefire|truce|pact|convention|"
    r"declaration|charter|act|resolution|summit)\s+of\s+(?:[a-z]+\s+)?$"
)
_MODAL_AFTER: Final = re.compile(r"[\s\"']*(?:[\w'-]+\s+){0,2}?(?:would|could|might|may|can|will)\b")
# Prepositions that make a truce the background of fighting: "despite the truce", "hours into a truce".
_PEACE_BACKGROUND: Final = re.compile(
    r"\b(?:despite|in spite of|notwithstanding|in (?:violation|breach|defiance) of|violat\w+|breach\w*|"
    r"defy\w*|defied|flout\w*|through(?:out)?|during|since|"
    r"(?:hours|days|weeks|minutes|months) (?:into|after)|"
    r"shortly after|soon after|even after|after|until|before|amid|undermin\w+|test\w*|jeopardi[sz]\w*|"
    r"threaten\w*)"
    # (Six words: "only hours after officers from both sides had agreed to stop all firing".)
    r"(?: [\w'-]+){0,6} $"
)
_CHANNEL_CLAIM: Final = re.compile(r"claim(?:s|ed|ing)? (?:on|in) ")
# An accusation answered after it: "accused M23 of shelling ... in breach of the ceasefire, an
# allegation the rebels rejected". The charge is the report of a breach; the denial does not undo it.
_ANSWERED_CHARGE: Final = re.compile(_CHARGES + r"\b")
_ACCUSED_BEFORE: Final = re.compile(r"\baccus(?:e|es|ed|ing)\b")
_CONFIRMED: Final = re.compile(
    r"(?<!not )(?<!n't )(?<!yet )\b(?:confirmed|verified|corroborated|acknowledged|admitted)\b"
)
_PEACE_NEEDS_OBJECT: Final = re.compile(r"(?:call|urg|appeal|push|demand)")
_PEACE_OBJECT: Final = re.compile(r"\b(?:" + "|".join(PEACE_OBJECT_WORDS) + r")\b")
_LABEL_WORDS: Final = 5
_LEAD: Final = re.compile(r"[\s\"'*#>\[-]*")
# A wire dateline: a place in capitals, a date, an agency, a dash ("SEOUL, Dec. 7 (Yonhap) -- ").
_DATELINE: Final = re.compile(
    r"([^\W\d_][\w'.-]*(?: [^\W\d_][\w'.-]*){0,3})(?:,[^\u2014\u2013()]{1,30}?)?(?: ?\([^()]{2,30}\))?"
    r" ?(?:\u2014|\u2013|--?) +"
)
_FRONTED_FIRST: Final = frozenset("abcdefghilmnostuy0123456789")  # first letters of the openers below
# A fronted past-time adverbial that dates the whole sentence: "In February 2022, after months in
# which ...", "By February 2022 the figure had ...", "A decade ago this week, ...".
_FRONTED_YEAR: Final = re.compile(
    r"(?:back |early |late |later |as early as |as late as )?"
    r"(?:in|by|during|throughout|until|till|from|between|"
    r"at the (?:start|end|height|beginning|time) of|on)\b(?:[^,;:()]|,(?= (?:1[89]|20)\d\d)){0,40}?"
    r"\b((?:1[89]|20)\d\d)(s?)\b"
)
_FRONTED_AGO: Final = re.compile(
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many|some|\d+)[ -])?"
    r"(?:years?|decades?|centuries|century|generations?) (?:ago|earlier|before)"
    r"(?: this (?:week|month|year|spring|summer|autumn|winter)| today| to the day)?\b"
    r"|(?:a (?:decade|century|generation)|decades|centuries|half a century|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-five|"
    r"thirty|forty|fifty|sixty|seventy|eighty|a hundred|"
    r"\d\d+) years)"
    r" (?:after|on from|on)\b"
    r"|last (?:year|decade|century)\b|(?:during|in|at the (?:height|end) of) the cold war\b"
    r"|in soviet times\b|during the soviet era\b"
)
# What ends a fronted adverbial's reach: contrast, a present-tense main clause, or a present time.
_FRONTED_STOP: Final = re.compile(
    r"[;:\u2014\u2013]| - |\b(?:but|yet|whereas|while|although|though|now|today|tonight|currently|nowadays|"
    r"again|is|are|am|has|have|will|this (?:week|month|year|morning|evening|weekend)|since then|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
)
_SINCE_BEFORE: Final = re.compile(r"\bsince\b(?:\s+[\w'-]+){0,3}\s*$")

# Clause boundaries, matched on the case-preserving folded text.  Each pattern starts with a literal
# character so CPython's ``re`` can skip ahead with a fast character search; one alternation with
# lookbehinds up front costs several times more on every call.
_B_SINGLE: Final = (";", "?", "!", "\u2014", "\u2015")
_B_COMMA: Final = re.compile(
    # (Not "when" after a year: "remember 2022, when the units were sent away" is one dated clause.)
    r"(?<!\d{4}),\s+(?i:when)\b"
    r"|,\s+(?i:(?:but|while|whereas|although|though|yet|after|before|because|even as|even though|"
    r"despite|amid|unlike|since(?! \d)|so(?! far| long|-called)|as(?! (?:well|many|much|part|a result|if|"
    r"such|soon|long|of|far|recently)\b))\b)"
    r"|,\s+(?i:and)\s+(?=(?i:the|a|an|its|their|his|her|our|this|that|these|those|it|they|he|she|we|i|"
    r"there|then)\b|[A-Z])"
)
# A protasis ("if ...") ends at a comma unless the comma continues a list or an elaboration.
_PROTASIS_END: Final = re.compile(
    r",(?!\s+(?:including|such as|especially|notably|particularly|mainly|mostly|as well as|along with|"
    r"in particular|or|and|not|let alone|with|from|to|by)\b)"
)
_YEAR: Final = re.compile(r"(?:1[89]|20)\d\d")
_CLOCK_AFTER: Final = re.compile(r"(?:[lz]|hrs?|h)\b")  # a four-digit time, not a year: "1800L", "2000hrs"

_FOLD_PAIRS: Final = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u02bc", "'"), ("\u2032", "'"),
    ("\u00a0", " "), ("\u2009", " "), ("\u202f", " "), ("\u2007", " "), ("\u200b", " "),
    ("\u2010", "-"), ("\u2011", "-"), ("\u201c", '"'), ("\u201d", '"'),
)
_TOKEN_PUNCT: Final = b",.;:!?\"'()[]/{}<>*&%$#@+=|\\"
_TOKEN_TABLE: Final = bytes.maketrans(_TOKEN_PUNCT, b" " * len(_TOKEN_PUNCT))
_WORD_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")

# How far (in characters) from the trigger a cue can sit: generous bounds for the word windows below,
# only there to keep scans short on very long sentences.
_REACH_BEFORE: Final = 260
_REACH_AFTER: Final = 180

# A generous bound on characters per word, used to discard far-away candidates before matching them.
_CHARS_PER_WORD: Final = 20

# How far around a cue its false friends are looked for ("no fewer than", "made no secret of").
_FF_REACH: Final = 60

_FORWARD, _BACKWARD, _EITHER, _CONDITIONAL = 0, 1, 2, 3


def _fold(sentence: str) -> tuple[str, str]:
    """Return ``(cased, lower)`` copies of ``sentence`` with exactly its length and offsets.

    Curly apostrophes become ``'`` (so "didn\u2019t" matches "n't"), odd spaces and line breaks become
    spaces (cue phrases are written with single spaces).  ``str.replace`` chains are used because
    they run at C speed; ``str.translate`` with a mapping is several times slower.
    """
    cased = sentence
    if "\n" in cased or "\t" in cased or "\r" in cased:
        cased = cased.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if not cased.isascii():
        for old, new in _FOLD_PAIRS:
            if old in cased:
                cased = cased.replace(old, new)
    lower = cased.lower()
    if len(lower) != len(cased):  # e.g. "İ" lower-cases to two code points; fold char by char instead
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in cased)
    return cased, lower


def _words(text: str) -> int:
    """Number of whitespace-separated words in ``text``: the unit of every scope window."""
    return len(text.split())


def _compile(fragments: Sequence[str], *, anchored: bool) -> re.Pattern[str]:
    """One alternation, longest fragments first so "no longer" is tried before "no".

    Anchored patterns are only ever ``match``-ed at a known word start, so they need no leading
    word-boundary check; scanning patterns (false friends) get one.
    """
    ordered = sorted((_elastic_spaces(f) for f in fragments), key=len, reverse=True)
    body = "(?:" + "|".join(ordered) + r")(?!\w)"
    return re.compile(body if anchored else r"(?<!\w)" + body)


def _elastic_spaces(fragment: str) -> str:
    """Let each space of a cue stand for a run of spaces, outside character classes and lookbehinds.

    Why: a bracketed aside is blanked before cues are matched, so "viral clip (X, 200k views)
    claiming" reads "viral clip" and "claiming" with a run of spaces between; a cue written with
    single spaces must still see one phrase there.
    """
    out: list[str] = []
    i, n = 0, len(fragment)
    while i < n:
        c = fragment[i]
        if c == "\\" and i + 1 < n:
            out.append(fragment[i : i + 2])
            i += 2
            continue
        if c == "[" or fragment.startswith(("(?<=", "(?<!"), i):  # classes and lookbehinds stay as written
            j = _skip_class(fragment, i) if c == "[" else _skip_group(fragment, i)
            out.append(fragment[i:j])
            i = j
            continue
        if c == " " and not (i + 1 < n and fragment[i + 1] in "*+?{"):
            out.append(" +")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _phrase_to_regex(phrase: str) -> str:
    """Turn a rule library's plain cue phrase (``*`` = any word ending) into a regex fragment."""
    tokens = phrase.lower().split()
    if not tokens:
        raise ValueError("empty guard cue phrase")
    parts: list[str] = []
    for token in tokens:
        if token.endswith("*"):
            stem = token.rstrip("*")
            if not stem or "*" in stem:
                raise ValueError(f"guard cue {phrase!r}: '*' may only end a word stem")
            parts.append(re.escape(stem) + r"[\w'-]*")
        else:
            if "*" in token:
                raise ValueError(f"guard cue {phrase!r}: '*' may only end a word stem")
            parts.append(re.escape(token))
    return r"\s+".join(parts)


# ---------------------------------------------------------------------------------------------------
# Anchors: the literal first word (or stem) of every cue fragment, derived from the fragment itself so
# the vocabularies above stay the single source of truth.  A call only tries a fragment at positions
# where one of its anchors occurs, which is what keeps a call in the tens of microseconds.
# ---------------------------------------------------------------------------------------------------

_Node = tuple[str, object]
_WILD: Final = "*"


def _skip_group(s: str, i: int) -> int:
    """Index just past the ``)`` closing the group that opens at ``s[i]``."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(s, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in cue fragment {s!r}")


def _skip_class(s: str, i: int) -> int:
    """Index just past the ``]`` closing the character class that opens at ``s[i]``."""
    i += 1
    if i < len(s) and s[i] == "]":
        i += 1
    while i < len(s) and s[i] != "]":
        i += 2 if s[i] == "\\" else 1
    return i + 1


def _parse_alt(s: str, i: int) -> tuple[list[list[_Node]], int]:
    branches: list[list[_Node]] = []
    while True:
        seq, i = _parse_seq(s, i)
        branches.append(seq)
        if i < len(s) and s[i] == "|":
            i += 1
            continue
        return branches, i


def _parse_seq(s: str, i: int) -> tuple[list[_Node], int]:
    """Parse the regex subset used in cue fragments.

    Nodes: ``lit`` (one literal character), ``space``, ``wild`` (a character class or ``\\w``: part of
    a word whose letters are unknown), ``alt`` (``(?:a|b)``), ``opt`` (``x?``), ``rep`` (``x{0,n}``).
    Lookarounds and ``\\b`` consume nothing and are skipped.
    """
    seq: list[_Node] = []
    while i < len(s) and s[i] not in "|)":
        c = s[i]
        node: _Node | None
        if s.startswith("(?:", i):
            branches, i = _parse_alt(s, i + 3)
            i += 1  # the closing ")"
            node = ("alt", branches)
        elif c == "(":
            i = _skip_group(s, i)  # lookahead / lookbehind: zero width
            node = None
        elif c == "\\":
            nxt = s[i + 1]
            i += 2
            node = None if nxt in "bB" else ("space", None) if nxt == "s" else (
                ("wild", None) if nxt in "wWdD" else ("lit", nxt))
        elif c == "[":
            i = _skip_class(s, i)
            node = ("wild", None)
        elif c == ".":
            i += 1
            node = ("wild", None)
        elif c in "^$":
            i += 1
            node = None
        elif c == " ":
            i += 1
            node = ("space", None)
        else:
            i += 1
            node = ("lit", c)
        if i < len(s) and s[i] in "?*+{":
            q = s[i]
            hi = 1
            if q == "{":
                close = s.index("}", i)
                lo_hi = s[i + 1:close].split(",")
                hi = int(lo_hi[-1] or 3)
                lo = int(lo_hi[0] or 0)
                i = close + 1
            else:
                lo = 1 if q == "+" else 0
                hi = 1 if q == "?" else 2
                i += 1
            if i < len(s) and s[i] == "?":  # lazy quantifier
                i += 1
            if node is not None:
                if node[0] in ("wild", "lit") and q in "*+":
                    node = ("wild", None)
                elif lo == 0:
                    node = ("rep", (node, hi))
                else:
                    node = ("rep1", (node, hi))
        if node is not None:
            seq.append(node)
    return seq, i


def _distinctive(word: str) -> bool:
    return word not in _COMMON and _usable(word)


def _usable(word: str) -> bool:
    """Whether ``word`` (with ``*`` for unknown letters) can be searched for: whole, stem or suffix."""
    if _WILD not in word:
        return bool(word)
    if word.endswith(_WILD) and _WILD not in word[:-1]:
        return len(word) > 3
    if word.startswith(_WILD) and _WILD not in word[1:]:
        return len(word) > 2
    return False


def _walk(seq: Sequence[_Node], opens: set[str], done: set[str]) -> set[str]:
    """Extend the open texts through ``seq``; texts that already hold a distinctive word are done."""
    for kind, val in seq:
        if not opens:
            break
        if kind == "lit":
            opens = {p + str(val) for p in opens}
        elif kind == "wild":
            opens = {p if p.endswith(_WILD) else p + _WILD for p in opens}
        elif kind == "space":
            finished = {p for p in opens if _distinctive(p.rsplit(" ", 1)[-1])}
            done.update(finished)
            opens = {p + " " for p in opens - finished if p.count(" ") < 4}
        elif kind == "alt":
            branches = val if isinstance(val, list) else []
            opens = set().union(*(_walk(b, set(opens), done) for b in branches))
        elif kind in ("opt", "rep", "rep1"):
            node, hi = val if isinstance(val, tuple) else (val, 1)
            step = set(opens)
            acc = set() if kind == "rep1" else set(opens)
            for _ in range(hi):
                step = _walk([node], step, done)
                acc |= step
            opens = acc
        if len(opens) > 5000:
            raise ValueError("cue fragment expands to too many anchors")
    return opens


_COMMON: Final = frozenset({
    "the", "a", "an", "in", "on", "at", "of", "to", "by", "for", "with", "from", "as", "is", "are", "am",
    "was", "were", "be", "been", "has", "have", "had", "it", "its", "their", "there", "this", "that", "and",
    "or", "what", "one", "back", "last", "long", "years", "also", "still", "so",
})


class _Fragments:
    """A compiled pattern of cue fragments, as `_candidates` keys it: with its hash computed once.

    Why: CPython hashes a compiled pattern over its whole compiled code on every call, and every
    call of the guards puts its candidates, (offset, pattern) pairs, in a set. The hash and the
    equality are the pattern's own. The set's order is the hash's, so `_nearest` settles ties
    between equally near cues by position, never by that order.
    """

    __slots__ = ("_hash", "match", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.match = pattern.match
        self._hash = hash(pattern)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Fragments) and self.pattern == other.pattern


@dataclass(frozen=True, slots=True)
class _Anchor:
    """Where to look for one family: a literal, how to find it, and how many words may precede it."""

    kind: str  # "word" (a whole token), "prefix" (a word's start) or "suffix" (a word's end)
    text: str
    lead: int
    pattern: _Fragments  # only the fragments this anchor can start, so a try costs little


def _anchors(fragments: Sequence[str]) -> tuple[_Anchor, ...]:
    """Derive, from the fragments themselves, the literal words a call must see before trying them.

    Each fragment's possible openings are enumerated up to its first distinctive word (function
    words like "in" or "the" are skipped so "in the past" is anchored on "past", one word later),
    which keeps the vocabularies the single source of truth.
    """
    best: dict[tuple[str, str], int] = {}
    owners: dict[tuple[str, str], set[str]] = {}
    for frag in fragments:
        seq, end = _parse_seq(frag, 0)
        if end != len(frag):
            raise ValueError(f"cannot parse cue fragment {frag!r}")
        done: set[str] = set()
        done.update(_walk(seq, {""}, done))
        for text in done:
            words = text.split(" ")
            if words and not words[-1]:
                words.pop()
            pick = next((k for k, w in enumerate(words) if _distinctive(w)), None)
            if pick is None:
                pick = next((k for k, w in enumerate(words) if _usable(w)), None)
            if pick is None:
                raise ValueError(f"cue fragment {frag!r} has no literal word to anchor on")
            word = words[pick]
            if _WILD not in word and "'" not in word:
                key = ("word", word)
            elif _WILD not in word:
                key = ("prefix", word)  # tokens are split at apostrophes, so search the text
            elif word.endswith(_WILD):
                key = ("prefix", word[:-1])
            else:
                key = ("suffix", word[1:])
            best[key] = max(best.get(key, 0), pick)
            owners.setdefault(key, set()).add(frag)
    # A stem that extends another stem adds nothing: "cancelled" is found wherever "cancel" is.
    stems = sorted((t for k, t in best if k == "prefix"), key=len)
    for stem in stems:
        for longer in stems:
            if longer != stem and longer.startswith(stem) and ("prefix", longer) in best:
                best[("prefix", stem)] = max(best[("prefix", stem)], best.pop(("prefix", longer)))
                owners[("prefix", stem)] |= owners.pop(("prefix", longer))
    out = []
    for (kind, text), lead in sorted(best.items()):
        frags = tuple(sorted(owners[(kind, text)]))
        pattern = _PATTERN_CACHE.get(frags)
        if pattern is None:
            pattern = _PATTERN_CACHE[frags] = _Fragments(_compile(frags, anchored=True))
        out.append(_Anchor(kind, text, lead, pattern))
    return tuple(out)


_PATTERN_CACHE: dict[tuple[str, ...], _Fragments] = {}


# ---------------------------------------------------------------------------------------------------
# Compiled guards
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Family:
    """Cues that share a direction, a word window and a set of scope-cutting words."""

    anchors: tuple[_Anchor, ...]
    direction: int
    window: int
    block: re.Pattern[str] | None
    intro_comma: bool = False
    comma_cuts: bool = False


@dataclass(frozen=True, slots=True)
class _GuardSpec:
    guard: Guard
    families: tuple[_Family, ...]
    false_friends: tuple[str, ...]


class GuardSet:
    """The compiled guards, built once and then called for every rule match.

    Settings (vocabularies, extra cues) go to ``__init__``; ``__call__`` does the per-sentence work,
    so the detector can hold one instance and share it across rules and threads (it keeps no
    per-call state).
    """

    def __init__(self, extra_cues: Mapping[Guard, Sequence[str]] | None = None) -> None:
        extra: dict[Guard, list[str]] = {g: [] for g in Guard}
        for key, phrases in (extra_cues or {}).items():
            if isinstance(phrases, str):
                raise TypeError(f"extra cues for {key!r} must be a sequence of phrases, not a string")
            extra[Guard(key)].extend(_phrase_to_regex(p) for p in phrases)

        def family(frags: Sequence[str], direction: int, window: int, block: str | None,
                   intro: bool = False, cuts: bool = False) -> _Family:
            compiled = re.compile(block) if block else None
            return _Family(_anchors(frags), direction, window, compiled, intro, cuts)

        def ff(frags: Sequence[str]) -> tuple[str, ...]:
            for frag in frags:
                re.compile(frag)  # fail at construction, not on the first sentence that needs it
            return tuple(frags)

        specs = (
            _GuardSpec(Guard.NEGATION, (
                family((*NEGATION_CUES, *extra[Guard.NEGATION]), _FORWARD, 8, _NEG_BLOCK, intro=True),
                # "without" governs the few words of its own phrase ("ended without agreement"),
                # not the next clause ("... and the delegation walked out").
                family(("without",), _FORWARD, 3, _NEG_BLOCK),
                family(NEGATION_POST_CUES, _BACKWARD, 5, _POST_BLOCK),
            ), ff(NEGATION_FALSE_FRIENDS)),
            _GuardSpec(Guard.DENIAL, (
                family((*DENIAL_CUES, *extra[Guard.DENIAL]), _FORWARD, 15, _DEN_BLOCK, intro=True),
                family(DENIAL_POST_CUES, _BACKWARD, 8, _POST_BLOCK),
            ), ff(DENIAL_FALSE_FRIENDS)),
            _GuardSpec(Guard.HYPOTHETICAL, (
                family((*HYPOTHETICAL_CUES, *extra[Guard.HYPOTHETICAL]), _FORWARD, 10, _HYP_BLOCK,
                       intro=True),
                family(HYPOTHETICAL_CONDITIONAL_CUES, _CONDITIONAL, 20, None),
                family(HYPOTHETICAL_FUTURE_CUES, _FORWARD, 6, _HYP_BLOCK, cuts=True),
                family(HYPOTHETICAL_POST_CUES, _BACKWARD, 4, _POST_BLOCK),
                family(HYPOTHETICAL_GENERIC_POST_CUES, _BACKWARD, 8, _POST_BLOCK),
                family(HYPOTHETICAL_PLAN_POST_CUES, _BACKWARD, 8, _PLAN_POST_BLOCK),
                family(HYPOTHETICAL_TO_BE_HELD_CUES, _BACKWARD, 14, _PLAN_POST_BLOCK),
                family(HYPOTHETICAL_TIME_CUES, _EITHER, 5, _TIME_BLOCK),
                family(HYPOTHETICAL_ADJECTIVE_CUES, _FORWARD, 0, None),
                family(HYPOTHETICAL_AHEAD_CUES, _FORWARD, 3, _HYP_BLOCK, cuts=True),
            ), ff(HYPOTHETICAL_FALSE_FRIENDS)),
            _GuardSpec(Guard.WITHDRAWAL, (
                family((*WITHDRAWAL_CUES, *extra[Guard.WITHDRAWAL]), _EITHER, 8, _WD_BLOCK),
                family(WITHDRAWAL_POST_CUES, _BACKWARD, 10, _DONE_BLOCK),
            ), ff(WITHDRAWAL_FALSE_FRIENDS)),
            _GuardSpec(Guard.PEACE_CALL, (
                family((*PEACE_CALL_CUES, *extra[Guard.PEACE_CALL]), _FORWARD, 8, _PEACE_BLOCK, intro=True),
                family(PEACE_CALL_POST_CUES, _BACKWARD, 4, _POST_BLOCK),
            ), ff(PEACE_CALL_FALSE_FRIENDS)),
            _GuardSpec(Guard.HISTORY, (
                family((*HISTORY_CUES, *extra[Guard.HISTORY]), _EITHER, 12, None, cuts=True),
                # An adjective on the trigger itself: "accused each other of violating previous
                # truces" (only adjacent: "the previous government" says nothing of a later event).
                family(HISTORY_ADJECTIVE_CUES, _FORWARD, 1, None),
                family(HISTORY_SENTENCE_CUES, _FORWARD, 40, None),
                family(HISTORY_HABITUAL_CUES, _EITHER, 8, _HABIT_BLOCK),
                # A comma in a list ("with the US, Japan and Australia") does not cut its reach; a
                # new clause or a later event does ("on Monday, a year after drills held last May").
                family(HISTORY_LAST_CUES, _EITHER, 20, _LAST_BLOCK),
            ), ff(HISTORY_FALSE_FRIENDS)),
        )
        self._specs: dict[Guard, _GuardSpec] = {s.guard: s for s in specs}
        self._labels: dict[Guard, re.Pattern[str]] = {
            Guard.DENIAL: _compile(DENIAL_LABELS, anchored=False),
            Guard.HYPOTHETICAL: _compile(HYPOTHETICAL_LABELS, anchored=False),
            Guard.WITHDRAWAL: _compile((*WITHDRAWAL_LABELS, *WITHDRAWAL_CUES, *extra[Guard.WITHDRAWAL]),
                                       anchored=False),
            Guard.HISTORY: _compile(HISTORY_LABELS, anchored=False),
        }
        # False friends are compiled per cue word on first use: only the few that could contain
        # "not" are tried around a "not", which keeps the check to a microsecond or two.
        self._ff_cache: dict[tuple[Guard, str], re.Pattern[str] | None] = {}
        # Per sentence: its folded forms, the affix anchors it holds, whether it has a year (the year
        # cues look for none in a sentence without one) and its boundary marks (`_marks_in`). Several
        # rules, and several triggers of one rule, ask about the same sentence in a row; bounded, as
        # texts never repeat.
        self._prepared: dict[str, tuple[str, str, tuple[tuple[str, list[_Slot]], ...], bool, _Marks]] = {}
        self._violation = _compile(VIOLATION_WORDS, anchored=False)
        # One index over every family's anchors, so a call looks each literal up once.
        words: dict[str, list[_Slot]] = {}
        stems: dict[str, list[_Slot]] = {}
        suffixes: dict[str, list[_Slot]] = {}
        for spec in specs:
            for fi, fam in enumerate(spec.families):
                for anchor in fam.anchors:
                    table = words if anchor.kind == "word" else stems if anchor.kind == "prefix" else suffixes
                    table.setdefault(anchor.text, []).append((spec.guard, fi, anchor))
        self._words = {w.encode("latin-1"): slots for w, slots in words.items()}
        self._word_keys = frozenset(self._words)
        self._affixes = (*stems.items(), *suffixes.items())
        self._family_keys = {spec.guard: frozenset((spec.guard, fi) for fi in range(len(spec.families)))
                             for spec in specs}
        # Per guard, each family with its slot key and how far before and after the trigger its
        # candidates may start (see `_scan`), worked out once.
        self._plans: dict[Guard, tuple[tuple[tuple[Guard, int], _Family, int, int], ...]] = {
            spec.guard: tuple(
                ((spec.guard, fi), fam, *_reach(fam)) for fi, fam in enumerate(spec.families)
            )
            for spec in specs
        }

    def __call__(
        self,
        sentence: str,
        trigger: tuple[int, int],
        enabled: Collection[Guard] = ALL_GUARDS,
        *,
        reference_year: int | None = None,
        reference_month: int | None = None,
        reference_day: int | None = None,
    ) -> list[GuardHit]:
        """Return one :class:`GuardHit` per enabled guard whose cue scopes over ``trigger``.

        ``trigger`` is the ``(start, end)`` span of the rule's matched words inside ``sentence``.
        An empty list means the match is asserted and the rule may fire.  Guards are evaluated
        independently and returned in :class:`Guard` order, each with its cue nearest the trigger.
        ``reference_year`` is the item's publication year: a bare year before it is history;
        ``reference_month`` its month: a month named without a year, two or more months before it
        ("In January, the navy held drills" in a March story), is history too; ``reference_day`` its
        day of the month: a window that opens on a later date ("live-fire danger area, effective 15-19
        DEC" in a story of 7 December) is a notice of what is to come.
        """
        ts, te = trigger
        if not 0 <= ts <= te <= len(sentence):
            raise ValueError(f"trigger span {trigger!r} outside sentence of length {len(sentence)}")
        if not enabled:
            return []
        prepared = self._prepared.get(sentence)
        if prepared is None:
            if len(self._prepared) >= _PREPARED_MAX:
                self._prepared.clear()
            folded_cased, folded_low = _fold(sentence)
            present = tuple((lit, entries) for lit, entries in self._affixes if lit in folded_low)
            dated = _YEAR.search(folded_low) is not None
            marks = _marks_in(folded_cased)
            prepared = self._prepared[sentence] = (folded_cased, folded_low, present, dated, marks)
        cased, low, affixes, dated, marks = prepared
        cs, ce, asides = _clause(cased, ts, te, marks)
        for a, b in asides:  # bracketed remarks are transparent to scope and govern nothing outside
            blank = " " * (b - a)
            cased = cased[:a] + blank + cased[b:]
            low = low[:a] + blank + low[b:]
        ws, we = cs, ce
        window = low[ws:we]
        # Tokens via a byte-level translate: punctuation (and any non-Latin-1 character, which
        # ``encode`` turns into "?") becomes a space, all at C speed.
        tokens = window.encode("latin-1", "replace").translate(_TOKEN_TABLE).split()
        # Which (guard, family) pairs have an anchor in the clause, and where to try them.
        slots: dict[tuple[Guard, int], list[_Anchor]] = {}
        for word in self._word_keys.intersection(tokens):
            for guard, fi, anchor in self._words[word]:
                slots.setdefault((guard, fi), []).append(anchor)
        for lit, entries in affixes:  # those in the sentence; the window may have fewer
            if lit in window:
                for guard, fi, anchor in entries:
                    slots.setdefault((guard, fi), []).append(anchor)
        opening_colon = low.find(":", 0, ts)
        hits: list[GuardHit] = []
        for guard in _GUARD_ORDER:
            if guard not in enabled:
                continue
            span: tuple[int, int] | None = None
            if not slots.keys().isdisjoint(self._family_keys[guard]):
                span = self._scan(self._specs[guard], slots, cased, low, ws, we, cs, ts, te)
            if span is None and guard is Guard.HISTORY:
                if dated:
                    span = _year_cue(cased, low, ws, we, cs, ts, te, reference_year)
                if span is None and reference_month is not None:
                    span = _month_cue(low, ws, we, cs, ts, te, reference_month)
                if span is None:
                    span = _year_then(low, ts, reference_year, dated)
                if span is None:
                    span = _fronted_past(cased, low, ts, te, reference_year, dated)
                if span is None and "had" in low:  # (the past perfect needs one)
                    span = _pluperfect_past(low, cs, ts, te, we, reference_year)
            if span is None and guard is Guard.HYPOTHETICAL:
                if dated:
                    span = _future_year(low, we, ts, te, reference_year)
                if span is None and reference_month is not None and reference_day is not None:
                    span = _future_window(low, ws, we, ts, te, reference_month, reference_day)
                if span is None:
                    span = _modal_predicate(low, cs, ts, te)
            if span is None and guard in self._labels and opening_colon > 0:
                # The label governs the whole sentence, past a dash or a semicolon in it too.
                span = self._label_cue(guard, low, opening_colon, reference_year, reference_month)
            if span is None and guard is Guard.DENIAL:
                tag = _TRAILING_TAG.search(low, te)
                span = tag.span(1) if tag is not None else None
            if span is not None:
                hits.append(GuardHit(guard, sentence[span[0]:span[1]], span[0], span[1]))
        return hits

    def _scan(
        self,
        spec: _GuardSpec,
        slots: dict[tuple[Guard, int], list[_Anchor]],
        cased: str,
        low: str,
        ws: int,
        we: int,
        cs: int,
        ts: int,
        te: int,
    ) -> tuple[int, int] | None:
        """Nearest cue of ``spec`` that scopes over the trigger, or ``None``."""
        best: tuple[int, int] | None = None
        best_dist = 1 << 30
        for key, fam, before, after in self._plans[spec.guard]:
            anchors = slots.get(key)
            if not anchors:
                continue
            lo = ts - before
            hi = te + after
            # An anchor before `lo` can only yield candidates before `lo`: search from there.
            for pos, pattern in _candidates(anchors, low, ws, we, max(ws, lo)):
                if not lo <= pos < hi:
                    continue
                m = pattern.match(low, pos, we)
                if m is None:
                    continue
                a, b = m.span()
                dist = _in_scope(fam, low, cs, we, a, b, ts, te)
                if dist is None or dist > best_dist:
                    continue
                if dist == best_dist and best is not None and (a, best[1]) >= (best[0], b):
                    # Equally near: the earlier cue, then the longer, then the earlier family wins,
                    # so the cue reported does not hang on the candidate set's hash order.
                    continue
                friends = self._false_friends(spec, low[a:b])
                if friends is not None and any(
                    f.start() <= a and b <= f.end()
                    for f in friends.finditer(low, max(0, a - _FF_REACH), b + _FF_REACH)
                ):
                    continue
                if not _sense_ok(spec.guard, cased, low, a, b, ts, te, self._violation):
                    continue
                best, best_dist = (a, b), dist
        return best


    def _label_cue(
        self, guard: Guard, low: str, colon: int, reference_year: int | None, reference_month: int | None
    ) -> tuple[int, int] | None:
        """A cue in a short label before a colon that opens the sentence ("Historical: ...").

        The label governs everything after it: "Pulling back: soldiers vacate positions",
        "Rumour: live-fire off the coast today".  Only labels of at most ``_LABEL_WORDS`` words count;
        ``colon`` is the sentence's first colon, so the label holds none.  A past year dates the
        label for the history guard: "Ukraine's 2022 counteroffensive: how Kyiv massed troops".
        """
        head = low[:colon]
        if _words(head) > _LABEL_WORDS:
            return None
        if guard is Guard.HISTORY:
            dated = _label_year(head, reference_year, reference_month)
            if dated is not None:
                return dated
        start = len(head) - len(head.lstrip(" \"'*#>[-"))
        m = self._labels[guard].search(low, start, colon)
        if m is None:
            return None
        a, b = m.span()
        friends = self._false_friends(self._specs[guard], low[a:b])
        if friends is not None and any(
            f.start() <= a and b <= f.end() for f in friends.finditer(low, start, colon)
        ):
            return None
        if (
            guard is Guard.HYPOTHETICAL
            and _AGENCY_LABEL.fullmatch(low[a:b])
            and not low.rstrip().endswith((".", "?"))
            and not _PUT_QUESTION.search(low, colon)
        ):
            # A headline ("Kyodo: China's PLA launches drills") credits a report; a transcript's line
            # ends like a sentence and puts a question.
            return None
        return a, b

    def _false_friends(self, spec: _GuardSpec, cue: str) -> re.Pattern[str] | None:
        """The guard's false friends that could contain ``cue``, compiled once per cue word."""
        word = cue.split(None, 1)[0] if cue.strip() else cue
        key = (spec.guard, word)
        if key in self._ff_cache:
            return self._ff_cache[key]
        stem = word[:3]
        frags = [f for f in spec.false_friends
                 if stem in f or ("'" in word and "n't" in f) or f.startswith((r"\w", r"[\w"))]
        pattern = _compile(frags, anchored=False) if frags else None
        self._ff_cache[key] = pattern
        return pattern


def _reach(fam: _Family) -> tuple[int, int]:
    """How many characters before the trigger's start and after its end a candidate of the family
    may start: candidates that cannot be within its word window are dropped before matching (no
    word here is longer than _CHARS_PER_WORD on average)."""
    reach = (fam.window + 2) * _CHARS_PER_WORD
    before = reach if fam.direction != _BACKWARD else _CHARS_PER_WORD * 3
    after = reach if fam.direction in (_BACKWARD, _EITHER) else 0
    return before, after


_Slot = tuple[Guard, int, _Anchor]
_PREPARED_MAX = 512  # sentences whose folded forms a GuardSet keeps


def _candidates(
    anchors: Sequence[_Anchor], low: str, ws: int, we: int, first: int | None = None
) -> set[tuple[int, _Fragments]]:
    """Offsets in ``low[ws:we]`` where a fragment of the family could start.

    Each anchor occurrence (at a word boundary) is a candidate, and so is each of the ``lead`` word
    starts before it, since "in the past" is anchored on "past" but starts two words earlier.
    Anchors are looked for from ``first`` on (default ``ws``): callers that discard candidates
    before some offset need not find the anchors there.
    """
    out: set[tuple[int, _Fragments]] = set()
    begin = ws if first is None else first
    for anchor in anchors:
        text, kind, pattern = anchor.text, anchor.kind, anchor.pattern
        i = low.find(text, begin, we)
        while i >= 0:
            j = i
            if kind == "suffix":
                while j > ws and low[j - 1] in _WORD_CHARS:
                    j -= 1
                ok = j < i
            else:
                ok = j == 0 or low[j - 1] not in _WORD_CHARS
                if ok and kind == "word":
                    k = i + len(text)
                    ok = k >= len(low) or low[k] not in _WORD_CHARS
            if ok:
                out.add((j, pattern))
                token = j  # start of the current word, opening quotes included
                for _ in range(anchor.lead):
                    if token <= ws:
                        break
                    token = max(ws, low.rfind(" ", ws, token - 1) + 1)
                    j = token
                    while j < i and low[j] in "\"'(\u201c":
                        j += 1  # an opening quote is not part of the cue
                    out.add((j, pattern))
            i = low.find(text, i + 1, we)
    return out


# The boundary marks one sentence holds at all (see `_marks_in`): single marks, bracket pairs, other
# marks, and whether it has a comma.
_Marks = tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...], bool]


def _marks_in(cased: str) -> _Marks:
    """Which of `_clause`'s boundary marks occur in the sentence: it looks for no others, so each of
    the several triggers asked about in one sentence skips the searches that cannot find anything."""
    return (
        tuple(mark for mark in _B_SINGLE if mark in cased),
        tuple(pair for pair in _BRACKETS if pair[0] in cased or pair[1] in cased),
        tuple(mark for mark in _B_MARKS if mark in cased),
        "," in cased,
    )


def _clause(
    cased: str, ts: int, te: int, marks: _Marks | None = None
) -> tuple[int, int, list[tuple[int, int]]]:
    """The span of the clause holding the trigger; boundaries inside the trigger itself are ignored.

    Also returns the parentheticals (with their brackets) that sit inside that span but outside the
    trigger: scope runs past "(pro-RU channels)" to a cue beyond it, while the words inside the
    brackets are the caller's to blank out, since a remark in brackets governs nothing outside them.

    Only the stretch that cues can reach is searched, so very long sentences cost no more.  Rare
    boundary characters are found with ``str.find`` and checked in Python, which is cheaper than one
    regex whose branches start with lookbehinds.
    """
    singles, brackets, others, comma = _marks_in(cased) if marks is None else marks
    lo, hi = max(0, ts - _REACH_BEFORE), min(len(cased), te + _REACH_AFTER)
    spans: list[tuple[int, int]] = []
    for mark in singles:
        i = cased.find(mark, lo, hi)
        while i >= 0:
            spans.append((i, i + 1))
            i = cased.find(mark, i + 1, hi)
    asides: list[tuple[int, int]] = []
    statuses: list[int] = []  # closing brackets of statuses, which are no boundaries
    for opening, closing in brackets:
        i = cased.find(opening, lo, hi)
        while i >= 0:
            j = cased.find(closing, i + 1, min(hi, i + _ASIDE_MAX))
            if j >= 0 and cased[i + 1 : j].strip().lower() in _STATUS_ASIDES:
                # A status in brackets is a cue, not an aside: "trilateral drill (planned)".
                statuses.append(j)
                i = cased.find(opening, j + 1, hi)
                continue
            if j >= 0 and cased.find(opening, i + 1, j) < 0 and (j < ts or i >= te or ts <= i < j < te):
                asides.append((i, j + 1))
                i = cased.find(opening, j + 1, hi)
                continue
            # Unclosed, nested, too long, or the trigger is inside: the brackets are boundaries.
            spans.append((i, i + 1))
            if j >= 0:
                spans.append((j, j + 1))
                i = cased.find(opening, j + 1, hi)
            else:
                i = cased.find(opening, i + 1, hi)
        i = cased.find(closing, lo, hi)
        while i >= 0:  # a closing bracket whose opening is out of reach
            if not any(a <= i < b for a, b in asides) and (i, i + 1) not in spans and i not in statuses:
                spans.append((i, i + 1))
            i = cased.find(closing, i + 1, hi)
    # A relative clause between commas is an aside too: "the exercise, which was postponed last year,
    # began on Monday" (its history is its own); "the drills, which were to involve 40 ships, were
    # called off" (the cancellation reaches past it).
    if comma:  # (both the relative clauses and the comma boundaries start with one)
        for rel in _REL_CLAUSE.finditer(cased, lo, hi):
            opened = rel.start()
            closed = _relative_end(cased, rel.end(), min(hi, opened + _ASIDE_MAX))
            if closed is not None and (closed < ts or opened >= te or ts <= opened < closed < te):
                asides.append((opened, closed + 1))
        i = cased.find(",", lo, hi)
        while i >= 0:
            m = _B_COMMA.match(cased, i, hi)
            if m is not None:
                spans.append(m.span())
            i = cased.find(",", i + 1, hi)
    for mark in others:
        i = cased.find(mark, lo, hi)
        while i >= 0:
            if _is_boundary_mark(cased, i, mark):
                spans.append((i, i + len(mark)))
            i = cased.find(mark, i + len(mark), hi)
    if asides:
        spans = [(a, b) for a, b in spans if not any(x <= a < y for x, y in asides)]
    cs, ce = lo, hi
    for a, b in spans:
        if b <= ts:
            if b > cs:
                cs = b
        elif te <= a < ce:
            ce = a
    return cs, ce, [(a, b) for a, b in asides if cs <= a and b <= ce]


# Relative clauses, and participial asides that date the noun ("the exercise, first held in 1999,").
_REL_CLAUSE: Final = re.compile(
    r",\s+(?:which|who|whom|whose|(?:first|last|originally|previously|once)\s+\w+(?:ed|en|ung|eld))\b"
)
_REL_STOP: Final = frozenset(";:?!.\"\u201c\u201d()[]\u2014")


def _relative_end(text: str, start: int, stop: int) -> int | None:
    """The comma that closes a relative clause opened before ``start``; None if the sentence or a
    stronger mark comes first (then the clause runs on and is no aside). Thousands separators
    ("3,000") are not commas here."""
    for k in range(start, stop):
        ch = text[k]
        if ch == ",":
            if 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit():
                continue
            return k
        if ch in _REL_STOP:
            return None
    return None


_B_MARKS: Final = (":", "\u2013", " -", '"', "\u201d")
_BRACKETS: Final = (("(", ")"), ("[", "]"))
_ASIDE_MAX: Final = 100  # a longer bracketed stretch is a clause of its own
# What may follow a closing quote that ends a quoted clause rather than a quoted phrase.
_QUOTE_NEXT: Final = re.compile(
    r"[\s,]*(?:(?i:as|while|but|after|when|despite|amid|although|though|because|even|whereas|since|so|yet|"
    r"said|says|say|told|tells|according|added|adds|insisted|insists|warned|warns|wrote|writes|declared|"
    r"stated|claimed|announced)\b|[A-Z])"
)


def _is_boundary_mark(text: str, i: int, mark: str) -> bool:
    """Colons and en dashes between digits (10:30, 2014\u20132015) and hyphens inside words are not breaks.

    "re:" (regarding) is not a break either.  A closing double quote ends the clause only when it
    closes quoted speech: punctuation just inside it (``,"``), or a new clause or an attribution after
    it.  A quoted phrase ("no discussions" of a new wave, "massing" of armour) stays in its clause.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark == ":":
        if i >= 2 and text[i - 2:i].lower() == "re" and (i == 2 or not text[i - 3].isalnum()):
            return False
        return not (before.isdigit() and after.isdigit())
    if mark == "\u2013":
        return not (before.isdigit() and after.isdigit())
    if mark == " -":
        return after in " -"  # " - " or " -- "
    if mark == '"' and (before.isspace() or before in "([" or not (after.isspace() or after in ",.;:!?)")):
        return False  # an opening straight quote (a curly closing one is never opening)
    if before in ",.;:!?\u2026" or before.isspace():
        return True
    opening = max(text.rfind('"', 0, i), text.rfind("\u201c", 0, i))
    quoted = text[opening + 1 : i] if opening >= 0 else ""
    if quoted and len(quoted.split()) <= 3 and not any(c in quoted for c in ",.;:!?"):
        return False  # scare quotes around a word or two ("dismissed as "hysteria" reports that ...")
    return _QUOTE_NEXT.match(text, i + 1) is not None


_DIGIT_GROUPS: Final = re.compile(r"(?<=\d),(?=\d{3})")


def _in_scope(fam: _Family, low: str, cs: int, ce: int, a: int, b: int, ts: int, te: int) -> int | None:
    """Word distance from cue ``[a, b)`` to the trigger if the cue scopes over it, else ``None``."""
    if a < te and b > ts:  # the cue overlaps or sits inside the trigger's own words
        return 0
    forward = b <= ts
    if fam.direction == _FORWARD and not forward:
        return None
    if fam.direction == _BACKWARD and forward:
        return None
    if fam.direction == _CONDITIONAL:
        if not forward:
            return None
        end = _PROTASIS_END.search(low, b, ce)
        if end is not None and end.start() < ts:
            return None
    gap_a, gap_b = (b, ts) if forward else (te, a)
    gap = low[gap_a:gap_b]
    dist = _words(gap)
    if dist > fam.window:
        return None
    if not forward and fam.comma_cuts and _LATER_RELATIVE.match(gap):
        return None
    if fam.block is not None and fam.block.search(gap):
        return None
    if "," in gap and "," in _DIGIT_GROUPS.sub("", gap):  # "5,000 troops" is not a clause break
        lead = low[cs:a]
        if forward and _REL_OPEN.search(lead):
            return None  # the cue sits in ", which could have been worse," and the trigger after it
        if fam.comma_cuts and not (forward and _words(lead) <= 1):
            return None  # "In 2014, Russia annexed Crimea" keeps scope; appositives do not
        if fam.intro_comma and forward and _INTRO.match(low[cs:b].lstrip(" \"'")):
            return None  # "Despite not ..., Russia massed troops"
    return dist


_CAPITALISED: Final = re.compile(r"\b[A-Za-z][A-Za-z'-]{3,}")


def _headline_case(cased: str) -> bool:
    """Whether most longer words are capitalised ("Minister Warns Hackers May Target Grid"), so a
    capital letter says nothing about a word being a name or a month."""
    words = _CAPITALISED.findall(cased)
    if len(words) < 4:
        return False
    return bool(sum(w[0].isupper() for w in words) >= 0.7 * len(words))


# A tag that closes a headline or a note marks all of it unverified: "'ARMOUR MASSING' CLIPS - UNCONF",
# "Tanks seen near the pass -- unverified". (Clause boundaries keep the cue lists from reaching it; a
# bracketed "(unverified)" is an aside, blanked before guards read the sentence.)
_TRAILING_TAG: Final = re.compile(
    r"\s[-\u2013\u2014|/]+\s*(unconf(?:irmed)?|unverified|uncorroborated|unsubstantiated|rumou?r"
    # A debunk tagged on: "clip of 'armour rolling to the frontier' dates from last spring - misattributed".
    r"|misattributed|misidentified|mislabell?ed|debunked|false|fake|old footage|recycled footage)[\s.!]*$"
)

_DATING_PREPOSITION: Final = re.compile(
    r"\b(?:during|in|at|before|after|ahead of|throughout|over|since|around|amid|from)\s+$"
)

# News agencies as labels: in a transcript they put a question ("Reuters: Some media report that ..."),
# in a headline they credit the report ("Kyodo: China's PLA launches large-scale drills").
_AGENCY_LABEL: Final = re.compile("|".join(_AGENCY_LABELS))
_PUT_QUESTION: Final = re.compile(
    r"\?|\b(?:reports?|reported|reporting|claims?|claimed|rumou?rs?|is it true|can you|could you|would you|"
    r"do you|does the|are there|is there|what is|how do)\b"
)

_SUBJECT_GLUE: Final = frozenset({"and", "&", "of", "the", "'s", "s", "us", "uk", "un", "eu"})


def _headline_future(lead: str) -> bool:
    """Whether the words before a headline's "to <verb>" are a bare subject ("S. Korea, U.S.", "IRGC
    Ground Force"): then the infinitive is the headline's future tense, not a purpose clause."""
    words = re.findall(r"[\w.&'-]+", lead)
    if not words or len(words) > 6:
        return False
    if _headline_case(lead + " To Hold Drills"):
        return len(words) <= 4
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SUBJECT_GLUE for w in words)


def _sense_ok(
    guard: Guard, cased: str, low: str, a: int, b: int, ts: int, te: int, violation: re.Pattern[str]
) -> bool:
    """Checks that need the original casing, the trigger's own words or the text before the cue."""
    if guard is Guard.HISTORY:
        if low.startswith("last ", a) and low.startswith("'s", b):
            # "last year's" qualifies the noun after it: the trigger itself ("last year's drills"), or
            # something else ("in breach of the ceasefire that ended last year's border war").
            # Told after the trigger it dates it through a preposition ("hit during last year's vote").
            if ts < a:
                # Inside the trigger it qualifies the trigger's own later word ("hackers, citing
                # last year's ransomware attacks on hospitals").
                if te > b and _words(low[b + 2 : te]) <= 3:
                    return True
                return _DATING_PREPOSITION.search(low, max(0, a - 20), a) is not None
            return _words(low[b + 2 : ts]) <= 3 and not _since_superlative(low, 0, a)
        return not _since_superlative(low, 0, a)
    if guard is Guard.HYPOTHETICAL:
        if _HEADLINE_INFINITIVE.match(low, a):
            return _headline_future(cased[:a])
        if low[a:b] in ("may", "will") and a > 0 and cased[a].isupper() and not _headline_case(cased):
            return False  # "in May", "Theresa May", "Will Smith": capitalised mid-sentence
        if low.startswith("how ", a):
            # "how long such a build-up would take": only an indirect question answered by a modal.
            return _MODAL_AFTER.match(low, max(te, b)) is not None
    elif guard is Guard.DENIAL:
        if _CHANNEL_CLAIM.match(low, a):
            # "claimed on Telegram that ...", unless the sentence says the victim confirmed it.
            return _CONFIRMED.search(low, b) is None
        if a >= te and _ANSWERED_CHARGE.match(low, a) and violation.search(low, ts, te) is not None:
            # A breach one side is accused of, then denied: the accusation is the news.
            return _ACCUSED_BEFORE.search(low, 0, ts) is None
        if low.startswith("claim", a):
            # "Claim by X of Y ..." opening a monitoring note, unless the sentence says it was confirmed.
            return not low[:a].strip(" \"'") and _CONFIRMED.search(low, b) is None
    elif guard is Guard.PEACE_CALL:
        if _PEACE_BACKGROUND.search(low, max(0, a - 60), a) is not None:
            # "despite a ceasefire agreed in September", "since the truce came into force": the truce
            # is the background the fighting is measured against, not the news.
            return False
        if _PEACE_NEEDS_OBJECT.match(low, a) and violation.search(low, ts, te) is None:
            end = min(len(low), max(te, b) + 60)
            if _PEACE_OBJECT.search(low, b, end) is None:
                return False  # "urged reservists to report for duty" is not a call for peace
        viol = violation.search(low, ts, te)
        if viol is not None:
            # The trigger names a violation; only a call that governs that very word suppresses it
            # ("urged both sides to end violations"), not one that merely names the truce.
            between = low[b:viol.start()]
            return b <= viol.start() and _words(between) <= 4 and "," not in between
    return True


# Commas that only separate a list do not cut a year off the trigger: "attacks on banks, ministries
# and gaming sites across Europe in 2024".
_LIST_GAP: Final = re.compile(r"[^,;]*(?:,\s*[\w'-]+(?:\s+[\w'-]+){0,2})+,?\s+(?:and|or)\s+[^,;]*")


# A headline's list of names after a year, "and" left out: "2025 Easter, Victory Day truces".
_NAME_LIST_GAP: Final = re.compile(r"(?: [A-Z][\w'-]*,?){1,4} ")


_NAME_BEFORE_HYPHEN: Final = re.compile(r"[a-z]+$")


def _named_year_in_trigger(low: str, a: int, b: int, ts: int, te: int, ref: int | None) -> bool:
    """Whether the year is part of an exercise's name among the trigger's words ("Zapad-2021
    rehearsed the invasion"): a past edition, though a year after a hyphen is otherwise no date.

    Only an edition two or more years old: last year's may still be in the news (a late story, a
    dataset's publication date), and "Nov-2024" is a month, not a name.
    """
    if not (a >= 2 and low[a - 1] == "-" and low[a - 2].isalpha() and a < te and b > ts):
        return False
    name = _NAME_BEFORE_HYPHEN.search(low, max(0, a - 12), a - 1)
    if name is None or name.group(0) in _MONTH_ABBRS or name.group(0) in _MONTHS or name.group(0) == "sept":
        return False
    year = int(low[a:b])
    return year <= _year_or_today(ref) - 2


def _year_cue(
    cased: str, low: str, ws: int, we: int, cs: int, ts: int, te: int, reference_year: int | None
) -> tuple[int, int] | None:
    """A bare year (or decade) before the publication year, close to the trigger in its clause."""
    ref = reference_year
    best: tuple[int, int] | None = None
    best_dist = 1 << 30
    for m in _YEAR.finditer(low, ws, we):
        a, b = m.span()
        if a > 0 and low[a - 1] in _YEAR_BEFORE_NOT and not _named_year_in_trigger(low, a, b, ts, te, ref):
            continue
        if b < len(low) and (low[b].isdigit() or (low[b] == "," and low[b + 1:b + 2].isdigit())):
            continue
        if _CLOCK_AFTER.match(low, b):
            continue  # a time of day: "since Sun 1800L", "at 2000Z", "1900hrs"
        year = int(low[a:b])
        if b < len(low) and low[b] == "s":
            year += 9
            b += 1
        ref = _year_or_today(ref)
        if year >= ref:
            continue
        if _COUNT_AFTER_YEAR.match(low, b) or _NAMED_AFTER_YEAR.match(low, b):
            continue  # "2000 troops", "the 2015 Minsk agreement"
        if _NAMED_BEFORE_YEAR.search(low, max(0, a - 40), a):
            continue  # "the Budapest Memorandum of 1994"
        if a >= te and _agreement_dated_after(low, te, a):
            continue  # "in violation of the understanding reached between the two armies in May 2025"
        if a < te and b > ts:
            dist = 0
        else:
            forward = b <= ts
            gap_a, gap_b = (b, ts) if forward else (te, a)
            gap = low[gap_a:gap_b]
            dist = _words(gap)
            if dist > 12:
                continue
            if (
                "," in gap
                and not (forward and _words(low[cs:a]) <= 2)
                and not _LIST_GAP.fullmatch(gap)
                and not (forward and _NAME_LIST_GAP.fullmatch(cased, b, ts))
            ):
                continue
        if _since_superlative(low, cs, a):
            continue
        if dist < best_dist:
            best, best_dist = (a, b), dist
    return best


def _agreement_dated_after(low: str, te: int, a: int) -> bool:
    """The year at ``a`` dates an agreement named after the trigger, not the trigger itself.

    Only after it: "a ceasefire signed in May 2023 collapsed within hours" dates the collapse too, and
    "violated repeatedly since it was signed in 2020" is a span of years."""
    if _WAR_IT_ENDED.search(low, max(0, te - 40), a):
        return True
    found = _AGREED_BEFORE_YEAR.search(low, max(te, a - 80), a)
    if found is None or "since" in low[te : found.start()].split():
        return False
    # A truce of hours or days, or for a holiday, is over within its own year: the year dates what
    # happened during it ("shelling during the 30-hour Easter truce declared in April 2025").
    return _SHORT_TRUCE.search(low, max(0, te - 60), found.start()) is None


# ... or the war the agreement ended: "attacks that breach the ceasefire that ended the 2024 war".
_WAR_IT_ENDED: Final = re.compile(
    r"\b(?:ceasefire|cease-fire|truce|armistice|deal|agreement|accord|pact)s?,? (?:that|which) "
    r"(?:ended|halted|stopped|froze|closed) (?:the|a|an) $"
)
_SHORT_TRUCE: Final = re.compile(
    r"\b(?:[\w]+[- ](?:hour|day)|easter|christmas|new year|victory day|eid|holiday|festive|olympic)"
    r"(?: [\w'-]+){0,2}? (?:truces?|ceasefires?|cease-fires?|pauses?)\b"
)


_MONTHS: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)
_MONTH_ABBRS: Final = tuple(m[:3] for m in _MONTHS)
# "in January", "back in early March" - not "since January" (up to now) or "by May" (a deadline),
# and not a month with a day or a year after it (dates and years are read elsewhere).
_MONTH_CUE: Final = re.compile(
    r"\b(?:(?:back in|in|during|throughout)(?: (?:early|late|mid-?))? "
    # A closed range is over as well: "held from April to May".
    r"|from (?:(?:early|late|mid-?) )?(?=\w+ (?:to|until|till|through) ))"
    r"(" + "|".join(_MONTHS) + r")\b"
    r"(?!,? \d| of \d)"
)
_AGREEMENT_VERBS: Final = (
    r"agreed|signed|brokered|reached|struck|concluded|declared|took effect|came into (?:force|effect)|"
    r"went into effect|entered into force|"
    # Renewed: "a breach of the ceasefire understanding both militaries reaffirmed in February 2021".
    r"reaffirmed|renewed|recommitted to|revived"
)
_AGREED_BEFORE: Final = re.compile(
    rf"\b(?:{_AGREEMENT_VERBS}|announced)(?: [\w'-]+){{0,4}} $"
    # ... or a breach is counted since an agreement the month dates: "the first breach since the hotline
    # understanding in May" (not "violated the truce in May").
    r"|\bsince (?:[\w'-]+ ){0,3}(?:understanding|ceasefire|cease-fire|truce|agreement|deal|accord|armistice|"
    r"pact|arrangement)s? $"
)
# The year dates an agreement, not what is said about it: "in violation of the understanding reached
# between the two armies in May 2025".
_AGREED_BEFORE_YEAR: Final = re.compile(
    rf"\b(?:(?:{_AGREEMENT_VERBS})(?: [\w'-]+){{0,6}} (?:in|on)"
    # ... or how long it has held: "a violation of the ceasefire that has largely held since May 2024".
    r"|(?:held|governed|applied|kept|in force|in place|in effect|quiet|calm|peaceful)(?: [\w'-]+){0,4} since)"
    r" (?:(?:early|late|mid-?) ?)?(?:\d{1,2} )?"
    r"(?:(?:" + "|".join(_MONTHS) + r") )?(?:\d{1,2},? )?$"
)
_MONTH_HISTORY_MIN: Final = 2  # months back: "In February" in a March story may still be news
_MONTH_HISTORY_MAX: Final = 8  # further "back" a bare month more likely means the coming one


def _month_cue(
    low: str, ws: int, we: int, cs: int, ts: int, te: int, reference_month: int
) -> tuple[int, int] | None:
    """A month named without a year, some months before publication, close to the trigger."""
    best: tuple[int, int] | None = None
    best_dist = 1 << 30
    for m in _MONTH_CUE.finditer(low, ws, we):
        months_back = _months_back(m.group(1)[:3], reference_month)
        if not _MONTH_HISTORY_MIN <= months_back <= _MONTH_HISTORY_MAX:
            continue
        if _AGREED_BEFORE.search(low, max(0, m.start() - 60), m.start()):
            continue  # the month dates the agreement: "despite a ceasefire agreed in September"
        a, b = m.span(1)
        if a < te and b > ts:
            dist = 0
        else:
            forward = b <= ts
            gap = low[b:ts] if forward else low[te:a]
            dist = _words(gap)
            if dist > 12:
                continue
            if "," in gap and not (forward and _words(low[cs:a]) <= 3) and not _MONTH_ASIDE.search(gap):
                continue
        if dist < best_dist:
            best, best_dist = (a, b), dist
    return best


# A comma that does not cut a month off the trigger: a dating aside right after it ("the exercise,
# held in Izmir in May, drew 40 nations") or the last of a series ("... this year, most recently in
# September").
_MONTH_ASIDE: Final = re.compile(
    r"^\s*,\s*(?:which (?:was|were) |that (?:was|were) )?(?:held|staged|conducted|run|carried out|completed|"
    r"launched)\b[^,;]*$|,\s*most recently(?: in)?\s*$"
)


_HAD_BEFORE_TRIGGER: Final = re.compile(r"\bhad(?: [\w,-]+){0,6}\s*$")
# "before" a later past event - not a time of day, a day of the week, the next step of the same
# event ("before dawn", "before Friday", "before turning back") nor, unless long before, its
# discovery, which is the news ("had read managers' mail for two weeks before the access was
# spotted"; but "had breached the network long before the breach was discovered" looks back).
_NOT_A_LATER_EVENT: Final = (
    r"(?! (?:dawn|daybreak|sunrise|noon|midday|midnight|nightfall|sunset|the weekend|the end of|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|\d|[a-z]+ing\b))"
)
_BEFORE_AFTER_TRIGGER: Final = re.compile(
    r"\b(?:(?:long|months|years|a year|a month) before\b" + _NOT_A_LATER_EVENT
    + r"|(?:(?:shortly|just|weeks|days|a week) )?before\b" + _NOT_A_LATER_EVENT
    + r"(?! (?:[\w'-]+ ){0,3}(?:was|were|got|being) (?:spotted|noticed|detected|discovered|found|caught|"
    r"flagged)\b)"
    r"(?! (?:the )?(?:staff|anyone|someone|engineers|operators|administrators|it|they|we) "
    r"(?:noticed|spotted|detected|discovered|caught)\b))"
)


def _pluperfect_past(
    low: str, cs: int, ts: int, te: int, we: int, reference_year: int | None
) -> tuple[int, int] | None:
    """A past perfect trigger set before a later past event: "Russia had massed 100,000 troops on
    the border before it invaded", "the armies had traded fire many times before the truce". The
    "before" dates the trigger earlier than something already past; without it ("by Friday, Russia
    had massed ...") the past perfect can still be news.

    ... or set before a past year the sentence names after it, however far along: "the two armies had
    sent thousands of soldiers up the valley once the skirmish on the ridge in 2017 turned deadly"
    (only with "had" before the trigger; see `_past_year_after`)."""
    had_before = _HAD_BEFORE_TRIGGER.search(low, max(cs, ts - 60), ts) is not None
    if not had_before and " had " not in low[max(0, ts - 1) : te]:
        return None
    # From the trigger's start: an instance may reach past the "before" to a word of the later event.
    m = _BEFORE_AFTER_TRIGGER.search(low, ts, we)
    if m is not None:
        return m.span()
    return _past_year_after(low, te, reference_year) if had_before else None


def _past_year_after(low: str, te: int, reference_year: int | None) -> tuple[int, int] | None:
    """The first year before ``reference_year`` after the trigger that dates a time - not one that
    counts or names something ("the 2015 Minsk agreement"), nor one that a span runs from up to now
    ("had been massing since 2021" reaches into the present)."""
    ref = _year_or_today(reference_year)
    for m in _YEAR.finditer(low, te):
        a, b = m.span()
        if (a > 0 and low[a - 1] in _YEAR_BEFORE_NOT) or (b < len(low) and low[b].isdigit()):
            continue
        if int(low[a:b]) >= ref or _COUNT_AFTER_YEAR.match(low, b) or _NAMED_AFTER_YEAR.match(low, b):
            continue
        if low.endswith("since ", 0, a) or _CLOCK_AFTER.match(low, b):
            continue
        return a, b
    return None


# What may stand between "when" and the trigger:
# an appositive after the clause still describes the same event: "since December 2015, when
# hackers cut power to 230,000 people, the first blackout caused by a cyberattack"; so do list
# commas ("when government, media and bank sites were knocked offline").
# (A list comma just before the trigger cannot look ahead past it: "massed troops, tanks and ...".)
_THEN_TAIL: Final = (
    r"(?:[^,;]|(?<=\d),(?=\d)|, (?=(?:the|a|an) )|, (?=[\w'-]+(?: [\w'-]+)?,? (?:and|or) ))*(?:, )?$"
)
_YEAR_THEN: Final = re.compile(
    r"\b(?:in|until|till|by|of|to|the|since|after|before)"
    r"(?: (?:early|late|mid-?|the (?:spring|summer|autumn|fall|winter) of|[a-z]+))?(?: \d{1,2},?)? "
    r"((?:1[89]|20)\d\d)s?(?:[-/\u2013](?:1[89]|20)?\d\d)?(?: [a-z-]+){0,2},? "
    r"(?:when|after which|at which point)\b"
    + _THEN_TAIL
)
# The same for a past period named without its year: "his hardest weeks came in September last year,
# when Moscow and Minsk staged their manoeuvres over the border".
_PERIOD_THEN: Final = re.compile(
    r"\b((?:last|the previous) (?:year|spring|summer|autumn|fall|winter)),? (?:when|after which)\b"
    + _THEN_TAIL
)


_LABEL_YEAR: Final = re.compile(r"(?<!since )(?<!after )(?<![\d,.])\b((?:19|20)\d\d)\b(?![\d,.]\d)")


# A month just before a label's year: the label is a date ("30 dec 2025:", "dec 30, 2025:").
_LABEL_MONTH: Final = re.compile(r"\b([a-z]{3})[a-z]*\.?(?: \d{1,2}(?:st|nd|rd|th)?,?)? $")


def _label_year(
    head: str, reference_year: int | None, reference_month: int | None
) -> tuple[int, int] | None:
    """A past year in a label (see `GuardSet._label_cue`); "Since 2022: ..." measures today.

    Last year's date in a note published early in the new one is the week's news, not history: a
    line "30 DEC 2025: BTGs arrive" in a note of 2 January 2026 (the month is under
    ``_MONTH_HISTORY_MIN`` months back, as `_month_cue` counts them).
    """
    m = _LABEL_YEAR.search(head)
    ref = _year_or_today(reference_year)
    if m is None or int(m.group(1)) >= ref:
        return None
    if reference_month is not None and int(m.group(1)) == ref - 1:
        month = _LABEL_MONTH.search(head, 0, m.start(1))
        abbr = month.group(1) if month is not None else ""
        if abbr in _MONTH_ABBRS and _months_back(abbr, reference_month) < _MONTH_HISTORY_MIN:
            return None
    return m.span(1)


def _year_then(low: str, ts: int, reference_year: int | None, dated: bool = True) -> tuple[int, int] | None:
    """A past year that a "(,) when ..." clause refers back to: "held until 2020, when fighting
    resumed" dates the resumption, though the comma ends the year's clause; "the months in late 2021
    when Russia assembled 190,000 soldiers" dates the assembly. `dated`: False when ``low`` has no
    year (`_YEAR`), so only the period without one is looked for."""
    m = _YEAR_THEN.search(low, max(0, ts - 200), ts) if dated else None
    if m is None:
        period = _PERIOD_THEN.search(low, max(0, ts - 200), ts)
        return period.span(1) if period is not None else None
    ref = _year_or_today(reference_year)
    return (m.start(1), m.end(1)) if int(m.group(1)) < ref else None


_CLAUSE_BREAK: Final = re.compile(r"[,;:]|\b(?:but|while|whereas|although|after|since|when)\b")
_NAMED_YEAR: Final = re.compile(r"[a-z]-((?:19|20)\d\d)\b")
_FUTURE_YEAR: Final = re.compile(
    r"\b(?:by|in|until|before|from|for) (?:early |late |mid-?|end-?)?"
    r"(?:(?:" + "|".join(_MONTH_ABBRS) + r")[a-z]*\.? )?((?:19|20)\d\d)\b"
)


def _future_year(low: str, we: int, ts: int, te: int, reference_year: int | None) -> tuple[int, int] | None:
    """A year after publication shortly after the trigger ("to station 1,200 troops on the islands by
    2029"): a plan, not an event."""
    ref = _year_or_today(reference_year)
    for m in _FUTURE_YEAR.finditer(low, te, min(we, te + 80)):
        if int(m.group(1)) > ref and _words(low[te : m.start()]) <= 8:
            return m.span()
    # ... or in the exercise's name right after it, or among the trigger's words: "joint naval drills
    # 'Sea Shield-2027'", "drills 'Sea Shield-2027' (Sea of Japan) and joint patrols".
    named = _NAMED_YEAR.search(low, ts, min(we, te + 60))
    if named is not None and int(named.group(1)) > ref and _words(low[te : named.start()]) <= 3:
        return named.span()
    # ... or inside it, qualifying its last words: "clears foreign troops for 2027 multinational drills".
    for m in _FUTURE_YEAR.finditer(low, ts, te):
        if int(m.group(1)) > ref and _words(low[m.end() : te]) <= 3:
            return m.span()
    # ... or just before it in the same clause: "could run for 14 days in 2027 and involve more
    # reservists and live-fire serials".
    for m in _FUTURE_YEAR.finditer(low, max(0, ts - 80), ts):
        gap = low[m.end() : ts]
        if int(m.group(1)) > ref and _words(gap) <= 6 and not _CLAUSE_BREAK.search(gap):
            return m.span()
    return None


_FUTURE_WINDOW: Final = re.compile(
    # ("from" only before a range: "imagery from 4 March" dates a picture, not a window.)
    r"\b(?:effective|valid|between|window|scheduled(?: for)?|set for|planned(?: for)?|slated(?: for)?|"
    r"from(?= \d{1,2}\s*"
    r"(?:[-\u2013]|to|until|till)\s*\d))\s+"
    r"(?:(\d{1,2})(?:\s*(?:[-\u2013]|to|until|till|and)\s*\d{1,2})?\s*"
    r"(" + "|".join(_MONTH_ABBRS) + r")[a-z]*\b"
    r"|(" + "|".join(_MONTH_ABBRS) + r")[a-z]*\.?\s+(\d{1,2})\b)"
)
# A bare range right after the trigger, as notices give it: "naval firing exercise 15-18 DEC" (not
# "held until 15-18 DEC" - an end date says the drill is on).
_BARE_RANGE: Final = re.compile(
    r"\b(\d{1,2})\s*[-\u2013]\s*\d{1,2}\s*(" + "|".join(_MONTH_ABBRS) + r")[a-z]*\b"
    # ... or as date-time groups, each day with its month and an hour: "10DEC 0800 - 12DEC 1800".
    r"|\b(\d{1,2})\s*(" + "|".join(_MONTH_ABBRS) + r")[a-z]*\s*(?:\d{4}[lz]?\s*)?[-\u2013]\s*\d{1,2}\s*(?:"
    + "|".join(_MONTH_ABBRS) + r")[a-z]*\b"
)
_BARE_RANGE_REACH: Final = 6
# A month named without a year that is one to three months ahead: "will call up three battalions in
# January for a readiness exercise" in a December story (a month further back is history, see _month_cue).
_NEXT_MONTHS: Final = re.compile(
    # (Not "until January": an end date says the drill is on now.)
    r"\b(?:in|for|from|during|by|to start|to begin|to open|starts?|begins?|opens?) (?:early |late |mid-?)?"
    r"(" + "|".join(_MONTHS) + "|" + "|".join(a for a in _MONTH_ABBRS if a != "may") + r"|sept)\b(?! \d)"
)
_NEXT_MONTHS_AHEAD: Final = 3
# (Nor "conducted drills on 9-10 June": "on" dates an event told as done.)
_RANGE_END_WORDS: Final = re.compile(r"\b(?:until|till|to|through|thru|ending|ends?|on)\s*$")
_FUTURE_WINDOW_REACH: Final = 12  # words between the trigger and the notice's dates
_FUTURE_WINDOW_MONTHS: Final = 6  # further "ahead" a date more likely means one already past


_MODAL_PREDICATE: Final = re.compile(
    r" (?:will|would|could|might|may|shall|are to|is to|are due to|is due to)\b"
    # The extent of something under way: "the drills will run until Friday".
    r"(?! (?:also )?(?:run|last|continue|end|conclude|close|wrap up|involve|include|feature|see)\b)"
)
_SUBJECT_LEAD: Final = re.compile(
    r"[\W_]*(?:(?:the|these|those|such|any|more|further|additional|extra|new|fresh)\s+)*$"
)


def _modal_predicate(low: str, cs: int, ts: int, te: int) -> tuple[int, int] | None:
    """A trigger that is the subject of a modal is still to come: "The reinforcements will join the
    10,000 troops sent in February" (the cue follows the trigger, so the cue lists cannot see it)."""
    if not _SUBJECT_LEAD.fullmatch(low, cs, ts):
        return None
    m = _MODAL_PREDICATE.match(low, te)
    return m.span() if m is not None else None


def _future_window(
    low: str, ws: int, we: int, ts: int, te: int, reference_month: int, reference_day: int
) -> tuple[int, int] | None:
    """A notice of a window that opens after publication, near the trigger: "live-fire danger area SE
    of the island, effective 15-19 DEC" (navigational warnings, NOTAMs, announced firing windows)."""
    for m in _FUTURE_WINDOW.finditer(low, ws, we):
        day, month = int(m.group(1) or m.group(4)), m.group(2) or m.group(3)
        if not _ahead(day, month, reference_month, reference_day):
            continue
        if _words(_gap(low, m.start(), m.end(), ts, te)) <= _FUTURE_WINDOW_REACH:
            return m.span()
    for m in _NEXT_MONTHS.finditer(low, ws, we):
        if not 1 <= _months_ahead(m.group(1)[:3], reference_month) <= _NEXT_MONTHS_AHEAD:
            continue
        gap = _gap(low, m.start(), m.end(), ts, te)
        if _words(gap) <= _FUTURE_WINDOW_REACH and "," not in gap:
            return m.span()
    # (Past the clause's end: a spaced dash inside "10DEC 0800 - 12DEC 1800" is no clause break.)
    for m in _BARE_RANGE.finditer(low, te):
        if _words(low[te:m.start()]) > _BARE_RANGE_REACH or _RANGE_END_WORDS.search(low, te, m.start()):
            break
        if _ahead(int(m.group(1) or m.group(3)), m.group(2) or m.group(4), reference_month, reference_day):
            return m.span()
    return None


def _gap(low: str, a: int, b: int, ts: int, te: int) -> str:
    """The text between ``[a, b)`` and the trigger ``[ts, te)``, whichever side it stands on."""
    return low[b:ts] if b <= ts else low[te:a]


def _months_ahead(month_abbr: str, reference_month: int) -> int:
    """How many months after the publication month a named month (three-letter form) falls, 0-11."""
    return (_MONTH_ABBRS.index(month_abbr) + 1 - reference_month) % 12


def _months_back(month_abbr: str, reference_month: int) -> int:
    """How many months before the publication month a named month (three-letter form) falls, 0-11."""
    return (reference_month - _MONTH_ABBRS.index(month_abbr) - 1) % 12


def _year_or_today(reference_year: int | None) -> int:
    """The publication year, or this year for an item without one."""
    return reference_year if reference_year is not None else date.today().year


def _ahead(day: int, month_abbr: str, reference_month: int, reference_day: int) -> bool:
    """Whether a day and month fall after publication, within _FUTURE_WINDOW_MONTHS."""
    ahead = _months_ahead(month_abbr, reference_month)
    return ahead <= _FUTURE_WINDOW_MONTHS and not (ahead == 0 and day <= reference_day)


def _fronted_past(
    cased: str, low: str, ts: int, te: int, reference_year: int | None, dated: bool = True
) -> tuple[int, int] | None:
    """A past-time adverbial opening the sentence that dates the trigger, with nothing in between
    that brings the sentence back to the present ("now", "but", "has", "on Monday").

    A wire dateline before it is not the opening ("DUSSELDORF - Three years after a ransomware
    attack paralysed its town halls, ..."); only a place in capitals is taken for one. `dated`: False
    when ``low`` has no year (`_YEAR`), so only an opening without one is looked for."""
    lead = _LEAD.match(low)
    start = lead.end() if lead is not None else 0
    dateline = _DATELINE.match(cased, start)
    if dateline is not None and dateline.group(1).isupper():
        start = dateline.end()
    if start >= ts or low[start] not in _FRONTED_FIRST:
        return None
    m = _FRONTED_YEAR.match(low, start) if dated else None
    if m is not None:
        year = int(m.group(1)) + (9 if m.group(2) else 0)
        ref = _year_or_today(reference_year)
        if year >= ref or _COUNT_AFTER_YEAR.match(low, m.end()) or _NAMED_AFTER_YEAR.match(low, m.end()):
            return None
        span = m.span(1)
    else:
        m = _FRONTED_AGO.match(low, start)
        if m is None:
            return None
        span = m.span()
    end = m.end()
    if m.start() >= ts or _words(low[end:ts]) > 40:
        return None
    # A trigger inside the fronted phrase itself ("Four years after a ransomware attack shut its
    # pipeline, the operator says it has rebuilt") is dated whatever the main clause says; otherwise
    # anything after the phrase may bring the sentence back to the present ("..., tanks shelled the
    # town on Monday").
    comma = low.find(",", end)
    stop_end = comma if 0 <= te <= comma else len(low)
    if _FRONTED_STOP.search(low, end, stop_end) is not None:
        return None
    return span


_YEAR_BEFORE_NOT: Final = frozenset("0123456789,.$\u20ac\u00a3#/-")


def _since_superlative(low: str, cs: int, a: int) -> bool:
    """True for "the biggest buildup since 2014" or "tightest ties since the Cold War".

    A past anchor introduced by "since" after a superlative is a comparison point that makes the
    present event *more* newsworthy, not a report of a past one.
    """
    if low.startswith("since", a):
        since = a
    else:
        m = _SINCE_BEFORE.search(low, max(cs, a - 40), a)
        if m is None:
            return False
        since = m.start()
    for word in low[max(cs, since - 80):since].split()[-7:]:
        w = word.strip(",.'\"")
        if _SUPERLATIVE.fullmatch(w) and w not in _NOT_SUPERLATIVE:
            return True
    return False
