"""Apply local override files to shipped rules: disable, set fields, append exclusions/exceptions.

Why: a deployment must tune the library (silence a noisy rule, add an operator's known annual
exercise) without editing `rules/` in place, so upgrades of the library never conflict with tuning.
"""

from __future__ import annotations

from typing import Any

from schemas.errors import RuleError, RuleErrors
from streams.engine.loader import LoadedOverride, LoadedRule, RuleLibrary


def _selects(override: LoadedOverride, loaded: LoadedRule) -> bool:
    o, rule = override.override, loaded.rule
    return (
        (o.id is None or o.id == rule.id)
        and (o.tag is None or o.tag in rule.tags)
        and (o.category is None or o.category == rule.category)
    )


def apply_overrides(library: RuleLibrary) -> list[LoadedRule]:
    """The rules that run, in file order, after every override is applied in file order."""
    result: dict[str, LoadedRule] = dict(library.rules)
    for item in library.overrides:
        o = item.override
        targets = [rid for rid, loaded in result.items() if _selects(item, loaded)]
        if not targets and o.id is not None and o.id not in library.rules:
            loc = item.source.locate(("overrides", item.index, "id"))
            raise RuleErrors([RuleError(f"override names unknown rule id {o.id!r}", loc)])
        for rid in targets:
            loaded = result[rid]
            if o.disable:
                del result[rid]
                continue
            update: dict[str, Any] = {}
            if o.set is not None:
                update.update({k: v for k, v in o.set if v is not None})
            if o.append is not None:
                rule = loaded.rule
                update["exclude"] = [*rule.exclude, *o.append.exclude]
                update["exceptions"] = [*rule.exceptions, *o.append.exceptions]
                update["tags"] = [*rule.tags, *(t for t in o.append.tags if t not in rule.tags)]
            result[rid] = LoadedRule(loaded.rule.model_copy(update=update), loaded.source)
    return list(result.values())
