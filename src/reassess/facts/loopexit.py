"""Which code in a loop body runs at most once per loop: a block (the loop body, or an
if/try/with/match block inside it) whose last statement always leaves the loop (`return`,
`break`, `raise`, or an if/try that does on every path) and that holds no `continue` runs
once, then the loop is over (`if found: save(); break`).

One helper for the extractor (call sites, `extra["loops"][line]["once"]`) and the rules that
walk loops themselves, so "runs once per loop" means the same thing everywhere; and which loops
only retry the next candidate after a unique-key collision (`retries_on_collision`).
"""
from __future__ import annotations

import ast

from ..knowledge.exceptions import is_unique_error
from .values import dotted_str

_EXITS = (ast.Return, ast.Break, ast.Raise)
_OWN_SCOPE = (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def once_spans(loop: ast.For | ast.AsyncFor | ast.While) -> list[list[int]]:
    """[line, col, end_line, end_col] of every block of `loop` that runs at most once per loop."""
    spans: list[list[int]] = []
    _collect(loop.body, spans)
    return spans


def runs_once(loop: ast.AST, node: ast.AST) -> bool:
    """Whether `node` (inside `loop`'s body) runs at most once per loop."""
    if not isinstance(loop, (ast.For, ast.AsyncFor, ast.While)):
        return False
    return within(once_spans(loop), node.lineno, node.col_offset)


def can_leave(loop: ast.For | ast.AsyncFor | ast.While) -> bool:
    """Whether the loop's body can end it early: a `return`, or a `break` of this loop (not one of
    a loop nested in it)."""
    return _can_leave(loop.body, nested=False)


def _can_leave(body: list[ast.stmt], nested: bool) -> bool:
    for stmt in body:
        if isinstance(stmt, ast.Return) or (isinstance(stmt, ast.Break) and not nested):
            return True
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        inner = nested or isinstance(stmt, (ast.For, ast.AsyncFor, ast.While))
        if any(_can_leave(block, inner) for block in _blocks(stmt)):
            return True
    return False


def within(spans: list[list[int]], line: int, col: int) -> bool:
    """Whether the position (line, col) lies in one of `spans` (from `once_spans`)."""
    return any((s[0], s[1]) <= (line, col) <= (s[2], s[3]) for s in spans)


def _collect(body: list[ast.stmt], spans: list[list[int]]) -> None:
    if not body:
        return
    last = body[-1]
    if _leaves(last) and not any(_continues(stmt) for stmt in body):
        spans.append([body[0].lineno, body[0].col_offset, last.end_lineno or last.lineno, last.end_col_offset or 0])
        return
    for stmt in body:
        if not isinstance(stmt, _OWN_SCOPE):
            for block in _blocks(stmt):
                _collect(block, spans)


def _leaves(stmt: ast.stmt) -> bool:
    """Whether `stmt` always ends in a `return`, `break` or `raise`: an exit, an if/else both
    of whose branches leave, a `with` whose body leaves, or a try whose body (or else) and every
    handler leave (`try: ...; return True except ...: raise ... finally: ...`)."""
    if isinstance(stmt, _EXITS):
        return True
    if isinstance(stmt, ast.If):
        return _ends_leaving(stmt.body) and _ends_leaving(stmt.orelse)
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return _ends_leaving(stmt.body)
    if isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
        handled = all(_ends_leaving(h.body) for h in stmt.handlers)
        return _ends_leaving(stmt.finalbody) or handled and (_ends_leaving(stmt.body) or _ends_leaving(stmt.orelse))
    return False


def retries_on_collision(loop: ast.For | ast.AsyncFor | ast.While) -> bool:
    """A `for` loop that tries candidates until one is accepted: a `try` in its body whose handler
    for a unique-violation error ends in `continue` (the next candidate), and whose body, else or
    the statements after it always leave the loop (`return slug`). Each turn follows a refused
    write; one success ends the loop, so its calls are not made once per item."""
    if isinstance(loop, ast.While):
        return False
    for index, stmt in enumerate(loop.body):
        if isinstance(stmt, ast.Try) and any(_retries(h) for h in stmt.handlers):
            rest = loop.body[index + 1:]
            return _ends_leaving(rest) if rest else _ends_leaving(stmt.body) or _ends_leaving(stmt.orelse)
    return False


def _retries(handler: ast.ExceptHandler) -> bool:
    """The handler catches a unique-violation error and ends by going to the next turn."""
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return bool(handler.body) and isinstance(handler.body[-1], ast.Continue) and \
        any(node is not None and is_unique_error(dotted_str(node)) for node in caught)


def _ends_leaving(block: list[ast.stmt]) -> bool:
    return bool(block) and _leaves(block[-1])


def _blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists directly inside `stmt` (if/try/with bodies, handlers, match cases)."""
    blocks = [getattr(stmt, name, None) for name in ("body", "orelse", "finalbody")]
    blocks += [handler.body for handler in getattr(stmt, "handlers", ())]
    blocks += [case.body for case in getattr(stmt, "cases", ())]
    return [b for b in blocks if isinstance(b, list) and b and isinstance(b[0], ast.stmt)]


def _continues(stmt: ast.stmt) -> bool:
    """A `continue` of the enclosing loop in `stmt` (not one of a loop nested in it)."""
    if isinstance(stmt, ast.Continue):
        return True
    if isinstance(stmt, _OWN_SCOPE):
        return False
    return any(_continues(inner) for block in _blocks(stmt) for inner in block)
