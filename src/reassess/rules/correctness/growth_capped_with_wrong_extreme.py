"""RA726 logic-error: `max(base * 2 ** attempt, MAX_DELAY)`, a growing value capped with the wrong extreme."""
from __future__ import annotations

import ast
import re
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import source_of

# the words naming the bound each function is wrong for: `max(x, CAP)` never goes below the cap,
# `min(x, FLOOR)` never goes above the floor
_WRONG_BOUND = {"max": frozenset({"cap", "ceiling", "max", "maximum"}),
                "min": frozenset({"floor", "min", "minimum"})}
_RIGHT = {"max": "min", "min": "max"}


@register
class GrowthCappedWithWrongExtreme(Rule):
    """An exponentially growing value bounded with the wrong one of `max`/`min`.

    What it finds:
        A call `max(a, b)` of two arguments where one grows exponentially with a variable
        (`2 ** attempt`, `1 << retries`) and the other is named as the ceiling (`MAX_DELAY`,
        `RESUBMIT_CAP_SECONDS`, `self.max_backoff`), and its mirror, `min(...)` of such a value and
        one named as the floor (`MIN_INTERVAL`).

    Why it matters:
        `max` with the cap answers at least the cap: the backoff is the ceiling from the first
        attempt and the exponential part never applies (and grows past the cap later). `min` with
        the floor answers at most the floor. The other function was meant.

    Example:
        delay = max(60 * 2 ** attempt, MAX_DELAY_SECONDS)

    Instead:
        Cap with `min`:

            delay = min(60 * 2 ** attempt, MAX_DELAY_SECONDS)
    """

    id = "RA726"
    name = "growth-capped-with-wrong-extreme"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        lines = {site.line for func in ctx.facts.functions.values() for site in func.calls
                 if site.func in (("max",), ("min",)) and len(site.args) == 2 and not site.kwargs
                 and any(_bound_ref(arg, site.func[0]) for arg in site.args)}
        if not lines:
            return  # the facts name no candidate: no walk
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Call) and node.lineno in lines and (bound := _wrong_bound(node)) is not None:
                yield self._finding(ctx, node, bound)

    def _finding(self, ctx: FileContext, node: ast.Call, bound: ast.expr) -> Finding:
        text, name = source_of(ctx.lines, node), ast.unparse(bound)
        function = node.func.id  # type: ignore[attr-defined]
        right = _RIGHT[function]
        side = "never below" if function == "max" else "never above"
        description = (f"`{text}` bounds a value that grows exponentially with `{function}` and `{name}`: the "
                       f"result is {side} `{name}`, so the growth never applies (the bound is the answer from the "
                       f"first step) and the value is not held at `{name}` either. `{right}` was meant.")
        fixed = f"{right}({', '.join(ast.unparse(a) for a in node.args)})"
        return self.finding(ctx.loc(node), f"`{text}` uses `{function}` where `{right}` bounds it", description,
                            recommendation=f"Bound it with `{right}`: `{fixed}`.")


def _bound_ref(arg: object, function: str) -> bool:
    """A name chain (as the facts keep it) whose own name says it is the bound `function` is wrong for."""
    ref = arg.get("ref") if isinstance(arg, dict) else None
    return isinstance(ref, str) and _names_bound(ref.rsplit(".", 1)[-1], function)


def _names_bound(name: str, function: str) -> bool:
    words = {w.lower() for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", name) if w}
    return bool(words & _WRONG_BOUND[function])


def _wrong_bound(node: ast.Call) -> ast.expr | None:
    """The bound argument of `max(growing, CAP)` / `min(growing, FLOOR)`, either order; None otherwise."""
    function = node.func.id if isinstance(node.func, ast.Name) else ""
    if function not in _WRONG_BOUND or len(node.args) != 2 or node.keywords:
        return None
    for bound, other in (node.args, node.args[::-1]):
        own = bound.attr if isinstance(bound, ast.Attribute) else bound.id if isinstance(bound, ast.Name) else ""
        if own and _names_bound(own, function) and _grows(other) and not _grows(bound):
            return bound
    return None


def _grows(node: ast.expr) -> bool:
    """Holds a power or left shift by a non-constant exponent (`2 ** attempt`, `1 << retries`)."""
    return any(isinstance(sub, ast.BinOp) and isinstance(sub.op, (ast.Pow, ast.LShift))
               and not isinstance(sub.right, ast.Constant) for sub in ast.walk(node))
