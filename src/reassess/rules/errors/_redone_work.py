"""Handlers that redo the try's work another way, for RA103 (broad_except): a fallback on the same
inputs, not a use of the error, so the failure costs a diagnosis rather than the result."""
from __future__ import annotations

import ast

from .handlers import Handler, called


def another_way(handler: Handler) -> bool:
    """`except Exception: return await super().get_response("index.html", scope)`, or the save
    redone through another library on the same `path`: the handler does the try's work another
    way on the same inputs, not using the error; if that fails too, it raises."""
    calls = _redo_calls(handler)
    if not calls:
        return False
    tried = {name for stmt in handler.try_info.node.body for node in ast.walk(stmt)
             if isinstance(node, ast.Call) for name in _names(node)}
    return any(_names(call) & tried for call in calls)


def _redo_calls(handler: Handler) -> list[ast.Call]:
    """The calls the handler's statements do their work with, when every statement is one such
    call that neither reports (a message) nor uses the error; [] otherwise."""
    calls = [called(stmt, kept=True) for stmt in handler_steps(handler)]
    if not all(calls) or any(_reports(c) or handler.name in _names(c) for c in calls):
        return []
    return calls


def _reports(call: ast.Call) -> bool:
    """The call is given a message (`notify(f"Error ... {url}")`, `logger().network("failed to set")`):
    it tells someone of the failure, it does not redo the work."""
    return any(isinstance(arg, ast.JoinedStr) or isinstance(arg, ast.Constant) and isinstance(arg.value, str)
               and " " in arg.value for arg in [*call.args, *(k.value for k in call.keywords)])


def _names(call: ast.Call) -> set[str]:
    """The variables a call passes (`save(path, data)` -> {"path", "data"}), `self` left out."""
    return {n.id for arg in [*call.args, *(k.value for k in call.keywords)] for n in ast.walk(arg)
            if isinstance(n, ast.Name) and n.id not in ("self", "cls")}


def handler_steps(handler) -> list:
    """The handler's statements other than comments and docstrings: what it does."""
    return [stmt for stmt in handler.node.body if not _comment(stmt)]


def _comment(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)
