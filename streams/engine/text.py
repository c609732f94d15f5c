"""Text primitives for the detection engine: folding, sentence spans and word positions.

Everything here works on offsets into the caller's original string, so evidence, quantities and
mentions found on a folded copy can be reported against the text the user sent.  Speed matters more
than linguistic perfection: detection scans thousands of ~3 KB articles a second on one core, so the
hot paths lean on C-level ``str`` methods (``isascii``, ``lower``, ``find``, ``encode``) instead of
regex scans, which cost several nanoseconds per character in CPython's ``re``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from typing import Any, Final

try:
    import numpy as _np
except ImportError:  # pragma: no cover - see _word_ends
    _np = None  # type: ignore[assignment]

__all__ = ["WordIndex", "fold", "fold_cased", "split_sentences"]

# ---------------------------------------------------------------------------------------------------
# Folding
# ---------------------------------------------------------------------------------------------------

# Characters whose folding is a matter of taste rather than Unicode data; everything else is derived
# from the character database the first time it is seen and then cached.
_SPECIAL: Final[dict[str, str]] = {
    # Quotes and primes: rules and the sentence splitter only need to know "a quote is here".
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2039": "'",
    "\u203a": "'",
    "\u02b9": "'",
    "\u02bb": "'",
    "\u02bc": "'",
    "\u02bd": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    # Minus sign is a math symbol, not a dash, but reads as one in "-5" written with U+2212.
    "\u2212": "-",
    # Sentence punctuation that must stay punctuation for the splitter.
    "\u2026": ".",
    "\u3002": ".",
    "\uff0e": ".",
    # Line breaks that Unicode files under "space" but which separate lines.
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
    # Latin letters that have no canonical decomposition to an ASCII base.
    "\u00df": "s",
    "\u1e9e": "S",
    "\u0142": "l",
    "\u0141": "L",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0111": "d",
    "\u0110": "D",
    "\u00f0": "d",
    "\u00d0": "D",
    "\u00fe": "t",
    "\u00de": "T",
    "\u00e6": "a",
    "\u00c6": "A",
    "\u0153": "o",
    "\u0152": "O",
    "\u0131": "i",
    "\u0127": "h",
    "\u0126": "H",
    "\u0167": "t",
    "\u0166": "T",
    "\u014b": "n",
    "\u014a": "N",
    "\u0138": "k",
    "\u017f": "s",
    "\u0192": "f",
}


def _fold_char(ch: str) -> str:
    """Fold one non-ASCII character to exactly one ASCII character, preserving case.

    Letters of other scripts become ``x``/``X`` so that a Cyrillic or Arabic word stays one ``\\w+``
    token; separators, controls and combining marks become whitespace so they never glue words
    together; other symbols become ``#`` (a non-word character that no rule is likely to spell).
    """
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    cat = unicodedata.category(ch)
    major = cat[0]
    if major == "L":
        decomposed = unicodedata.normalize("NFKD", ch)
        first = decomposed[0]
        if first.isascii() and first.isalpha():
            return first
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN "):
            parts = name.split(" LETTER ", 1)
            if len(parts) == 2 and len(parts[1]) >= 1:
                base = parts[1].split(" ", 1)[0]
                if len(base) == 1 and base.isascii():
                    return base if "CAPITAL" in parts[0] else base.lower()
        return "X" if ch.isupper() else "x"
    if major == "N":
        if cat == "Nd":
            return str(unicodedata.decimal(ch, 0))
        decomposed = unicodedata.normalize("NFKD", ch)
        if len(decomposed) == 1 and decomposed.isascii() and decomposed.isalnum():
            return decomposed
        return "x"
    if major == "Z":
        return "\n" if cat in ("Zl", "Zp") else " "
    if major in ("C", "M"):
        return " "
    # Punctuation and symbols.
    if cat == "Pd":
        return "-"
    decomposed = unicodedata.normalize("NFKD", ch)
    if len(decomposed) == 1 and decomposed.isascii() and decomposed.isprintable():
        return decomposed
    if cat == "Pi" or cat == "Pf":
        return '"'
    if cat == "Ps":
        return "("
    if cat == "Pe":
        return ")"
    if cat == "Sc":
        return "$"
    return "#"


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that fills itself in: only characters actually seen are computed."""

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        self[key] = value
        return value


_TABLE: Final[_FoldTable] = _FoldTable()
_ERROR_HANDLER: Final[str] = "tripwire.fold"


def _fold_errors(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: replace a run of non-ASCII characters by their one-to-one folds.

    Encoding to ASCII with this handler keeps the ASCII majority of a news text in C; Python only
    runs once per *run* of non-ASCII characters (a curly quote, an accented name).
    """
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - registered for encoding only
        raise exc
    return exc.object[exc.start : exc.end].translate(_TABLE), exc.end


codecs.register_error(_ERROR_HANDLER, _fold_errors)


# The characters that make up nearly all non-ASCII text in English news.  ``str.replace`` handles
# each in C, so the codec error handler above is left with the rare rest.
_COMMON: Final[tuple[tuple[str, str], ...]] = (
    ("\u2019", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2014", "-"),
    ("\u2013", "-"),
    ("\u00a0", " "),
    ("\u2018", "'"),
)

# One-slot memo: the engine folds an article and then splits the same string object, so the second
# call reuses the first's work.  A tuple is swapped in atomically, so threads cannot see a torn pair.
_last: tuple[str, str] = ("", "")


def fold_cased(text: str) -> str:
    """Like :func:`fold` but keeps letter case, for the splitter and case-sensitive acronyms."""
    global _last
    if text.isascii():
        return text
    last = _last
    if last[0] is text:
        return last[1]
    folded = text
    for ch, repl in _COMMON:
        if ch in folded:
            folded = folded.replace(ch, repl)
    folded = folded.encode("ascii", _ERROR_HANDLER).decode("ascii")
    _last = (text, folded)
    return folded


def fold(text: str) -> str:
    """Fold text to lowercase ASCII of exactly the same length.

    Rules match on the folded text (so "KYIV's" and "Kyiv's" with a curly apostrophe look alike)
    while offsets stay valid in the original: ``len(fold(t)) == len(t)`` for every string, because
    each code point maps to exactly one ASCII character.
    """
    if text.isascii():
        return text.lower()
    return fold_cased(text).lower()


# ---------------------------------------------------------------------------------------------------
# Sentence splitting
# ---------------------------------------------------------------------------------------------------

# A period after one of these never ends a sentence (titles, months, "No. 5", "e.g.").
_NEVER_END: Final[frozenset[str]] = frozenset(
    """
    Gen Gens Lt Col Maj Capt Cpt Sgt Adm Brig Cmdr Cdr Cmdt Pvt Cpl Spc Lieut Mr Mrs Ms Messrs
    Dr Drs Prof St Ste Mt Ft Gov Sen Rep Reps Rev Hon Pres Amb Supt Insp Det Jan Feb Mar Apr Jun
    Jul Aug Sept Sep Oct Nov Dec No Nos Vol Vols Fig Figs Art Sec approx Approx est Est e.g E.g
    i.e I.e vs Vs v cf ca Ca viz al Nr nr pp incl Incl excl Excl esp Esp ref Ref obs Obs
    dist Dist distr Distr prov Prov reg Reg Bde bde Bn bn Div div Coy coy Regt regt
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# A period after one of these ends a sentence only when a typical sentence opener follows
# ("the U.S. Army" vs "... to the U.S. The move").
_MAY_END: Final[frozenset[str]] = frozenset(
    """
    U.S U.K U.N E.U U.A.E D.C Inc Ltd Co Corp Jr Sr Bros a.m p.m A.M P.M Dept Assn Univ
    """.split()  # noqa: SIM905 - a word list reads best as words
)
_OPENERS: Final[frozenset[str]] = frozenset(
    """
    The A An This That These Those It Its He She They We I You His Her Their Our My There Here
    But And Or So Yet However Meanwhile In On At As After Before When While If Although Though
    Since Because Some Many Most Both Neither Each Every All Also Still Earlier Later Last
    Separately According Officials Asked What Why How Who
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Words that cannot end a sentence, so a line ending in one continues on the next line.
_CONTINUING: Final[frozenset[str]] = frozenset(
    """
    a an the of to in on at by for from with and or but nor as that which who whom whose than
    into onto over under near along across between against about after before during per via its
    their his her our your my is are was were be been has have had will would could should may
    might must
    """.split()  # noqa: SIM905 - a word list reads best as words
)
_TERMINATORS: Final[str] = ".!?"
_CLOSERS: Final[str] = "\"')]}"
_OPENERS_PUNCT: Final[str] = "\"'([{"
_LINE_JOINERS: Final[str] = ",;:(-&/"
_BULLETS: Final[str] = "-*#>+"


def _token_before(t: str, p: int) -> str:
    """The whitespace-delimited token ending at ``p`` (without leading quotes or brackets)."""
    window = t[max(0, p - 16) : p]
    if not window or window[-1].isspace():
        return ""
    parts = window.split()
    return parts[-1].lstrip(_OPENERS_PUNCT) if parts else ""


def _starts_sentence(t: str, q: int) -> bool:
    """Whether the character at ``q`` can open a sentence: capital, digit, quote or bracket."""
    c = t[q]
    return c.isupper() or c.isdigit() or c in _OPENERS_PUNCT


def _opener_word(t: str, q: int) -> bool:
    """Whether a typical sentence-opening word (or a quotation) starts at ``q``."""
    if t[q] in _OPENERS_PUNCT:
        return True
    window = t[q : q + 12].split(None, 1)
    return bool(window) and window[0].rstrip(",;:") in _OPENERS


def _period_ends(t: str, p: int, q: int) -> bool:
    """Decide whether the single period at ``p`` (next sentence would start at ``q``) ends a sentence."""
    tok = _token_before(t, p)
    if tok:
        if tok in _NEVER_END:
            return False
        if len(tok) == 1 and tok.isupper():  # an initial: "J. R. Smith"
            return False
        if tok in _MAY_END or ("." in tok and all(len(part) == 1 for part in tok.split("."))):
            return _opener_word(t, q)
    return _starts_sentence(t, q)


def _is_bullet(t: str, q: int, n: int) -> bool:
    """Whether the line starting at ``q`` is a list item ("- x", "* x", "1. x", "2) x")."""
    c = t[q]
    if c in _BULLETS:
        return q + 1 < n and t[q + 1] in " \t"
    if c.isdigit():
        r = q + 1
        while r < n and t[r].isdigit():
            r += 1
        return r + 1 < n and t[r] in ".)" and t[r + 1] in " \t"
    return False


def _line_joins(t: str, g: int, q: int, n: int) -> bool:
    """Whether a single line break between ``g`` (end of the line) and ``q`` (next line) is a wrap."""
    if _is_bullet(t, q, n):
        return False
    last = t[g - 1]
    if last in _LINE_JOINERS:
        return True
    window = t[max(0, g - 8) : g].split()
    if window and window[-1] in _CONTINUING:
        return True
    nxt = t[q]
    return nxt.islower() and (last.islower() or last.isdigit())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentence spans ``(start, end)``, trimmed, covering every non-blank character.

    Boundaries are sentence punctuation followed by a capital, digit or quote; blank lines; and line
    breaks that do not look like a wrapped paragraph (headlines, datelines and list items stand alone).
    Abbreviations, initials, decimals and "U.S.-led" do not end sentences.
    """
    n = len(text)
    if n == 0:
        return []
    t = fold_cased(text)
    if "\r" in t:
        t = t.replace("\r\n", " \n").replace("\r", "\n")
    if "\x0b" in t or "\x0c" in t:
        t = t.replace("\x0b", "\n").replace("\x0c", "\n")
    cuts: list[tuple[int, int]] = []  # (end of one sentence, start of the next)

    # Sentence punctuation followed by whitespace on the same line.
    for ch in _TERMINATORS:
        i = t.find(ch)
        while i != -1:
            j = i + 1
            while j < n and t[j] in _TERMINATORS:
                j += 1
            pe = j
            while pe < n and t[pe] in _CLOSERS:
                pe += 1
            if pe < n and t[pe] in " \t":
                q = pe + 1
                while q < n and t[q] in " \t":
                    q += 1
                if q < n and t[q] != "\n":
                    if j - i == 1 and ch == ".":
                        if i > 0 and t[i - 1] in _TERMINATORS:
                            pass  # the tail of a mixed run such as "?." was judged at its start
                        elif _period_ends(t, i, q):
                            cuts.append((pe, q))
                    elif (i == 0 or t[i - 1] not in _TERMINATORS) and _starts_sentence(t, q):
                        cuts.append((pe, q))
            i = t.find(ch, j)

    # Line breaks.
    i = t.find("\n")
    while i != -1:
        g = i
        while g > 0 and t[g - 1] in " \t\n":
            g -= 1
        q = i + 1
        breaks = 1
        while q < n and t[q].isspace():
            if t[q] == "\n":
                breaks += 1
            q += 1
        if g > 0 and q < n:
            if breaks >= 2:
                cuts.append((g, q))
            else:
                p = g
                while p > 0 and t[p - 1] in _CLOSERS:
                    p -= 1
                if p > 0 and t[p - 1] in _TERMINATORS:
                    if (
                        t[p - 1] != "."
                        or (p > 1 and t[p - 2] in _TERMINATORS)
                        or _period_ends(t, p - 1, q)
                        or (not t[q].islower() and _token_before(t, p - 1) not in _NEVER_END)
                    ):
                        cuts.append((g, q))
                elif not _line_joins(t, g, q, n):
                    cuts.append((g, q))
        i = t.find("\n", q)

    cuts.sort()
    spans: list[tuple[int, int]] = []
    start = 0
    for end, nxt in cuts:
        # Folding turned invisible controls into spaces; never drop one that is not blank in the input.
        if not text[end:nxt].isspace():
            continue
        _append_trimmed(text, start, end, spans)
        start = nxt
    _append_trimmed(text, start, n, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` without surrounding whitespace, unless it is blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# ---------------------------------------------------------------------------------------------------
# Word positions
# ---------------------------------------------------------------------------------------------------


_WORD: Final[re.Pattern[str]] = re.compile(r"\w+")
# 1 for the ASCII bytes that make up words after folding (letters, digits, underscore), else 0.
_WORD_BYTES: Final[bytes] = bytes(1 if c < 128 and (chr(c).isalnum() or c == 95) else 0 for c in range(256))
if _np is not None:
    _WORD_LUT: Final = _np.frombuffer(_WORD_BYTES, dtype=_np.uint8)


_ASIDE_MAX: Final = 200  # characters; a longer bracket is a passage of its own, not an aside


def _aside_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the short bracketed asides in ``text``: ``(`` to its ``)``, no bracket inside."""
    spans: list[tuple[int, int]] = []
    start = text.find("(")
    while start != -1:
        end = text.find(")", start + 1)
        if end == -1:
            break
        inner = text.find("(", start + 1, end)
        if inner != -1:
            start = inner
            continue
        if end - start <= _ASIDE_MAX:
            spans.append((start, end))
        start = text.find("(", end + 1)
    return spans


def _word_ends(text: str, folded: str | None = None) -> tuple[list[int], Any]:
    """End offsets of the words of ``text`` that count for distances, in order, as a list and (with
    numpy) an array; ``folded``: ``fold_cased(text)`` or a lower-cased form of it, when the caller
    already has one.

    The words of a short bracketed aside do not count: an aside does not separate what the sentence
    joins ("a column of ~40 vehicles (T-72s, ZU-23s on trucks) moving north"). A word inside an aside
    takes the number of the first word after it. (Counting hyphenated compounds as one word as well
    was measured and dropped: it brought two clauses' words within reach more often than it helped.)

    With numpy (a dependency of the service) this is a vectorised pass over the folded bytes, about
    five times faster than collecting ``re.finditer`` matches in Python.
    """
    if _np is None:  # pragma: no cover - numpy is always installed with the service
        asides = _aside_spans(text) if "(" in text else []
        counted = (m.end() for m in _WORD.finditer(text))
        return [e for e in counted if not any(a < e <= b for a, b in asides)], None
    if folded is None:
        folded = fold_cased(text)
    flags = _WORD_LUT[_np.frombuffer(folded.encode("ascii") + b" ", dtype=_np.uint8)]
    array = _np.flatnonzero(flags[:-1] > flags[1:]) + 1
    if "(" in text:
        for start, end in _aside_spans(text):
            array = array[(array <= start) | (array > end)]
    ends: list[int] = array.tolist()
    return ends, array


class WordIndex:
    """Maps character offsets to word numbers, for "within N words" proximity checks.

    A word is a run of letters, digits or underscores after folding (the same runs as ``\\w+`` on
    folded text); the words of a short bracketed aside do not count (see ``_word_ends``).
    Boundaries are computed lazily on the first lookup: most articles never reach a proximity check,
    so constructing an index is free.
    """

    __slots__ = ("_ends", "_ends_array", "_folded", "_text")

    def __init__(self, text: str, folded: str | None = None) -> None:
        """``folded``: the text already folded (``fold_cased``, or lower-cased with hyphens and line
        breaks as spaces - the scan form), so the index need not fold it again."""
        self._text = text
        self._folded = folded
        self._ends: list[int] | None = None
        self._ends_array: Any = None  # the same offsets as a numpy array, for word_numbers

    def _build(self) -> list[int]:
        """Compute and keep the word end offsets."""
        ends, self._ends_array = _word_ends(self._text, self._folded)
        self._ends = ends
        return ends

    def word_numbers(self, offsets: list[int]) -> list[int]:
        """``word_number`` of many offsets in one vectorised pass."""
        ends = self._ends
        if ends is None:
            ends = self._build()
        if _np is None:  # pragma: no cover
            return [bisect_right(ends, o) for o in offsets]
        found: list[int] = _np.searchsorted(self._ends_array, offsets, side="right").tolist()
        return found

    def word_number(self, offset: int) -> int:
        """Index of the word containing ``offset``, or of the first word after it.

        An offset past the last word returns the number of words, so distances stay monotonic.
        """
        ends = self._ends
        if ends is None:
            ends = self._build()
        return bisect_right(ends, offset)

    def word_number_fn(self) -> Callable[[int], int]:
        """``word_number`` as a C-level callable (bisect over the word ends, built now): proximity
        checks call it per matched span, and a Python frame per call costs more than the bisect."""
        ends = self._ends
        if ends is None:
            ends = self._build()
        return partial(bisect_right, ends)

    def __len__(self) -> int:
        """Number of words in the text."""
        ends = self._ends
        if ends is None:
            ends = self._build()
        return len(ends)
