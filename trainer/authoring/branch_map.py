"""The map of a draft's steps and their `next` rules, laid out in layers for an SVG drawing.

The ways out of each step come from scoring.format.paths (`moves_out`, which leaves out rules
no reply can take), and the conversations from `conversation_paths`, so the map shows what the
loader and the player would do. Flagged: steps no path reaches, ways out that end the
conversation without the customer's closing message, and steps from which no way leads to one.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from pydantic import ValidationError

from scoring.format import Scenario, ScenarioFormatError
from scoring.format.branching import END
from scoring.format.paths import Move, conversation_paths, moves_out
from scoring.format.source import read_yaml

NODE_WIDTH, NODE_HEIGHT = 190, 58
GAP_X, GAP_Y, MARGIN = 36, 110, 16
LABEL_CHARACTERS = 28
# Where along its arrow each label sits, taken in turn: arrows that fan out of one step or into
# one step cross the same height, and labels at one position would sit on each other.
LABEL_POSITIONS = (0.35, 0.55, 0.75)


@dataclass
class MapNode:
    key: str  # the step id, or END for the open end
    title: str
    subtitle: str
    layer: int = 0
    x: int = 0
    y: int = 0
    closing: str | None = None
    unreachable: bool = False
    no_closing_ahead: bool = False

    @property
    def flagged(self) -> bool:
        return self.unreachable or self.no_closing_ahead or self.key == END

    @property
    def centre_x(self) -> int:
        return self.x + NODE_WIDTH // 2


@dataclass
class MapEdge:
    source: MapNode
    target: MapNode
    label: str
    open_end: bool
    label_position: float = LABEL_POSITIONS[1]

    def _points(self) -> tuple[tuple[int, int], ...]:
        """The curve's control points: from the bottom of the source to the top of the target
        (or round, upwards)."""
        x1, y1 = self.source.centre_x, self.source.y + NODE_HEIGHT
        x2, y2 = self.target.centre_x, self.target.y
        bend = max(40, abs(y2 - y1) // 2)
        return (x1, y1), (x1, y1 + bend), (x2, y2 - bend), (x2, y2)

    @property
    def path(self) -> str:
        (x1, y1), (cx1, cy1), (cx2, cy2), (x2, y2) = self._points()
        return f"M{x1},{y1} C{cx1},{cy1} {cx2},{cy2} {x2},{y2}"

    @property
    def label_at(self) -> tuple[int, int]:
        """The point `label_position` along the curve."""
        t = self.label_position
        weights = ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3)
        points = self._points()
        return (round(sum(w * p[0] for w, p in zip(weights, points, strict=True))),
                round(sum(w * p[1] for w, p in zip(weights, points, strict=True))))


@dataclass
class BranchMap:
    nodes: list[MapNode]
    edges: list[MapEdge]
    width: int
    height: int
    open_paths: int | None = None  # conversations ending without a closing message (None: loops)
    all_paths: int | None = None
    notes: list[str] = field(default_factory=list)


class MapUnavailable(ValueError):
    """The draft's steps cannot be drawn yet; the message says what to fix."""


def map_of_text(text: str, scenario: Scenario | None) -> BranchMap:
    """The map of a draft: of its scenario when it loads, else of its steps as far as they can
    be read (the loader's flow checks may fail: that is what the map shows). Raises
    MapUnavailable when not even the steps can be read."""
    if scenario is None:
        try:
            scenario = Scenario.model_validate(read_yaml(text, "draft")[0])
        except (ScenarioFormatError, ValidationError):
            raise MapUnavailable(
                "The map is drawn once the steps can be read: fix the errors in the editor first."
            ) from None
    return branch_map(scenario)


def branch_map(scenario: Scenario) -> BranchMap:
    """The laid-out map; raises MapUnavailable when a `goto` names no step."""
    ids = {step.id for step in scenario.steps}
    unknown = sorted({
        rule.goto for step in scenario.steps for rule in step.next
        if rule.goto != END and rule.goto not in ids
    })
    if unknown:
        raise MapUnavailable(
            "The map is drawn once every goto names a step; no step is called "
            + ", ".join(f"'{name}'" for name in unknown) + "."
        )
    # A closing message ends the conversation: nothing leads out of it.
    moves = [[] if step.closing else moves_out(scenario, index)
             for index, step in enumerate(scenario.steps)]
    nodes = [_node(scenario, index) for index in range(len(scenario.steps))]
    end = MapNode(END, "Ends with no closing message", "the customer just leaves")
    edges = [
        MapEdge(nodes[index], end if move.target is None else nodes[move.target],
                _label(scenario, move), move.target is None)
        for index, out in enumerate(moves) for move in out
    ]
    for number, edge in enumerate(edges):
        edge.label_position = LABEL_POSITIONS[number % len(LABEL_POSITIONS)]
    _flag(nodes, moves)
    shown = nodes + ([end] if any(edge.open_end for edge in edges) else [])
    width, height = _lay_out(shown, moves)
    result = BranchMap(shown, edges, width, height)
    if not any(_in_loop(moves, index) for index in range(len(moves))):
        paths = list(conversation_paths(scenario))
        result.all_paths = len(paths)
        result.open_paths = sum(1 for path in paths if path.moves[-1].target is None)
    return result


def _node(scenario: Scenario, index: int) -> MapNode:
    step = scenario.steps[index]
    first_line = step.customer.strip().splitlines()[0] if step.customer.strip() else ""
    subtitle = _shorten(first_line, LABEL_CHARACTERS)
    closing = step.closing.value if step.closing else None
    return MapNode(step.id, step.id, subtitle, closing=closing)


def _label(scenario: Scenario, move: Move) -> str:
    """The condition of a rule, or how the default flow applies."""
    if len(move.loc) == 4:
        rule = scenario.steps[move.loc[1]].next[move.loc[3]]
        return _shorten(rule.if_ or "always", LABEL_CHARACTERS)
    return "otherwise" if move.loc[-1] == "next" else "then"


def _flag(nodes: list[MapNode], moves: list[list[Move]]) -> None:
    reached, todo = {0}, deque([0])
    while todo:
        for move in moves[todo.popleft()]:
            if move.target is not None and move.target not in reached:
                reached.add(move.target)
                todo.append(move.target)
    closes = {index for index, node in enumerate(nodes) if node.closing}
    changed = True
    while changed:  # a step closes when some way out leads to a step that closes
        changed = False
        for index, out in enumerate(moves):
            if index not in closes and any(m.target in closes for m in out):
                closes.add(index)
                changed = True
    for index, node in enumerate(nodes):
        node.unreachable = index not in reached
        node.no_closing_ahead = index not in closes


def _in_loop(moves: list[list[Move]], start: int) -> bool:
    seen, todo = set(), [m.target for m in moves[start] if m.target is not None]
    while todo:
        index = todo.pop()
        if index == start:
            return True
        if index not in seen:
            seen.add(index)
            todo.extend(m.target for m in moves[index] if m.target is not None)
    return False


def _lay_out(nodes: list[MapNode], moves: list[list[Move]]) -> tuple[int, int]:
    """Layer = fewest moves from the first step; unreachable steps and the open end go last."""
    depth = {0: 0}
    todo = deque([0])
    while todo:
        index = todo.popleft()
        for move in moves[index]:
            if move.target is not None and move.target not in depth:
                depth[move.target] = depth[index] + 1
                todo.append(move.target)
    bottom = max(depth.values()) + 1
    layers: dict[int, list[MapNode]] = {}
    for index, node in enumerate(nodes):
        node.layer = depth.get(index, bottom)
        layers.setdefault(node.layer, []).append(node)
    widest = max(len(row) for row in layers.values())
    width = 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * GAP_X
    for layer, row in layers.items():
        row_width = len(row) * NODE_WIDTH + (len(row) - 1) * GAP_X
        for position, node in enumerate(row):
            node.x = (width - row_width) // 2 + position * (NODE_WIDTH + GAP_X)
            node.y = MARGIN + layer * (NODE_HEIGHT + GAP_Y)
    height = 2 * MARGIN + (max(layers) + 1) * (NODE_HEIGHT + GAP_Y) - GAP_Y
    return width, height


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
