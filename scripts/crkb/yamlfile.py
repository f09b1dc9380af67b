"""Safe YAML loading that remembers where every value stood.

PyYAML's safe loader alone loses positions and silently keeps the last of two
duplicate keys; validation messages need both, so we compose the node tree
ourselves and construct plain Python values from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, ProblemsFound

Location = tuple[int, int]
Path_ = tuple[str | int, ...]


class _Constructor(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: ~8x faster
    """Safe constructor only: any non-standard tag (e.g. !!python/object) is refused."""


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"}


def load_yaml(path: Path, shown: str) -> tuple[Any, dict[Path_, Location]]:
    """Return the document and a map from value path to (line, column), both 1-based."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemsFound([Problem(shown, 0, 0, "unreadable", str(err))]) from err
    loader = _Constructor(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProblemsFound([Problem(shown, 1, 1, "yaml", "the file is empty")])
        positions: dict[Path_, Location] = {}
        data = _build(loader, node, (), positions, shown)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(x for x in (err.context, err.problem) if x)
        raise ProblemsFound([Problem(shown, line, col, "yaml", what)]) from err
    except yaml.YAMLError as err:
        raise ProblemsFound([Problem(shown, 0, 0, "yaml", str(err))]) from err
    finally:
        loader.dispose()
    return data, positions


def _build(loader: _Constructor, node: yaml.Node, here: Path_, pos: dict[Path_, Location], shown: str) -> Any:
    pos[here] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise _problem(shown, node, "yaml", f"tag {node.tag!r} is not allowed (unsafe or unknown)")
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise _problem(shown, key_node, "yaml", f"a key must be text, not {key!r}")
            if key in result:
                line = pos[(*here, key)][0]
                raise _problem(
                    shown, key_node, "duplicate-key", f"key {key!r} repeats (first on line {line})"
                )
            result[key] = _build(loader, value_node, (*here, key), pos, shown)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*here, i), pos, shown) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _problem(shown: str, node: yaml.Node, code: str, message: str) -> ProblemsFound:
    mark = node.start_mark
    return ProblemsFound([Problem(shown, mark.line + 1, mark.column + 1, code, message)])
