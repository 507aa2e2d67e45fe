"""YAML loading that remembers on which line each mapping starts, so problems can name it."""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its 1-based start line, and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are `LineDict`s: still no arbitrary objects, ever."""

    first_line = 1  # the number of the text's first line in its file

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's constructors raise plain Python errors on values like `!!int x`: make them YAML errors."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, LookupError, AttributeError, TypeError, ArithmeticError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {error}",
                node.start_mark) from None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + loader.first_line
    mapping.key_lines = {str(key.value): key.start_mark.line + loader.first_line for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date-like scalar that is no real date ("2025-13-45") stays text, for its field to report."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml_with_lines(text: str, first_line: int = 1) -> Any:
    """Parse YAML safely; mappings come back as `LineDict`. Raises `yaml.YAMLError`.

    `first_line` is for a piece cut from a longer file: lines are then numbered as in the file
    (an error's marks still count from the piece's start).
    """
    loader = _LineLoader(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def error_line(error: yaml.YAMLError) -> int:
    """The 1-based line where the broken construct starts (else where the parser gave up)."""
    mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else 1


def error_message(error: yaml.YAMLError) -> str:
    """What the parser says, on one line: "while parsing a flow sequence: expected ',' or ']'..."."""
    parts = [getattr(error, "context", None), getattr(error, "problem", None)]
    return ": ".join(str(part) for part in parts if part) or str(error).split("\n")[0]


def line_of(value: Any, key: str | None = None) -> int:
    """The line of a mapping (or of one of its keys), 1 when unknown."""
    if isinstance(value, LineDict):
        if key is not None and key in value.key_lines:
            return value.key_lines[key]
        return value.line or 1
    return 1
