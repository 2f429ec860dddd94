"""Where a handler sends the caught error's text when it does not log it.

A handler that returns the text to its caller (`return ErrorObservation(f"...: {e}")`), builds the
answer from it (`text += f"[error: {e}]"`, then `return text` after the `try`), or collects it
for a report that is logged or answered later (`skipped.append({"reason": str(e)})`) does not
hide the failure: only its traceback is lost. broad-except reports such a handler LOW.
"""
from __future__ import annotations

import ast

from ...facts.values import dotted_str
from .handlers import Handler

_COLLECTS = frozenset({"append", "extend", "add", "insert", "update"})


def _mentions(node: ast.AST | None, names: set[str]) -> bool:
    return node is not None and any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _collected_into(stmt: ast.stmt) -> tuple[str, ast.expr | None]:
    """(the local the statement stores into, the stored value): `x = v`, `x += v`, `x.append(v)`."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id, stmt.value
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in _COLLECTS \
            and isinstance(call.func.value, ast.Name):
        return call.func.value.id, call
    return "", None


def _response(value: ast.expr | None) -> bool:
    """`return JSONResponse(status_code=400, content=str(e))`, `return Reply(400, f"...{e}")`: the
    client's answer, while the server keeps no trace of the failure."""
    if not isinstance(value, ast.Call):
        return False
    first = value.args[0] if value.args else None
    coded = isinstance(first, ast.Constant) and isinstance(first.value, int) and first.value >= 400
    return coded or dotted_str(value.func).endswith("Response") or any(k.arg == "status_code" for k in value.keywords)


def carried_text(handler: Handler) -> str:
    """"returns" when the caught error's text reaches a value the function returns (in the
    handler, or through a local returned after it), "records" when it reaches a local a later
    call hands on (`log_fn(f"Errors: {'; '.join(errors)}")`); "" otherwise."""
    if not handler.name:
        return ""
    holding, kept = {handler.name}, set()
    for stmt in handler.node.body:
        if isinstance(stmt, ast.Return) and _mentions(stmt.value, holding):
            return "" if _response(stmt.value) else "returns"
        name, value = _collected_into(stmt)
        if name and _mentions(value, holding):
            holding.add(name)
            kept.add(name)
    return _used_after(handler, kept) if kept else ""


def _used_after(handler: Handler, kept: set[str]) -> str:
    """How the statements after the handler use the locals holding the error's text."""
    end = handler.node.end_lineno or handler.node.lineno
    found = ""
    for node in ast.walk(handler.scope) if handler.scope is not None else ():
        if getattr(node, "lineno", 0) <= end:
            continue
        if isinstance(node, ast.Return) and _mentions(node.value, kept):
            return "returns"
        if isinstance(node, ast.Call) and any(_mentions(a, kept) for a in [*node.args, *(k.value for k in node.keywords)]):
            found = "records"
    return found
