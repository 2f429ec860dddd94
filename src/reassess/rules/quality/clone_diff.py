"""What the copies of a clone group have in common and where they differ.

Clones match on token shapes, so copies may differ in names and literals. Lining
the copies' tokens up says which values a shared helper would take as parameters,
which local variables were merely renamed, and which names the block reads from
the function around it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...facts.extract import SQL_BODY, SQL_START
from ...metrics.tokens import CODE, TokenLine, token_lines

_WORD = re.compile(r"[a-z][a-z0-9]*")
_IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


@dataclass
class Difference:
    """One position where the copies differ: the value in each copy and a parameter name."""

    values: list[str]
    name: str = ""


@dataclass
class CloneShape:
    differences: list[Difference] = field(default_factory=list)
    renamed: list[Difference] = field(default_factory=list)  # local variables named differently
    names: list[str] = field(default_factory=list)  # identifiers read in the first copy, in order
    bound: set[str] = field(default_factory=set)  # identifiers the block binds itself
    awaits: bool = False
    returns: bool = False
    first_line: str = ""


def code_lines(lines: list[str], start: int, end: int) -> list[TokenLine]:
    return [t for t in token_lines(lines[start - 1:end], start, keep_raw=True) if t.kind == CODE]


def compare(copies: list[list[TokenLine]]) -> CloneShape:
    """Line the copies up (code line by code line, token by token) against the first."""
    shape = CloneShape()
    first = copies[0]
    for line in first:
        _collect_names(line, shape)
    seen: dict[tuple[str, ...], Difference] = {}
    for index, line in enumerate(first):
        others = [copy[index] if index < len(copy) else None for copy in copies[1:]]
        if any(o is None or o.shapes != line.shapes for o in others):  # a line that differs as a whole
            values = [_line_value(line)] + [_line_value(o) if o else "" for o in others]
            _add(seen, shape.differences, tuple(values), "value")
        else:
            _compare_tokens(line, [o for o in others if o], shape, seen)
    shape.awaits = any("await" in line.shapes or "async" in line.shapes for line in first)
    shape.returns = bool(first) and first[-1].shapes[:1] == ["return"]
    shape.first_line = " ".join(first[0].raw) if first else ""
    _name_parameters(shape.differences)
    return shape


def _compare_tokens(line: TokenLine, others: list[TokenLine], shape: CloneShape,
                    seen: dict[tuple[str, ...], Difference]) -> None:
    """Lines of one shape: each differing token is a renamed local or a value that differs."""
    lined_up = [line, *others]
    for position, token in enumerate(line.raw):
        if len({copy_line.raw[position] for copy_line in lined_up}) == 1:
            continue
        values = tuple(_value_at(copy_line, position) for copy_line in lined_up)
        if line.shapes[position] == "I" and token in shape.bound and not _after_dot(line, position):
            _add(seen, shape.renamed, values, "name")
        else:
            _add(seen, shape.differences, values, _context_name(line, position, values))


def _after_dot(line: TokenLine, position: int) -> bool:
    return position > 0 and line.raw[position - 1] == "."


def _value_at(line: TokenLine, position: int) -> str:
    """The token, or for an attribute the whole chain ending at it (`self.cache`)."""
    start = position
    while start >= 2 and line.raw[start - 1] == "." and _IDENTIFIER.match(line.raw[start - 2]):
        start -= 2
    return "".join(line.raw[start:position + 1])


def _line_value(line: TokenLine) -> str:
    return line.text.strip().rstrip(",").strip()


def _context_name(line: TokenLine, position: int, values: tuple[str, ...]) -> str:
    """A parameter name from where the value sits: a dict key, a keyword argument, a subscript."""
    raw, shapes = line.raw, line.shapes
    before = raw[position - 1] if position else ""
    if shapes[position] == "S":
        if any(SQL_START.match(_unquote(v)) and SQL_BODY.search(v) for v in values):
            return "query"
        if before == ":" and position >= 2 and shapes[position - 2] == "S":
            return _unquote(raw[position - 2]) if _IDENTIFIER.match(_unquote(raw[position - 2])) else "text"
        if before == "[":
            return "key"
    if before == "=" and position >= 2 and shapes[position - 2] == "I":
        return raw[position - 2]
    if shapes[position] == "S":
        return "text"
    if shapes[position] == "N":
        return "number"
    return "name"


def _add(seen: dict[tuple[str, ...], Difference], into: list[Difference], values: tuple[str, ...], kind: str) -> None:
    if values not in seen:
        seen[values] = Difference(list(values), kind)
        into.append(seen[values])


def _collect_names(line: TokenLine, shape: CloneShape) -> None:
    raw, shapes = line.raw, line.shapes
    for position, token in enumerate(raw):
        if shapes[position] != "I" or _after_dot(line, position):
            continue
        following = raw[position + 1] if position + 1 < len(raw) else ""
        before = raw[position - 1] if position else ""
        if (position == 0 and following in ("=", ":", "+=", "-=")) or before in ("for", "as"):
            shape.bound.add(token)
        elif token not in shape.names and token not in shape.bound:
            shape.names.append(token)


def _unquote(value: str) -> str:
    return value.lstrip("rRbBuUfF").strip("'\"")


def _name_parameters(differences: list[Difference]) -> None:
    """Parameter names: the context's name, else the words all the differing names share."""
    used: set[str] = set()
    for diff in differences:
        base = diff.name
        if base == "name":
            first_words = _WORD.findall(diff.values[0].rsplit(".", 1)[-1].lower())
            others = [set(_WORD.findall(v.rsplit(".", 1)[-1].lower())) for v in diff.values[1:]]
            common = [w for w in first_words if all(w in words for words in others)]
            base = "_".join(common) or (first_words[0] if first_words else "value")
        name, number = base, 2
        while name in used:
            name, number = f"{base}{number}", number + 1
        used.add(name)
        diff.name = name


def contrast(values: list[str], width: int = 3) -> list[str]:
    """The values cut to where they differ (`...DELETE FROM orders WHERE...`), for long texts."""
    split = [v.split() for v in values]
    if all(len(" ".join(words)) <= 40 for words in split):
        return [" ".join(words) for words in split]
    at = next((n for n, words in enumerate(zip(*split)) if len(set(words)) > 1), min(map(len, split)))
    out = []
    for words in split:
        start = max(0, at - width)
        piece = " ".join(words[start:at + width])
        out.append(("..." if start else "") + piece + ("..." if at + width < len(words) else ""))
    return out
