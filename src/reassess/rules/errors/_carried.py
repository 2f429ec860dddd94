"""Where a handler sends the caught error's text when it does not log it.

A handler that returns the text to its caller (`return ErrorObservation(f"...: {e}")`), builds the
answer from it (`text += f"[error: {e}]"`, then `return text` after the `try`), or collects it
for a report that is logged or answered later (`skipped.append({"reason": str(e)})`) does not
hide the failure: only its traceback is lost. broad-except reports such a handler LOW.
"""
from __future__ import annotations

import ast

from ...facts.values import dotted_str
from .handlers import Handler, mentions, passes, stored_into


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
        if isinstance(stmt, ast.Return) and mentions(stmt.value, holding):
            return "" if _response(stmt.value) else "returns"
        name, value = stored_into(stmt)
        if name and mentions(value, holding):
            holding.add(name)
            kept.add(name)
    return _used_after(handler, kept) if kept else ""


def _used_after(handler: Handler, kept: set[str]) -> str:
    """How the statements after the handler use the locals holding the error's text."""
    end = handler.node.end_lineno or handler.node.lineno
    found = ""
    for node in handler.nodes_after(end):
        if isinstance(node, ast.Return) and mentions(node.value, kept):
            return "returns"
        if isinstance(node, ast.Call) and passes(node, kept):
            found = "records"
    return found
