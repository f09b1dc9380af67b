"""Safe YAML loading that remembers where every value stood.

PyYAML's safe loader alone loses positions, silently keeps the last of two
duplicate keys, and expands aliases (a "billion laughs" file of a few hundred
bytes grows to gigabytes). Every playbook and glossary comes from a pull
request, so before anything is built the event stream is read once to refuse
aliases and nesting deeper than any real file needs; only then are the nodes
composed and turned into plain Python values with their positions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .fileio import InputError, read_input
from .problems import Problem, ProblemsFound

Location = tuple[int, int]
Path_ = tuple[str | int, ...]

MAX_DEPTH = 20  # a playbook nests 5 deep; anything near this is not a playbook
MAX_BYTES = 1_000_000


class _Constructor(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: ~8x faster
    """Safe constructor only: any non-standard tag (e.g. !!python/object) is refused."""


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"}
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def load_yaml(path: Path, shown: str, root: Path | None = None) -> tuple[Any, dict[Path_, Location]]:
    """Return the document and a map from value path to (line, column), both 1-based."""
    try:
        text = read_input(path, root, MAX_BYTES).decode("utf-8")
    except InputError as err:
        raise ProblemsFound([Problem(shown, 0, 0, "unreadable", str(err))]) from None
    except UnicodeDecodeError as err:
        raise ProblemsFound([Problem(shown, 0, 0, "unreadable", f"not UTF-8: {err.reason}")]) from None
    try:
        _refuse_aliases_and_depth(text, shown)
        loader = _Constructor(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise ProblemsFound([Problem(shown, 1, 1, "yaml", "the file is empty")])
            positions: dict[Path_, Location] = {}
            data = _build(loader, node, (), positions, shown)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(x for x in (err.context, err.problem) if x)
        raise ProblemsFound([Problem(shown, line, col, "yaml", what)]) from None
    except yaml.YAMLError as err:
        raise ProblemsFound([Problem(shown, 0, 0, "yaml", str(err))]) from None
    return data, positions


def _refuse_aliases_and_depth(text: str, shown: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_Constructor):
        if isinstance(event, yaml.AliasEvent):
            raise _problem_at(shown, event, "yaml", f"alias *{event.anchor} is not allowed: write the value out")
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise _problem_at(shown, event, "yaml", f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, _CLOSE):
            depth -= 1


def _build(loader: _Constructor, node: yaml.Node, here: Path_, pos: dict[Path_, Location], shown: str) -> Any:
    # A literal or folded block's text starts on the line after its | or > indicator.
    block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    pos[here] = (node.start_mark.line + 1 + block, node.start_mark.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise _problem_at(shown, node, "yaml", f"tag {node.tag!r} is not allowed (unsafe or unknown)")
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _problem_at(shown, key_node, "yaml", "merge keys (<<) are not allowed")
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise _problem_at(shown, key_node, "yaml", f"a key must be text, not {key!r}")
            if key in result:
                line = pos[(*here, key)][0]
                raise _problem_at(shown, key_node, "duplicate-key", f"key {key!r} repeats (first on line {line})")
            result[key] = _build(loader, value_node, (*here, key), pos, shown)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*here, i), pos, shown) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as err:
        raise _problem_at(shown, node, "yaml", err.problem or "cannot read this value") from None


def _problem_at(shown: str, item: yaml.Node | yaml.Event, code: str, message: str) -> ProblemsFound:
    mark = item.start_mark
    return ProblemsFound([Problem(shown, mark.line + 1, mark.column + 1, code, message)])
