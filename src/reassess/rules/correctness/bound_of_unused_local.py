"""RA729 logic-error: a value compared with the bound named for another local, which is never read."""
from __future__ import annotations

import ast
import re
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, nodes_with_function, source_of, where

_ORDERINGS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
# Words that say what kind of bound a key is, not which value it bounds: an unused local
# called `limit` or `timeout` does not make `cfg.rate_limit` a bound meant for it.
_BOUND_WORDS = frozenset({"max", "min", "maximum", "minimum", "limit", "limits", "timeout", "threshold",
                          "bound", "cap", "ceiling", "floor", "upper", "lower", "allowed", "default"})


@register
class BoundOfUnusedLocal(Rule):
    """`if ltv > limits["max_cltv"]` in a function that computes `cltv` and never reads it.

    What it finds:
        An ordering comparison of a local name with a bound whose name, split into words
        (underscores, dashes, camelCase), names another local of the same function, one that is
        assigned and never read, and does not name the value compared. The bound may be looked
        up by a key or attribute (`limits["max_cltv"]`, `policy.cltv_limit`,
        `limits.get("maxCltv")`) or be a plain name that says it is a bound (`if ltv > MAX_CLTV:`,
        `cltv_cap`).

    Why it matters:
        The value the bound was meant for was computed and then forgotten: the comparison
        checks the wrong quantity against it (copied from the line above and half edited). The
        limit it was written to enforce is never enforced.

    Example:
        ltv = loan / value
        cltv = (loan + second_lien) / value
        if ltv > limits["max_ltv"]: ...
        if ltv > limits["max_cltv"]: ...

    Instead:
        Compare the value the bound is for:

            if cltv > limits["max_cltv"]: ...
    """

    id = "RA729"
    name = "bound-of-unused-local"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.1
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        unused_by_func: dict[int, frozenset[str]] = {}
        for node, func in nodes_with_function(ctx.tree):
            if type(node) is not ast.Compare or func is None or len(node.ops) != 1 \
                    or type(node.ops[0]) not in _ORDERINGS:
                continue
            if id(func) not in unused_by_func:
                unused_by_func[id(func)] = _unused_locals(func)
            found = _slip(node, unused_by_func[id(func)])
            if found is not None:
                yield self._finding(ctx, node, func, *found)

    def _finding(self, ctx: FileContext, node: ast.Compare, func: Func, compared: str, bound: str,
                 meant: str) -> Finding:
        text = source_of(ctx.lines, node)
        return self.finding(
            ctx.loc(node), f"`{text}` compares `{compared}` with the bound for `{meant}`",
            f"{where(func)} computes `{meant}` and never reads it, while `{text}` (line {node.lineno}) "
            f"compares `{compared}` with `{bound}`, a bound named for `{meant}`: the limit is checked "
            f"against the wrong value and never enforced on `{meant}`.",
            recommendation=f"Compare `{meant}` with `{bound}` (or drop `{meant}` if the bound is meant for "
                           f"`{compared}`).")


def _slip(node: ast.Compare, unused: frozenset[str]) -> tuple[str, str, str] | None:
    """(compared name, bound text, the unused local the bound names) or None."""
    if not unused:
        return None
    for value, bound in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
        key = _bound_key(bound)
        if type(value) is not ast.Name or not key:
            continue
        words = _words(key)
        if type(bound) is ast.Name and _BOUND_WORDS.isdisjoint(words):
            continue  # a plain name is a bound only when it says so (`MAX_CLTV`), not any other local
        named = [w for w in words if w in unused and w != value.id and w not in _BOUND_WORDS]
        if named and value.id.lower() not in words:
            return value.id, ast.unparse(bound), named[0]
    return None


def _bound_key(node: ast.expr) -> str:
    """`limits["max_cltv"]` -> "max_cltv", `policy.cltv_limit` -> "cltv_limit",
    `limits.get("max_cltv", 1)` -> "max_cltv", `MAX_CLTV` -> "MAX_CLTV"."""
    if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "get" and node.args \
            and type(node.args[0]) is ast.Constant and isinstance(node.args[0].value, str):
        return node.args[0].value
    if type(node) is ast.Subscript and type(node.slice) is ast.Constant and isinstance(node.slice.value, str):
        return node.slice.value
    if type(node) is ast.Attribute:
        return node.attr
    if type(node) is ast.Name:
        return node.id
    return ""


def _words(key: str) -> list[str]:
    """`max_cltv`, `max-cltv`, `maxCltv`, `MAX_CLTV` -> ["max", "cltv"]."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", key)]


def _unused_locals(func: Func) -> frozenset[str]:
    """Names the function assigns with a plain `x = ...` and never reads anywhere in its body.
    Loop variables, unpacked names and `with ... as x` are left out: leaving those unread is
    ordinary (`for attempt in range(n)`), not a computed value forgotten."""
    stored: set[str] = set()
    loaded: set[str] = set()
    for node in ast.walk(func):
        if type(node) is ast.Name:
            if type(node.ctx) is not ast.Store:
                loaded.add(node.id)
        elif type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            stored.add(node.targets[0].id)
        elif type(node) in (ast.Global, ast.Nonlocal):
            loaded.update(node.names)  # type: ignore[attr-defined]
    return frozenset(name for name in stored - loaded if len(name) > 1 and not name.startswith("_"))
