"""Catch-alls answering with a client error, for RA103 (broad_except): right around reading a
request, wrong around awaited work, where an outage or a bug becomes "your request was bad"."""
from __future__ import annotations

import ast

from ...facts.values import dotted_str
from ...knowledge.websockets import annotated_websocket
from ._redone_work import handler_steps
from .handlers import Handler


def rejects_request(handler: Handler) -> bool:
    """`except Exception: return JSONResponse(status_code=401, ...)` around reading the request
    (a header split, a base64 decode, nothing awaited): whatever fails there, the request is the
    thing at fault and the client is told so; no traceback is owed to the server log."""
    if handler.try_info.awaits:
        return False
    returned = [stmt.value for stmt in handler.node.body if isinstance(stmt, ast.Return)]
    return bool(returned) and all(isinstance(value, ast.Call) and _client_status(value, any_call=True)
                                  for value in returned) or _refuses_socket(handler)


def _refuses_socket(handler: Handler) -> bool:
    """`except Exception: await ws.close(code=4401); return` around reading a WebSocket's handshake
    (a token decode; `rejects_request` has already required a `try` body that awaits nothing): the
    socket's 4xxx / 1008 close is its client-error answer. Only a close of the endpoint's own
    `WebSocket` parameter is one; another object's `close(code=...)` answers no client."""
    steps = handler_steps(handler)
    closes = [stmt.value.value for stmt in steps if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await)
              and isinstance(stmt.value.value, ast.Call) and isinstance(stmt.value.value.func, ast.Attribute)
              and stmt.value.value.func.attr == "close"]
    rest = [stmt for stmt in steps if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await))]
    return len(closes) == 1 and _refusal_code(closes[0]) and _socket_parameter(handler, closes[0].func.value) \
        and all(isinstance(stmt, ast.Return) and stmt.value is None for stmt in rest)


def _socket_parameter(handler: Handler, receiver: ast.expr) -> bool:
    """The receiver is a parameter of the enclosing function annotated as a WebSocket (`ws: WebSocket`)."""
    scope = handler.scope
    if not isinstance(receiver, ast.Name) or not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    params = scope.args.posonlyargs + scope.args.args + scope.args.kwonlyargs
    return any(p.arg == receiver.id and p.annotation is not None and annotated_websocket(ast.unparse(p.annotation))
               for p in params)


def _refusal_code(close: ast.Call) -> bool:
    """`close(code=4401)` / `close(1008)` / `close(code=status.WS_1008_POLICY_VIOLATION)`: a refusal."""
    code = next((k.value for k in close.keywords if k.arg == "code"), close.args[0] if close.args else None)
    if isinstance(code, ast.Constant) and isinstance(code.value, int):
        return code.value == 1008 or 4000 <= code.value < 5000
    return isinstance(code, ast.Attribute) and code.attr.startswith("WS_1008")


def blames_client(handler: Handler) -> bool:
    """A catch-all around awaited work that answers with a client error (`raise
    HTTPException(400)` without the cause): a database outage or a bug in the service becomes
    "your request was bad", so the caller stops retrying and the server error leaves no trace.
    `from exc` changes nothing: the framework answers an HTTPException without logging its cause."""
    if not handler.try_info.awaits:
        return False  # around parsing alone a 400 is the right answer
    return any(_client_status(raised.exc) for raised in handler.raises)


def _client_status(exc: ast.expr | None, any_call: bool = False) -> bool:
    """An `HTTPException` (with `any_call`: any call, such as a response) with a 4xx status."""
    if not isinstance(exc, ast.Call) or not (any_call or dotted_str(exc.func).endswith("HTTPException")):
        return False
    status = next((k.value for k in exc.keywords if k.arg == "status_code"), exc.args[0] if exc.args else None)
    if isinstance(status, ast.Constant) and isinstance(status.value, int):
        return 400 <= status.value < 500
    return isinstance(status, ast.Attribute) and status.attr.startswith("HTTP_4")
