"""Read rule files into validated models, keeping every node's line so errors can point at it.

Two modes, as in pySigma: stop at the first error (the worker) or collect them all (`rules lint`).
Shipped library folders and local folders are read the same way; only local files may hold overrides
and `extend_lists`, so that a deployment tunes rules without editing the library in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from schemas.errors import RuleError, RuleErrors, SourceLocation
from schemas.rule import Condition, Override, OverrideFile, Rule, SequenceRule, Term, VocabularyFile

RULE_SUFFIXES = (".yaml", ".yml")
GAZETTEER_KEYS = frozenset({"places", "actors"})


@dataclass(frozen=True)
class SourceFile:
    """A parsed YAML document and where it came from; `locate` turns a field path into a line."""

    path: Path
    node: Any
    local: bool

    def locate(self, loc: Sequence[str | int] = (), field_name: str | None = None) -> SourceLocation:
        node = self.node
        line, col = _position(node, None)
        walked: list[str] = []
        for i, part in enumerate(loc):
            nxt = loc[i + 1] if i + 1 < len(loc) else None
            if isinstance(node, CommentedMap) and part in node and _is_tag(node, part, nxt):
                continue
            if isinstance(node, CommentedMap) and part in node:
                line, col = _position(node, part)
                node = node[part]
                walked.append(str(part))
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, col = _position(node, part)
                node = node[part]
                walked.append(f"[{part}]")
        label = field_name or ".".join(walked).replace(".[", "[") or None
        return SourceLocation(str(self.path), line, col, label)


def _is_tag(node: CommentedMap, part: str | int, nxt: str | int | None) -> bool:
    """A discriminator tag repeats a key of the mapping ('all'); the next part is the real field."""
    if nxt is None or nxt not in node:
        return False
    child = node[part]
    return not (isinstance(child, CommentedMap) and nxt in child)


def _position(node: Any, key: str | int | None) -> tuple[int | None, int | None]:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None, None
    try:
        if key is None:
            return lc.line + 1, lc.col + 1
        if isinstance(node, CommentedMap):
            line, col = lc.key(key)
        else:
            line, col = lc.item(key)
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1, lc.col + 1


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    source: SourceFile


@dataclass(frozen=True)
class LoadedSequence:
    rule: SequenceRule
    source: SourceFile


@dataclass(frozen=True)
class LoadedOverride:
    override: Override
    source: SourceFile
    index: int


@dataclass
class RuleLibrary:
    """Everything read from the rule folders, before overrides are applied and patterns compiled."""

    rules: dict[str, LoadedRule] = field(default_factory=dict)
    sequences: dict[str, LoadedSequence] = field(default_factory=dict)
    lists: dict[str, list[Term]] = field(default_factory=dict)
    list_sources: dict[str, SourceFile] = field(default_factory=dict)
    macros: dict[str, Condition] = field(default_factory=dict)
    macro_sources: dict[str, SourceFile] = field(default_factory=dict)
    list_extensions: list[tuple[str, list[Term], SourceFile]] = field(default_factory=list)
    overrides: list[LoadedOverride] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    gazetteer_files: list[Path] = field(default_factory=list)


def rule_files(folders: Iterable[Path]) -> list[Path]:
    """Every YAML file under the folders (a file may be named directly), in a stable order."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found.extend(
                sorted(
                    p
                    for p in folder.rglob("*")
                    if p.suffix in RULE_SUFFIXES
                    and p.is_file()
                    # Hidden paths are editor backups and Kubernetes ConfigMap `..data` snapshots.
                    and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                )
            )
        else:
            raise RuleError("no such rule file or folder", SourceLocation(str(folder)))
    return found


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


_GAZETTEER_FILE = re.compile(r"^(?:places|actors):", re.MULTILINE)
_RULE_FILE = re.compile(r"^(?:id|lists|macros|extend_lists|overrides|sequence):", re.MULTILINE)


def is_gazetteer_text(text: str) -> bool:
    """Place/actor lists are large and read by the gazetteer; the rule loader need not parse them."""
    return bool(_GAZETTEER_FILE.search(text)) and not _RULE_FILE.search(text)


def parse_file(path: Path, *, local: bool) -> SourceFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(f"not UTF-8 text ({exc.reason})", SourceLocation(str(path))) from exc
    except OSError as exc:
        raise RuleError(f"cannot read: {exc.strerror}", SourceLocation(str(path))) from exc
    return parse_text(text, path, local=local)


def parse_text(text: str, path: Path, *, local: bool = False) -> SourceFile:
    try:
        node = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise RuleError(f"YAML syntax error: {problem}", SourceLocation(str(path), line, col)) from exc
    if not isinstance(node, CommentedMap):
        raise RuleError("a rule file must be a YAML mapping", SourceLocation(str(path), 1, 1))
    return SourceFile(path, node, local)


def validation_errors(source: SourceFile, exc: ValidationError) -> list[RuleError]:
    """One RuleError per pydantic error, pointed at the line of the deepest node that exists."""
    errors: list[RuleError] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
        elif err["type"] == "missing":
            message = f"missing required field {loc[-1]!r}"
        errors.append(RuleError(message, source.locate(loc, _field_label(loc))))
    return errors


def _field_label(loc: Sequence[str | int]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif parts and parts[-1].lstrip(".") == part:
            continue  # discriminator tags repeat the key they were picked by
        elif part in {"term", "constrained-str", "function-after[_has_matcher(), Rule]"}:
            continue
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def _validate(model: type[BaseModel], source: SourceFile) -> Any:
    try:
        return model.model_validate(source.node)
    except ValidationError as exc:
        raise RuleErrors(validation_errors(source, exc)) from exc


def _add_file(library: RuleLibrary, source: SourceFile) -> None:
    keys = set(source.node)
    if keys & GAZETTEER_KEYS and "id" not in keys:
        # Place and actor lists feed the gazetteer (streams.engine.gazetteer), not the rule model.
        library.gazetteer_files.append(source.path)
    elif "overrides" in keys:
        if not source.local:
            raise RuleError(
                "override files belong in a local rules folder (--local-rules), not the library",
                source.locate(("overrides",)),
            )
        parsed = _validate(OverrideFile, source)
        for i, override in enumerate(parsed.overrides):
            library.overrides.append(LoadedOverride(override, source, i))
    elif keys & {"lists", "macros", "extend_lists"} and "id" not in keys:
        vocab: VocabularyFile = _validate(VocabularyFile, source)
        for name, terms in vocab.lists.items():
            if name in library.lists:
                first = library.list_sources[name]
                raise RuleError(
                    f"list {name!r} is already defined in {first.path} (use extend_lists to add terms)",
                    source.locate(("lists", name)),
                )
            library.lists[name] = list(terms)
            library.list_sources[name] = source
        for name, terms in vocab.extend_lists.items():
            library.list_extensions.append((name, list(terms), source))
        for name, condition in vocab.macros.items():
            if name in library.macros:
                raise RuleError(
                    f"macro {name!r} is already defined in {library.macro_sources[name].path}",
                    source.locate(("macros", name)),
                )
            library.macros[name] = condition
            library.macro_sources[name] = source
    elif "sequence" in keys:
        seq: SequenceRule = _validate(SequenceRule, source)
        _check_unique(library, seq.id, source)
        library.sequences[seq.id] = LoadedSequence(seq, source)
    else:
        rule: Rule = _validate(Rule, source)
        _check_unique(library, rule.id, source)
        library.rules[rule.id] = LoadedRule(rule, source)


def _check_unique(library: RuleLibrary, rule_id: str, source: SourceFile) -> None:
    earlier = library.rules.get(rule_id) or library.sequences.get(rule_id)
    if earlier is not None:
        first = earlier.source.locate(("id",))
        raise RuleError(f"duplicate rule id {rule_id!r} (first defined at {first})", source.locate(("id",)))


def load_library(
    folders: Sequence[Path], local_folders: Sequence[Path] = (), *, collect: bool = False
) -> RuleLibrary:
    """Read every file; with `collect` keep going and raise all errors at the end (for lint)."""
    library, errors = load_library_partial(folders, local_folders, collect=collect)
    if errors:
        raise RuleErrors(errors)
    return library


def load_library_partial(
    folders: Sequence[Path], local_folders: Sequence[Path] = (), *, collect: bool = False
) -> tuple[RuleLibrary, list[RuleError]]:
    """What could be read, plus the errors met on the way (only with `collect`; else the first raises)."""
    library = RuleLibrary()
    errors: list[RuleError] = []
    for local, group in ((False, folders), (True, local_folders)):
        try:
            paths = rule_files(group)
        except RuleError as exc:
            if not collect:
                raise RuleErrors([exc]) from exc
            errors.append(exc)
            continue
        for path in paths:
            library.files.append(path)
            try:
                if is_gazetteer_text(path.read_text(encoding="utf-8", errors="replace")):
                    library.gazetteer_files.append(path)
                    continue
                _add_file(library, parse_file(path, local=local))
            except RuleError as exc:
                if not collect:
                    raise RuleErrors([exc]) from exc
                errors.append(exc)
            except RuleErrors as exc:
                if not collect:
                    raise
                errors.extend(exc.errors)
    return library, errors
