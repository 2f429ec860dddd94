"""RA722 logic-error: `page = rows[:limit]` then `len(page) > limit`, a test the slice never passes."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, constant, is_pure, nodes_with_function, ordering, same_expr, source_of, where


@register
class SlicedLengthCompared(Rule):
    """The length of a slice compared with the slice's own end.

    What it finds:
        `part = items[:n]` (or `items[0:n]`) and then `len(part) > n` (never true: a slice
        holds at most `n` items) or `len(part) <= n` (always true), also written the other
        way round (`n < len(part)`) or on the slice itself (`len(items[:n]) > n`). `part` is
        bound once in the function and nothing before the test can grow it (no method called
        on it, not handed to a call other than `len()`); `n` has no call in it and nothing it
        reads is assigned after the slice.

    Why it matters:
        The test was meant for the list before it was cut: a page fetched with `limit + 1`
        rows to learn whether there is a next page, then sliced to `limit` before counting.
        `has_more` is always False, so pagination stops after the first page and the rest of
        the work (the next batch, the next page of results) is silently never done.

    Example:
        rows = await repo.pending(limit=size + 1)
        batch = rows[:size]
        has_more = len(batch) > size

    Instead:
        Count the rows before the cut:

            has_more = len(rows) > size
    """

    id = "RA722"
    name = "sliced-length-compared"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            found = _length_test(node)
            if found is None:
                continue
            test, measured, bound, never = found
            cut = _cut_of(func, measured, bound, test)
            if cut is not None:
                yield self._finding(ctx, func, test, cut, bound, never)

    def _finding(self, ctx: FileContext, func: Func | None, test: ast.Compare, cut: ast.expr, bound: ast.expr,
                 never: bool) -> Finding:
        text, end, sliced = source_of(ctx.lines, test), source_of(ctx.lines, bound), source_of(ctx.lines, cut)
        outcome = "never true" if never else "always true"
        description = (f"In {where(func)}, `{sliced}` keeps at most `{end}` items, so `{text}` is {outcome}: "
                       f"the length was meant to be taken before the cut (a fetch of one item more than `{end}` "
                       "to learn whether more are left), and the branch that depends on it "
                       f"{'never runs' if never else 'always runs'}.")
        related = [] if cut.lineno == test.lineno else [ctx.loc(cut, note="the slice that caps the length")]
        return self.finding(ctx.loc(test), f"`{text}` is {outcome} after `{sliced}`", description, related=related,
                            recommendation="Compare the length of the sequence before it is sliced "
                                           f"(`len(...) > {end}` on what `{sliced}` cuts).")


def _length_test(node: ast.AST) -> tuple[ast.Compare, ast.expr, ast.expr, bool] | None:
    """(test, what `len()` measures, the other side, never true?) for `len(x) > n` / `len(x) <= n`
    and the same turned round."""
    found = ordering(node)  # type: ignore[arg-type]
    if found is None:
        return None
    left, below, right = found
    op = type(node.ops[0])  # type: ignore[attr-defined]
    strict = op in (ast.Lt, ast.Gt)
    measured = _len_arg(left)
    if measured is not None:  # len(x) > n (never), len(x) <= n (always)
        if strict != below:
            return node, measured, right, strict  # type: ignore[return-value]
        return None
    measured = _len_arg(right)
    if measured is not None and strict == below:  # n < len(x) (never), n >= len(x) (always)
        return node, measured, left, strict  # type: ignore[return-value]
    return None


def _len_arg(node: ast.expr) -> ast.expr | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
            and len(node.args) == 1 and not node.keywords:
        return node.args[0]
    return None


def _capped(value: ast.expr, bound: ast.expr) -> bool:
    """`items[:bound]` / `items[0:bound]` with no step, and a bound that is not negative."""
    if not (isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice)):
        return False
    cut = value.slice
    lower = cut.lower is None or constant(cut.lower) == 0
    number = constant(bound)
    return lower and cut.step is None and cut.upper is not None and same_expr(cut.upper, bound) \
        and is_pure(bound) and not (isinstance(number, (int, float)) and number < 0)


def _cut_of(func: Func | None, measured: ast.expr, bound: ast.expr, test: ast.Compare) -> ast.expr | None:
    """The slice whose length the test takes: the measured expression itself, or the one assignment
    of the measured local, when nothing can grow it or change the bound before the test."""
    if _capped(measured, bound):
        return measured
    if func is None or not isinstance(measured, ast.Name):
        return None
    name = measured.id
    stores, binds = [], []  # every binding of the name, and its plain `name = ...` assignments
    for n in ast.walk(func):
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load):
            stores.append(n)
        elif isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and n.targets[0].id == name:
            binds.append(n)
    if len(stores) != 1 or len(binds) != 1 or not _capped(binds[0].value, bound):
        return None
    cut = binds[0]
    if cut.lineno >= test.lineno or _bound_changed(func, bound, cut.lineno) or _grown(func, name, cut.lineno, test):
        return None
    return cut.value


def _bound_changed(func: Func, bound: ast.expr, after: int) -> bool:
    """Something the bound reads is assigned after the slice (or more than once)."""
    read = {ast.unparse(n) for n in ast.walk(bound) if isinstance(n, (ast.Name, ast.Attribute))}
    stored = [n for n in ast.walk(func) if isinstance(n, (ast.Name, ast.Attribute))
              and not isinstance(n.ctx, ast.Load) and ast.unparse(n) in read]
    return len(stored) > 1 or any(n.lineno >= after for n in stored)


def _grown(func: Func, name: str, after: int, test: ast.Compare) -> bool:
    """Between the slice and the test, the local is used other than by `len()`, an index or a loop
    over it: a method call or a hand-off to a call could add to it."""
    for parent in ast.walk(func):
        for node in ast.iter_child_nodes(parent):
            if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)) \
                    or not after < node.lineno <= test.lineno:
                continue
            if isinstance(parent, ast.Call) and _len_arg(parent) is node or isinstance(parent, ast.Subscript) \
                    and parent.value is node or isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
                continue
            return True
    return False
