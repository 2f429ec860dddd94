"""Code that runs only when a name is None: the fallback a caller can skip by passing a value.

`extra["absent_only"]` of a function lists the spans `[name, line, col, end_line, end_col]`
of branches that run only while a bare name is None:

    access = access if access is not None else await self._load(id)   # the `else` operand
    if groups is None:                                                # the body
        groups = await Groups.of_member(user_id)

A caller that passes that parameter (any value but a literal None) never runs the span, so an
interprocedural question ("does this call reach a query?") can leave it out for that caller.
Only `is None` / `== None` tests count: `not x` and `x or load()` also run for empty values.
"""
from __future__ import annotations

import ast

from .types import FunctionFacts


def record(func: FunctionFacts, node: ast.If | ast.IfExp) -> None:
    """Add the span of the branch of `node` that runs only when a name is None, if any."""
    _record_optional(func, node)
    found = _absent_branch(node.test)
    if found is None:
        return
    name, in_body = found
    branch = node.body if in_body else node.orelse
    parts = branch if isinstance(branch, list) else [branch]
    if not parts:
        return
    first, last = parts[0], parts[-1]
    func.extra.setdefault("absent_only", []).append(
        [name, first.lineno, first.col_offset, last.end_lineno or first.lineno, last.end_col_offset or 0])


def _record_optional(func: FunctionFacts, node: ast.If | ast.IfExp) -> None:
    """`extra["optional"]`: `[line, end_line]` of an else-less `if param:` / `if param is not None:`
    body, work done only for callers that pass an optional parameter (a paging cursor looked
    up before the main query), so not what a call of the function usually costs."""
    test = node.test
    if isinstance(test, ast.Compare):
        found = _none_test(test)
        name = found[0] if found is not None and not found[1] else ""
    else:
        name = test.id if isinstance(test, ast.Name) else ""
    if name and not node.orelse and isinstance(node, ast.If) and any(p.name == name for p in func.params):
        func.extra.setdefault("optional", []).append([node.body[0].lineno, node.body[-1].end_lineno or node.lineno])


def optional(func: FunctionFacts, line: int) -> bool:
    """Whether `line` lies in a block run only when an optional parameter is passed (`_record_optional`)."""
    return any(start <= line <= end for start, end in func.extra.get("optional", ()))


def within(func: FunctionFacts, names: set[str], line: int, col: int) -> bool:
    """Whether position (line, col) lies in a span that runs only while one of `names` is None."""
    for name, start, start_col, end, end_col in func.extra.get("absent_only", ()):
        if name in names and (start, start_col) <= (line, col) <= (end, end_col):
            return True
    return False


def _absent_branch(test: ast.expr) -> tuple[str, bool] | None:
    """(name, True) when the body runs only while `name` is None, (name, False) for the else
    branch; `a is None and b` keeps the body's, `a is not None or b` the else branch's."""
    if isinstance(test, ast.BoolOp):
        wanted = isinstance(test.op, ast.And)
        for value in test.values:
            found = _none_test(value)
            if found is not None and found[1] == wanted:
                return found
        return None
    return _none_test(test)


def _none_test(test: ast.expr) -> tuple[str, bool] | None:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)):
        return None
    right = test.comparators[0]
    if not (isinstance(right, ast.Constant) and right.value is None):
        return None
    op = test.ops[0]
    if isinstance(op, (ast.Is, ast.Eq)):
        return test.left.id, True
    if isinstance(op, (ast.IsNot, ast.NotEq)):
        return test.left.id, False
    return None
