"""Reading a scenario's YAML safely while remembering where every key and value was written.

PyYAML's safe loader turns the text into nodes that still carry their line and column; from
those we keep a map from each data path (e.g. ``("steps", 0, "customer")``) to its place, so
that any later problem can point at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ScenarioError, ScenarioFormatError

MAX_SCENARIO_BYTES = 256 * 1024
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
_EMPTY_FILE = "the file is empty: a scenario starts with 'id:', 'version:' and 'title:'"

Loc = tuple[str | int, ...]

# Extra advice for the YAML mistakes people make most often when writing by hand.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "put a value that contains ': ' in quotes, "
    "and check that the line above ends its key with ':'",
    "found character '\\t'": "indent with spaces, not tabs",
    "expected <block end>": "check the indentation: entries of one list or mapping "
    "start in the same column",
    "but found another document": "a scenario file holds one document: remove the '---' line",
    "could not determine a constructor": "remove the tag (the word starting with '!')",
}


@dataclass(frozen=True)
class SourceMap:
    """Where each data path of one file was written, to attach a line to any problem."""

    file: str
    places: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Loc, str] = field(default_factory=dict)

    def place(self, loc: Loc) -> tuple[int | None, int | None]:
        """(line, column) of `loc`, or of the nearest enclosing key when `loc` was not written."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.places:
                return self.places[loc[:end]]
        return None, None

    def error(self, loc: Loc, message: str) -> ScenarioError:
        return ScenarioError(self.file, *self.place(loc), message)

    def scalar_text(self, loc: Loc) -> str | None:
        """The text exactly as written for a scalar value (before YAML read `15:00` as 900)."""
        return self.scalars.get(loc)


def check_size(size: int, file: str) -> None:
    """Refuse oversized files before parsing them; raises ScenarioFormatError."""
    if size > MAX_SCENARIO_BYTES:
        limit = f"{MAX_SCENARIO_BYTES // 1024} KiB"
        raise ScenarioFormatError(
            [
                ScenarioError(
                    file,
                    None,
                    None,
                    f"the file is larger than the {limit} limit for one scenario: "
                    "split it into smaller scenarios",
                )
            ]
        )


def read_yaml(text: str, file: str) -> tuple[object, SourceMap, list[ScenarioError]]:
    """Parse one YAML document into plain data, its source map and the non-fatal problems.

    Raises ScenarioFormatError when the text cannot be read at all (syntax, aliases, unsafe tags,
    keys that are not words, empty file). Duplicate keys are returned as problems, so the rest
    of the file is still checked.
    """
    try:
        return _read(text, file)
    except yaml.MarkedYAMLError as exc:
        raise ScenarioFormatError([_syntax_error(exc, file)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"character #x{exc.character:04x} is not allowed in YAML: remove it"
        raise ScenarioFormatError([ScenarioError(file, line, None, message)]) from None
    except RecursionError:
        message = "the file nests lists or mappings too deeply to be a scenario"
        raise ScenarioFormatError([ScenarioError(file, None, None, message)]) from None


def _read(text: str, file: str) -> tuple[object, SourceMap, list[ScenarioError]]:
    # libyaml's reader is about fifteen times faster than PyYAML's own. An alias needs an
    # anchor ('&'), so a text without one can hold none; the pure-Python reader, which refuses
    # aliases as it reads, takes every other text and words the message for a broken one.
    if yaml.__with_libyaml__ and "&" not in text:
        try:
            return _read_with(yaml.CSafeLoader(text), file)
        except yaml.YAMLError:
            pass
    return _read_with(_ScenarioYamlLoader(text), file)


def _read_with(
    loader: yaml.SafeLoader | yaml.CSafeLoader, file: str
) -> tuple[object, SourceMap, list[ScenarioError]]:
    source = SourceMap(file)
    try:
        root = loader.get_single_node()
        if root is None:
            raise ScenarioFormatError([ScenarioError(file, None, None, _EMPTY_FILE)])
        problems: list[ScenarioError] = []
        source.places[()] = _place(root)
        _walk(root, (), source, problems)
        return loader.construct_document(root), source, problems
    finally:
        loader.dispose()


class _ScenarioYamlLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases: they hide content and can multiply it without end."""

    def compose_node(self, parent: Node | None, index: object) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                f"the alias *{event.anchor} is not allowed in a scenario: write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _walk(node: Node, loc: Loc, source: SourceMap, problems: list[ScenarioError]) -> None:
    if isinstance(node, ScalarNode):
        source.scalars[loc] = node.value
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            source.places[(*loc, index)] = _place(item)
            _walk(item, (*loc, index), source, problems)
    elif isinstance(node, MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, column = _place(key_node)
            if not isinstance(key_node, ScalarNode) or key_node.tag == MERGE_TAG:
                message = "a key must be a plain word such as 'title', followed by ':'"
                raise ScenarioFormatError([ScenarioError(source.file, line, column, message)])
            key = key_node.value
            key_node.tag = STR_TAG  # keys are words: `on:` or `1:` must not become True or 1
            if key in first_seen:
                message = (
                    f"key '{key}' is written twice in this mapping (first at line "
                    f"{first_seen[key]}): keep one, YAML would silently use the last"
                )
                problems.append(ScenarioError(source.file, line, column, message))
            first_seen.setdefault(key, line)
            source.places[(*loc, key)] = (line, column)
            _walk(value_node, (*loc, key), source, problems)


def _place(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> ScenarioError:
    problem = exc.problem or exc.context or "the text cannot be read"
    mark = exc.problem_mark or exc.context_mark
    context = ""
    if exc.problem and exc.context and exc.context_mark:
        context = f" ({exc.context} at line {exc.context_mark.line + 1})"
        if "<stream end>" in problem or "end of stream" in problem:
            # The file ended inside a bracket or quote: the place to fix is where it opened.
            mark, context = exc.context_mark, " (the bracket or quote opened here is never closed)"
    message = f"not valid YAML: {problem}{context}"
    hint = next((hint for key, hint in _SYNTAX_HINTS.items() if key in problem), None)
    if hint:
        message += f"; {hint}"
    if mark is None:
        return ScenarioError(file, None, None, message)
    return ScenarioError(file, mark.line + 1, mark.column + 1, message)
