"""Loading scenario files and whole scenario libraries, reporting every mistake at once.

A mentor who fixes one error per run gives up; so each file is read, validated by the model and
checked as a whole, and all problems of all files come back in one ScenarioFormatError.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pydantic import ValidationError

from .checks import check_scenario
from .errors import ScenarioError, ScenarioFormatError
from .messages import explain_validation
from .model import Scenario
from .source import MAX_SCENARIO_BYTES, SourceMap, check_size, read_yaml

StrPath = str | os.PathLike[str]
SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Library:
    """Validated scenarios by id, in file order, with where each came from and its hash."""

    scenarios: Mapping[str, Scenario]
    paths: Mapping[str, Path]
    hashes: Mapping[str, str]


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Parse, validate and check one scenario; raises ScenarioFormatError with every problem.

    `file` only names the source in error messages.
    """
    return _load(text, file)[0]


def load_scenario_file(path: StrPath) -> Scenario:
    """Read one scenario file (UTF-8, at most 256 KiB); raises ScenarioFormatError."""
    return _load_file(Path(path))[0]


def load_library(paths: Iterable[StrPath] | StrPath) -> Library:
    """Load every scenario under the given files and directories (*.yaml, *.yml, recursively).

    Raises one ScenarioFormatError with the problems of every file, including scenario ids that
    more than one file uses. A directory without scenario files gives an empty library.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    errors: list[ScenarioError] = []
    scenarios: dict[str, Scenario] = {}
    sources: dict[str, tuple[Path, SourceMap]] = {}
    for path in _scenario_files(paths, errors):
        try:
            scenario, source = _load_file(path)
        except ScenarioFormatError as exc:
            errors.extend(exc.errors)
            continue
        if scenario.id in sources:
            first = sources[scenario.id][1]
            message = (
                f"scenario id '{scenario.id}' is already used in "
                f"{first.file}:{first.place(('id',))[0]}: give each scenario its own id"
            )
            errors.append(source.error(("id",), message))
            continue
        scenarios[scenario.id] = scenario
        sources[scenario.id] = (path, source)
    if errors:
        raise ScenarioFormatError(errors)
    return Library(
        scenarios=MappingProxyType(scenarios),
        paths=MappingProxyType({key: path for key, (path, _) in sources.items()}),
        hashes=MappingProxyType({key: content_hash(value) for key, value in scenarios.items()}),
    )


def source_map(path: StrPath) -> SourceMap:
    """Where each value of a scenario file is written, for reports about a loaded library."""
    return read_yaml(Path(path).read_text(encoding="utf-8-sig"), str(path))[1]


def content_hash(scenario: Scenario) -> str:
    """sha256 of the validated content: comments and layout do not change it, edits do."""
    canonical = json.dumps(
        scenario.model_dump(mode="json", by_alias=True),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _load(text: str, file: str) -> tuple[Scenario, SourceMap]:
    check_size(len(text.encode("utf-8")), file)
    data, source, errors = read_yaml(text, file)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = explain_validation(exc, data, source)
        errors.extend(source.error(loc, message) for loc, message in problems)
        raise ScenarioFormatError(sorted(errors, key=_position)) from None
    errors.extend(source.error(loc, message) for loc, message in check_scenario(scenario))
    if errors:
        raise ScenarioFormatError(sorted(errors, key=_position))
    return scenario, source


def _load_file(path: Path) -> tuple[Scenario, SourceMap]:
    file = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_SCENARIO_BYTES + 1)
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
        raise ScenarioFormatError([ScenarioError(file, None, None, message)]) from None
    return _load(decode_scenario_bytes(raw, file), file)


def decode_scenario_bytes(raw: bytes, file: str) -> str:
    """The text of a scenario file's bytes; raises ScenarioFormatError for a file over the size
    limit or one that is not UTF-8 (with the line and column of the first bad byte)."""
    check_size(len(raw), file)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        message = "the file is not UTF-8 text: save it with the UTF-8 encoding"
        error = ScenarioError(file, line, exc.start - line_start + 1, message)
        raise ScenarioFormatError([error]) from None


def _scenario_files(paths: Iterable[StrPath], errors: list[ScenarioError]) -> list[Path]:
    """The scenario files named or found below directories, each once, in a stable order."""
    found: dict[Path, Path] = {}
    for path in map(Path, paths):
        if path.is_dir():
            candidates = sorted(
                child
                for child in path.rglob("*")
                if child.suffix in SCENARIO_SUFFIXES and child.is_file()
            )
        elif path.is_file():
            candidates = [path]
        else:
            errors.append(ScenarioError(str(path), None, None, "no such file or directory"))
            continue
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def _position(error: ScenarioError) -> tuple[int, int]:
    return error.line or 0, error.column or 0
