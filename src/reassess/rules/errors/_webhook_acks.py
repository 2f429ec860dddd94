"""Webhook receivers that acknowledge events they failed to apply, for RA103 (broad_except): the
sender takes the 2xx as delivered and never redelivers the event."""
from __future__ import annotations

import ast

from ...knowledge.logs import LOG_METHODS
from .handlers import Handler


_WEBHOOK_WORDS = ("webhook",)  # not "callback": an OAuth callback is a user's redirect, not a sender that retries
_ACK_VERBS = frozenset({"post", "put", "api_route", "route"})


def acknowledged_webhook(handler: Handler) -> bool:
    """A catch-all around the awaited work of a webhook receiver (a POST route whose path or name
    says webhook) whose body only logs and then lets the route answer success: the
    sender reads the 2xx as delivered and never retries the event."""
    if handler.is_bare or not handler.is_broad or handler.reraises or not handler.try_info.awaits:
        return False
    if not _webhook_route(handler.scope) or not all(_log_or_ack(stmt) for stmt in handler.node.body):
        return False
    return not any(isinstance(node, ast.Raise) for stmt in handler.try_info.node.orelse for node in ast.walk(stmt))


def _webhook_route(function: ast.AST | None) -> bool:
    """Decorated with a POST/PUT route whose path or function name says webhook."""
    routes = [d for d in getattr(function, "decorator_list", ()) if isinstance(d, ast.Call)
              and isinstance(d.func, ast.Attribute) and d.func.attr in _ACK_VERBS]
    if not routes:
        return False
    paths = [d.args[0].value.lower() for d in routes if d.args and isinstance(d.args[0], ast.Constant)
             and isinstance(d.args[0].value, str)]
    return any(word in text for word in _WEBHOOK_WORDS for text in [*paths, function.name.lower()])


def _log_or_ack(stmt: ast.stmt) -> bool:
    """A log call, `pass`, or a return of a literal answer (`return {"received": True}`): no error
    status, nothing kept for a later attempt."""
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        return isinstance(func, ast.Attribute) and func.attr in LOG_METHODS
    if isinstance(stmt, ast.Return):
        return stmt.value is None or isinstance(stmt.value, (ast.Dict, ast.Constant))
    return False
