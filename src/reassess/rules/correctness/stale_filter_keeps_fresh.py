"""RA719 logic-error: `stale = [r for r in rows if r.last_seen > now - timeout]`, a staleness test the wrong way round."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, and_operands, clock_names, is_clock, is_pure, nodes_with_function, own_name, \
    source_of, where

# Words naming a collection of items whose time has run out.
_STALE_WORDS = frozenset({"stale", "expired", "dead", "idle", "inactive", "abandoned", "overdue", "lapsed"})
_ADDS = frozenset({"append", "add"})


@register
class StaleFilterKeepsFresh(Rule):
    """A selection named for stale items whose test keeps the recent ones.

    What it finds:
        A comprehension bound to a name saying its items have timed out (`stale`, `expired`,
        `dead_workers`, `idle_ids`...), or an `if` in a loop whose branch only adds to such a
        collection, filtering with a test that holds for recent items: a timestamp later than a
        cutoff computed back from the current time (`r.last_seen > cutoff` where `cutoff = now -
        timeout`, or `> now - timeout` inline), or an age below a limit (`now - r.last_seen < ttl`).

    Why it matters:
        The test is inverted: every live item is treated as stale (marked offline, reaped,
        re-queued) and every stale one is kept, so the clean-up does the opposite of its job.

    Example:
        cutoff = now - timedelta(seconds=heartbeat_timeout)
        stale = [r.id for r in runners if r.last_seen > cutoff]

    Instead:
        Select what is older than the cutoff:

            stale = [r.id for r in runners if r.last_seen < cutoff]
    """

    id = "RA719"
    name = "stale-filter-keeps-fresh"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            tests = node.ifs if isinstance(node, ast.comprehension) else [node.test] if _adds_only(node) else []
            if not tests:
                continue
            clocks = clock_names(func)
            cutoffs = _cutoff_names(func, clocks)
            found = [o for test in tests for o in and_operands(test) if _keeps_recent(o, clocks, cutoffs)]
            named = _collection(node, func or ctx.tree) if found else ""
            if named and _stale_named(named):
                yield self._finding(ctx, func, found[0], named)

    def _finding(self, ctx: FileContext, func: Func | None, test: ast.Compare, named: str) -> Finding:
        text = source_of(ctx.lines, test)
        description = (f"In {where(func)}, `{named}` collects the items for which `{text}` holds, and that test holds "
                       "for items seen recently: the live ones are selected as stale and the stale ones are left "
                       "alone.")
        return self.finding(ctx.loc(test), f"`{text}` selects recent items as `{named}`", description,
                            recommendation="Reverse the comparison, so the selection keeps what is older than the "
                                           "cutoff (`last_seen < cutoff`).")


def _adds_only(node: ast.AST) -> bool:
    """`if <test>: dead.append(w)`: an `if` whose branch only adds to a collection."""
    return isinstance(node, ast.If) and len(node.body) == 1 and not node.orelse and bool(_added_to(node.body[0]))


def _collection(node: ast.AST, scope: ast.AST) -> str:
    """The name the selection fills: the collection an `if` adds to, or the name bound to the
    comprehension holding `node` (looked up only once its test is suspect)."""
    if isinstance(node, ast.If):
        return _added_to(node.body[0])
    for stmt in ast.walk(scope):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) \
                and node in stmt.value.generators:
            return next((t.id for t in stmt.targets if isinstance(t, ast.Name)), "")
    return ""


def _added_to(stmt: ast.stmt) -> str:
    """`stale.append(x)` / `self.dead.add(x)` -> the collection's name; "" otherwise."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in _ADDS:
        return own_name(call.func.value)
    return ""


def _stale_named(name: str) -> bool:
    return bool(set(name.lower().strip("_").split("_")) & _STALE_WORDS)


def _cutoff_names(func: Func | None, clocks: frozenset[str]) -> frozenset[str]:
    """Locals bound to a moment back from now (`cutoff = now - timedelta(seconds=ttl)`)."""
    if func is None:
        return frozenset()
    return frozenset(target.id for stmt in ast.walk(func) if isinstance(stmt, ast.Assign)
                     and _back_from_now(stmt.value, clocks) for target in stmt.targets if isinstance(target, ast.Name))


def _back_from_now(node: ast.expr, clocks: frozenset[str]) -> bool:
    """`now - timeout` / `time.time() - ttl`."""
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and is_clock(node.left, clocks)


def _keeps_recent(test: ast.expr, clocks: frozenset[str], cutoffs: frozenset[str]) -> bool:
    """`seen > cutoff` / `cutoff < seen` (a moment back from now), or `now - seen < limit`."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(op, (ast.Lt, ast.LtE)):
        left, right = right, left
    elif not isinstance(op, (ast.Gt, ast.GtE)):
        return False
    # now `left > right`
    if _moment(left, clocks) and (isinstance(right, ast.Name) and right.id in cutoffs or _back_from_now(right, clocks)):
        return True
    return _age(right, clocks) and is_pure(left) and not is_clock(left, clocks)


def _moment(node: ast.expr, clocks: frozenset[str]) -> bool:
    """A timestamp read from the item (`r.last_seen`, `w["beat_at"]`), not a clock."""
    return isinstance(node, (ast.Attribute, ast.Subscript, ast.Name)) and is_pure(node) and not is_clock(node, clocks)


def _age(node: ast.expr, clocks: frozenset[str]) -> bool:
    """`now - r.last_seen`: how long ago the item was seen."""
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and is_clock(node.left, clocks) \
        and _moment(node.right, clocks)
