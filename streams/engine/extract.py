"""Military quantities in a sentence: "over 150,000 troops", "two battalion tactical groups".

Rules put thresholds on these ("at least 10,000 troops"), so a value must be attached to a unit and
must not be a year, a date, money, a percentage or a casualty count.  Extraction runs only on the few
sentences that fired, but still works on the folded text (lowercase ASCII, same offsets) so that one
set of precompiled patterns covers curly quotes, non-breaking spaces and capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from streams.engine.text import fold

__all__ = ["Quantity", "extract_quantities"]


def _split(words: str) -> tuple[str, ...]:
    """Word lists are written as "a | b c | d" so multi-word entries read naturally."""
    return tuple(w.strip() for w in words.split("|"))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number attached to a military unit; ``text`` is the surface string, ``start``/``end`` index it."""

    value: float
    unit: str
    text: str
    start: int
    end: int


# Unit surface forms (folded) → normalised unit.  Longer forms are tried first.
_UNIT_FORMS: Final[dict[str, tuple[str, ...]]] = {
    "troops": _split(
        "troops | troop | soldiers | soldier | servicemen | serviceman | service members | service "
        "member | servicemembers | personnel | paratroopers | paratrooper | marines | marine | "
        "fighters | fighter | infantry | infantrymen | special forces | commandos | commando | "
        "military personnel | men under arms | conscripts | peacekeepers | mercenaries | sailors | "
        "airmen"
    ),
    "reservists": _split("reservists | reservist | reserve troops | reserves"),
    "battalion_tactical_groups": _split(
        "battalion tactical groups | battalion tactical group | btgs | btg | battalion groups | "
        "battalion group | battalion-tactical groups"
    ),
    "battalions": _split("battalions | battalion"),
    "brigades": _split("brigades | brigade"),
    "divisions": _split("divisions | division"),
    "regiments": _split("regiments | regiment"),
    "tanks": _split("tanks | tank | main battle tanks"),
    "armoured_vehicles": _split(
        "armoured vehicles | armored vehicles | armoured vehicle | armored vehicle | armoured "
        "personnel carriers | armored personnel carriers | apcs | apc | infantry fighting vehicles "
        "| infantry fighting vehicle | ifvs | military vehicles | armoured cars | armored cars"
    ),
    "artillery": _split(
        "artillery pieces | artillery systems | artillery guns | artillery | howitzers | howitzer | "
        "rocket launchers | rocket launcher | multiple rocket launchers | mlrs"
    ),
    "aircraft": _split(
        "aircraft | warplanes | warplane | fighter jets | fighter jet | jets | jet | bombers | "
        "bomber | helicopters | helicopter | fighter planes | military planes | planes"
    ),
    "drones": _split("drones | drone | uavs | uav"),
    "warships": _split(
        "warships | warship | vessels | vessel | ships | ship | frigates | frigate | destroyers | "
        "destroyer | submarines | submarine | corvettes | cruisers | aircraft carriers | aircraft "
        "carrier"
    ),
    "missiles": _split("missiles | missile | cruise missiles | ballistic missiles | rockets"),
}
_UNIT_OF: Final[dict[str, str]] = {form: unit for unit, forms in _UNIT_FORMS.items() for form in forms}


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, built as a trie so the engine branches once per letter.

    CPython's ``re`` tries alternatives one by one; a trie of fifty number words costs a few
    character tests per position instead of fifty.  Optional tails are greedy, so the longest word
    wins ("fighter jets" over "fighter").  Spaces in a word match any run of whitespace.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    """Regex source for one trie node (see :func:`_alternation`)."""
    parts = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


_SMALL: Final[dict[str, int]] = {
    w: i
    for i, w in enumerate(
        _split(
            "zero | one | two | three | four | five | six | seven | eight | nine | ten | eleven | "
            "twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen"
        )
    )
}
_TENS: Final[dict[str, int]] = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_SCALES: Final[dict[str, int]] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
# Vague amounts: a representative value (the smallest plural that reads naturally).
_VAGUE: Final[dict[str, int]] = {
    "hundreds of thousands": 200_000,
    "tens of thousands": 20_000,
    "many thousands": 2_000,
    "several thousands": 3_000,
    "thousands": 2_000,
    "hundreds": 200,
    "dozens": 24,
    "scores": 40,
    "millions": 2_000_000,
}
_FEW: Final[dict[str, int]] = {"several": 3, "a few": 3, "a couple of": 2, "a couple": 2, "a handful of": 3}
_DIGIT_SUFFIX: Final[dict[str, int]] = {"k": 1_000, "m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000}

_WORD_ONE = _alternation(list(_TENS) + [w for w in _SMALL if w != "zero"])
_WORD_NUM = (
    rf"(?:(?:a|an)\s+(?:hundred|thousand|million|dozen)|(?:{_WORD_ONE})|dozen)"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_WORD_ONE}|hundred|thousand|million|dozen)\b)*"
)
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ ]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?)"
    r"(?:\s?(?:k|mln|bn|m)\b|\s+(?:hundred|thousand|million|billion)\b)?"
)
_VAGUE_NUM = (
    rf"(?:(?:{_alternation(_VAGUE)})\s+of|(?:{_alternation(_FEW)})(?:\s+(?:hundred|thousand|dozen)\b)?)"
)
_NUMBER = rf"(?:{_DIGITS}|{_VAGUE_NUM}|{_WORD_NUM})"

_STOP = _alternation(
    _split(
        "and | april | are | at | august | be | been | by | cent | civilians | day | days | "
        "december | february | for | from | had | has | have | hour | hours | in | is | january | "
        "july | june | kilometers | kilometres | km | march | may | meters | metres | migrants | "
        "miles | month | months | november | october | of | on | or | people | per | percent | "
        "protesters | refugees | residents | september | than | that | the | times | to | was | "
        "week | weeks | were | which | who | will | with | would | year | years"
    )
)
_ADJ = rf"(?:(?!(?:{_STOP})\b)[a-z][\w'-]*)"
_UNIT = _alternation(list(_UNIT_OF))
_STRONG = (
    r"[- ]strong(?:\s+[a-z][\w'-]*)?\s+(?:force|contingent|army|unit|deployment|garrison|group|team|troop)"
)

# The number, an optional range, then either a unit (up to three words later) or "-strong force".
_QUANTITY_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\w$#.,/-])(?P<n1>{_NUMBER})"
    rf"(?:\s*(?:-|to|and|or)\s*(?P<n2>{_NUMBER}))?"
    # A unit word used as an adjective gives way to the unit after it: "two additional infantry
    # brigades" counts brigades, not infantrymen.
    rf"(?:(?P<strong>{_STRONG})\b|(?:\s+{_ADJ}){{0,3}}?\s+(?P<unit>{_UNIT})(?![\w-])(?!\s+(?:{_UNIT})(?![\w-])))?"
)
_MODIFIER_WORDS: Final[tuple[str, ...]] = _split(
    "over | more than | about | around | some | approximately | approx. | roughly | nearly | almost "
    "| up to | at least | as many as | as few as | an estimated | estimated | a further | further | "
    "another | an additional | additional | an extra | fewer than | less than | close to | upwards "
    "of | at most | just over | just under | well over | under | below | above | in excess of | no "
    "fewer than | no less than | not less than | a total of | a reported | a force of | force of | "
    "a contingent of | contingent of | an army of | army of | a deployment of | deployment of | a "
    "garrison of | garrison of"
)
_MODIFIER_SET: Final[frozenset[str]] = frozenset(_MODIFIER_WORDS)
_MODIFIER_LAST: Final[frozenset[str]] = frozenset(m.split()[-1] for m in _MODIFIER_WORDS)
_CASUALTY_BEFORE: Final[frozenset[str]] = frozenset(
    _split(
        "bodies of | captured | capturing | death of | deaths of | injured | injuring | killed | "
        "killing | lives of | losing | loss of | losses of | lost | wounded | wounding"
    )
)
_YEAR_BEFORE: Final[frozenset[str]] = frozenset(
    _split(
        "after | autumn | before | by | during | early | fall | from | in | late | mid | of | since "
        "| spring | summer | through | till | until | winter | year"
    )
)
_MONTHS: Final[frozenset[str]] = frozenset(
    _split(
        "apr | apr. | april | aug | aug. | august | dec | dec. | december | feb | feb. | february | "
        "jan | jan. | january | jul | jul. | july | jun | jun. | june | mar | mar. | march | may | "
        "nov | nov. | november | oct | oct. | october | sep | sep. | sept | sept. | september"
    )
)
_FORCE_OF: Final[frozenset[str]] = frozenset(
    m for m in _MODIFIER_WORDS if m.endswith(" of") and "total" not in m
)
_CASUALTY_AFTER: Final[frozenset[str]] = frozenset(
    ["killed", "wounded", "dead", "died", "injured", "captured", "casualties", "missing"]
)
_NOT_A_COUNT: Final[tuple[str, ...]] = ("%", "percent", "per cent", "dollars", "euros", "pounds")
_PUNCT: Final[str] = "\"'()[]{},.;:!?"
_LOOKBACK: Final[int] = 60
# Last words of unit forms (and of "2,000-strong force", "a force of"): without one, nothing to find.
_TRIGGERS: Final[frozenset[str]] = frozenset(
    {form.split()[-1] for form in _UNIT_OF}
    | {"strong", "force", "contingent", "army", "deployment", "garrison"}
)
_PUNCT_TO_SPACE: Final[bytes] = bytes(32 if chr(c) in "\"'()[]{},.;:!?-/" else c for c in range(256))


def _bare_words(folded: str) -> list[str]:
    """Words of folded (ASCII) text with punctuation removed; bytes.translate runs at C speed."""
    return folded.encode("ascii").translate(_PUNCT_TO_SPACE).decode("ascii").split()


@lru_cache(maxsize=4096)
def _parse_number(phrase: str) -> float | None:
    """Value of a folded number phrase: "150,000", "1.5 million", "twelve thousand", "dozens of"."""
    phrase = " ".join(phrase.replace("-", " ").split())
    vague = _VAGUE.get(phrase.removesuffix(" of"))
    if vague is not None:
        return float(vague)
    for few, count in _FEW.items():
        if phrase == few:
            return float(count)
        if phrase.startswith(few + " "):
            rest = phrase[len(few) + 1 :]
            scale = 12 if rest == "dozen" else _SCALES.get(rest)
            return float(count * scale) if scale else None
    if phrase[0].isdigit():
        return _parse_digits(phrase)
    return _parse_words(phrase)


def _parse_digits(phrase: str) -> float | None:
    """Digits with thousands separators and an optional scale ("150k", "1.5 million")."""
    head, _, tail = phrase.partition(" ")
    multiplier = 1
    number = head
    if tail:
        if tail in _SCALES:
            multiplier = _SCALES[tail]
        elif tail in _DIGIT_SUFFIX:
            multiplier = _DIGIT_SUFFIX[tail]
        elif tail.replace(" ", "").isdigit():  # "40 000"
            number = head + tail.replace(" ", "")
        else:
            return None
    else:
        for suffix in ("mln", "bn", "k", "m"):
            if head.endswith(suffix) and head[: -len(suffix)].replace(",", "").replace(".", "").isdigit():
                number, multiplier = head[: -len(suffix)], _DIGIT_SUFFIX[suffix]
                break
    try:
        return float(number.replace(",", "")) * multiplier
    except ValueError:
        return None


def _parse_words(phrase: str) -> float | None:
    """Number words: "twelve thousand", "two hundred and fifty", "a dozen", "three dozen"."""
    total = 0
    current = 0
    for word in phrase.split():
        if word in ("a", "an"):
            current = current or 1
        elif word == "and":
            continue
        elif word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
    value = total + current
    return float(value) if value else None


def _start_of_word(window: str, raw: list[str], count: int) -> int:
    """Offset in ``window`` of the ``count``-th word from its end (``raw`` is nearest first)."""
    cursor = len(window)
    for word in raw[:count]:
        cursor = window.rfind(word, 0, cursor)
    word = raw[count - 1]
    return cursor + len(word) - len(word.lstrip(_PUNCT))  # an opening quote is not part of "about"


def extract_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Military quantities inside ``text[start:end]``, in order, with offsets into ``text``.

    A range ("between 7,000 and 15,000 soldiers") reports its lower bound, the cautious reading for a
    threshold.  Years ("in 2014 troops"), dates, money, percentages and casualty counts ("7,000
    soldiers were killed", "killing 12 soldiers") are skipped; a bare number counts only after "a force
    of".  Words before the number that qualify it ("over", "a further", "between") are part of
    ``text``.
    """
    stop = len(text) if end is None else min(end, len(text))
    if start >= stop:
        return []
    folded = fold(text[start:stop])
    # Cheap exit for the common case: no unit word at all, so no quantity can attach to one.
    if _TRIGGERS.isdisjoint(_bare_words(folded)):
        return []
    found: list[Quantity] = []
    for m in _QUANTITY_RE.finditer(folded):
        q = _accept(folded, m)
        if q is not None:
            q_start, q_end, value, unit = q
            found.append(
                Quantity(value, unit, text[start + q_start : start + q_end], start + q_start, start + q_end)
            )
    return found


def _accept(folded: str, m: re.Match[str]) -> tuple[int, int, float, str] | None:
    """Judge one candidate: (start, end, value, unit) if it is a head count, else ``None``.

    Ordered cheapest test first: most candidates that fail are bare numbers with no unit.
    """
    num_start = m.start()
    unit_form = m.group("unit")
    strong = m.group("strong")
    if unit_form is None and strong is None and folded[max(0, num_start - 3) : num_start] != "of ":
        return None
    if num_start > 0 and folded[num_start - 1] in "$#":
        return None
    n2_end = m.end("n2")
    number_end = n2_end if n2_end != -1 else m.end("n1")
    if folded[number_end : number_end + 10].lstrip().startswith(_NOT_A_COUNT):
        return None
    q_end = m.end()
    if not _CASUALTY_AFTER.isdisjoint(_bare_words(folded[q_end : q_end + 48])[:4]):
        return None

    lo = max(0, num_start - _LOOKBACK)
    window = folded[lo:num_start]
    raw = window.split()[-6:]
    raw.reverse()
    plain = [w.lstrip(_PUNCT) for w in raw]
    at = 0
    mod = ""
    if plain and plain[0] in _MODIFIER_LAST:
        for length in range(min(4, len(plain)), 0, -1):
            candidate = " ".join(reversed(plain[:length]))
            if candidate in _MODIFIER_SET:
                mod, at = candidate, length
                break
    if at < len(plain) and plain[at] == "between":
        at += 1
    if at < len(plain) and (
        plain[at] in _CASUALTY_BEFORE or " ".join(reversed(plain[at : at + 2])) in _CASUALTY_BEFORE
    ):
        return None
    if unit_form is not None:
        unit = _UNIT_OF[" ".join(unit_form.split())]
    elif strong is not None or mod in _FORCE_OF:
        unit = "troops"
    else:
        return None
    n1 = m.group("n1")
    if not mod and plain and _is_date(n1, plain[0]):
        return None
    value = _parse_number(n1.strip())
    if value is None:
        return None
    q_start = lo + _start_of_word(window, raw, at) if at else num_start
    return q_start, q_end, value, unit


def _is_date(number: str, previous: str) -> bool:
    """Whether a number is a year ("in 2014") or a day of the month ("on February 24")."""
    if not number.isdigit():
        return False
    if len(number) <= 2:
        return previous in _MONTHS
    return (
        len(number) == 4 and 1900 <= int(number) <= 2099 and (previous in _YEAR_BEFORE or previous in _MONTHS)
    )
