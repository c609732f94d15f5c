"""Rule bundles: the rule files of one rule set, shipped as one Kafka record to every worker.

Why ship the YAML text and not a compiled form: the worker recompiles it with the same loader and
compiler as `tripwire rules push` (and `scan`), so a bundle is judged by exactly the code that will run
it, and its version is the same content hash alerts carry as `rule_version`.

Why a bundle is rebuilt in a temporary folder: the loader reads files (line numbers, local vs library
folders, gazetteer lists); writing the bundle back out reuses that path unchanged. Errors are reported
with bundle-relative paths (`local/border.yaml:9:3 (match.within)`), never the temporary folder.

Pure and synchronous: no Kafka here (see `streams.rulesync_worker` and `streams.cli_push`).
"""

from __future__ import annotations

import getpass
import socket
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from schemas.errors import RuleError, RuleErrors, SourceLocation, TripwireError, first_error
from streams.engine.detector import Detector
from streams.engine.gazetteer import GazetteerError
from streams.engine.loader import RULE_SUFFIXES, rule_files
from streams.engine.ruletests import RuleTestOutcome, run_rule_tests

__all__ = [
    "BundleError",
    "BundleRefused",
    "RuleBundle",
    "build_bundle",
    "compile_bundle",
    "parse_bundle",
]


class BundleError(TripwireError):
    """A record on the rules topic that is not a rule bundle at all (bad JSON, unsafe paths)."""


class BundleRefused(TripwireError):
    """A bundle whose rules do not compile or whose embedded tests fail; `problems` are one line each."""

    def __init__(self, version: str, problems: Sequence[str]) -> None:
        self.version = version
        self.problems = list(problems)
        super().__init__(f"rule bundle {version} refused: " + "; ".join(self.problems))


class RuleBundle(BaseModel):
    """The record published by `tripwire rules push` (JSON): what every worker rebuilds and runs."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    version: str = Field(min_length=1)
    files: dict[str, str]
    local: list[str] = Field(default_factory=list)
    pushed_at: datetime | None = None
    pushed_by: str | None = None

    @field_validator("files")
    @classmethod
    def _safe_paths(cls, files: dict[str, str]) -> dict[str, str]:
        """A bundle is written to disk by every worker: its paths must stay inside the folder."""
        if not files:
            raise ValueError("a bundle holds at least one rule file")
        for name in files:
            path = PurePosixPath(name)
            if path.is_absolute() or ".." in path.parts or "\\" in name or not path.parts:
                raise ValueError(f"unsafe path {name!r}: must be relative, without '..'")
            if path.suffix not in RULE_SUFFIXES:
                raise ValueError(f"{name!r} is not a rule file ({'/'.join(RULE_SUFFIXES)})")
        return files

    @property
    def rule_files(self) -> tuple[list[str], list[str]]:
        """(library files, local files), each sorted the way the loader sorts a folder."""
        local = set(self.local)
        names = sorted(self.files, key=PurePosixPath)
        return [n for n in names if n not in local], [n for n in names if n in local]


def parse_bundle(value: bytes | None) -> RuleBundle:
    """Decode a rules-topic record; BundleError (one line) when it is not a valid bundle."""
    try:
        return RuleBundle.model_validate_json(value or b"")
    except ValidationError as exc:
        where, message = first_error(exc, "bundle")
        raise BundleError(f"not a rule bundle: {where}: {message}") from exc


def _labels(folders: Sequence[Path], taken: set[str]) -> list[tuple[Path, str]]:
    """A unique bundle folder name per source folder: its own name, then name-2, name-3 ..."""
    out: list[tuple[Path, str]] = []
    for folder in folders:
        base = folder.resolve().name or "rules"
        label, n = base, 1
        while label in taken:
            n += 1
            label = f"{base}-{n}"
        taken.add(label)
        out.append((folder, label))
    return out


def _collect(folders: Sequence[Path], taken: set[str]) -> dict[str, str]:
    files: dict[str, str] = {}
    for folder, label in _labels(folders, taken):
        for path in rule_files([folder]):
            rel = PurePosixPath(label) / path.relative_to(folder).as_posix() if folder.is_dir() else label
            files[str(rel)] = path.read_text(encoding="utf-8")
    return files


def build_bundle(
    rules_dirs: Sequence[Path], local_dirs: Sequence[Path], version: str, pushed_by: str | None = None
) -> RuleBundle:
    """Read the rule files into a bundle; paths are `<folder name>/<path inside the folder>`."""
    taken: set[str] = set()
    library = _collect(rules_dirs, taken)
    local = _collect(local_dirs, taken)
    return RuleBundle(
        version=version,
        files={**library, **local},
        local=sorted(local),
        pushed_at=datetime.now(UTC),
        pushed_by=pushed_by or f"{getpass.getuser()}@{socket.gethostname()}",
    )


def _relative(text: str, root: Path) -> str:
    return text.replace(str(root) + "/", "")


def _error_lines(errors: Iterable[RuleError], root: Path) -> list[str]:
    return [_relative(str(e), root) for e in errors]


def _failures(outcomes: Iterable[RuleTestOutcome], root: Path) -> list[str]:
    return [_relative(o.describe(), root) for o in outcomes if not o.passed]


def compile_bundle(bundle: RuleBundle) -> Detector:
    """Rebuild, compile and test a bundle; BundleRefused names every bundle-relative file:line:field.

    Slow (seconds) and CPU-bound: the worker calls it with `asyncio.to_thread`.
    """
    with tempfile.TemporaryDirectory(prefix="tripwire-bundle-") as tmp:
        root = Path(tmp).resolve()
        for name, text in bundle.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        library, local = bundle.rule_files
        if not library:
            raise BundleRefused(bundle.version, ["the bundle holds no library rule files"])
        try:
            detector = Detector.load([root / n for n in library], [root / n for n in local])
        except RuleErrors as exc:
            raise BundleRefused(bundle.version, _error_lines(exc.errors, root)) from exc
        except RuleError as exc:
            raise BundleRefused(bundle.version, _error_lines([exc], root)) from exc
        except GazetteerError as exc:
            raise BundleRefused(bundle.version, [_relative(str(exc), root)]) from exc
        failed = _failures(run_rule_tests(detector), root)
        if failed:
            raise BundleRefused(bundle.version, failed)
    if detector.version != bundle.version:
        where = SourceLocation("bundle", field="version")
        raise BundleRefused(
            bundle.version, [f"{where}: says {bundle.version} but its rules compile to {detector.version}"]
        )
    return detector
