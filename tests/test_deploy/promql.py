"""Pull metric names and selectors out of PromQL text with regexes.

Why not a real parser: Prometheus 2.42 (Debian's) has no parse endpoint and there is no maintained
PromQL parser on PyPI. The queries we check are our own, written in a plain style, so stripping
strings, label matchers, ranges and grouping clauses and then reading the remaining identifiers is
reliable; the tests of this module pin the cases that matter. Validity of the syntax itself is
checked by a real Prometheus (see prom.py).
"""

from __future__ import annotations

import re

__all__ = ["KEYWORDS", "metric_names", "selectors"]

KEYWORDS = frozenset(
    {
        "and",
        "or",
        "unless",
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
        "bool",
        "offset",
        "inf",
        "nan",
        "atan2",
    }
)

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^{}]*\}")
_RANGE = re.compile(r"\[[^\[\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
# A whole identifier ((?![\w:]) stops backtracking to a prefix such as "su" of "sum(") that is
# not a function call.
_IDENTIFIER = re.compile(r"(?<![\w:.])([A-Za-z_:][\w:]*)(?![\w:])(?!\s*\()")
_SELECTOR = re.compile(r"(?<![\w:.])([A-Za-z_:][\w:]*)(?![\w:])\s*(\{[^{}]*\})?(?!\s*\()")


def _strip_strings(expr: str) -> str:
    return _STRING.sub('""', expr)


def metric_names(expr: str) -> set[str]:
    """Every metric (or recording rule) name ``expr`` selects, e.g. ``{"up"}`` for ``up == 0``."""
    text = _strip_strings(expr)
    text = _MATCHERS.sub(" ", text)
    text = _RANGE.sub(" ", text)
    text = _GROUPING.sub(" ", text)
    return {name for name in _IDENTIFIER.findall(text) if name.lower() not in KEYWORDS}


def selectors(expr: str) -> list[tuple[str, str]]:
    """``(metric name, label matcher text)`` for every selector, matcher text without braces.

    Grouping clauses are blanked first so ``by (le)`` is not taken for a metric; strings inside
    matchers are kept so callers can check ``category=~"$category"``.
    """
    text = _GROUPING.sub(" ", expr)
    text = _RANGE.sub(" ", text)
    found: list[tuple[str, str]] = []
    for match in _SELECTOR.finditer(text):
        name, matchers = match.group(1), match.group(2) or "{}"
        if name.lower() in KEYWORDS:
            continue
        found.append((name, matchers[1:-1].strip()))
    return found
