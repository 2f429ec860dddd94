"""RA103 broad-except."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ...model.app import is_test_path
from ...facts.values import dotted_str
from ..api import FileContext, Rule, register
from .grouping import group_repeats
from .handlers import Handler, handler_location_end, handlers_of
from .swallowed_exception import swallowed

# Functions whose job is to turn any failure into a status: a broad catch is their contract.
PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "ready", "readiness", "readyz", "liveness", "livez",
                         "ping", "probe", "heartbeat"})


def _is_probe(function: str) -> bool:
    name = function.rsplit(".", 1)[-1].lower()
    return bool(PROBE_WORDS & set(name.strip("_").split("_")))


def reported(handler: Handler) -> bool:
    """A broad handler that neither re-raises, logs the traceback nor passes the exception on."""
    if handler.is_bare or not handler.is_broad:
        return False
    if handler.logs_traceback:
        return False
    if handler.reraises:
        return blames_client(handler)
    if handler.passes_exception or handler.answers_false() or _rejects_request(handler):
        return False
    return not swallowed(handler) and not _is_probe(handler.function)


def _rejects_request(handler: Handler) -> bool:
    """`except Exception: return JSONResponse(status_code=401, ...)` around reading the request
    (a header split, a base64 decode, nothing awaited): whatever fails there, the request is the
    thing at fault and the client is told so; no traceback is owed to the server log."""
    if handler.try_info.awaits:
        return False
    returned = [stmt.value for stmt in handler.node.body if isinstance(stmt, ast.Return)]
    return bool(returned) and all(isinstance(value, ast.Call) and _client_status(value, any_call=True)
                                  for value in returned)


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


@register
class BroadExcept(Rule):
    """`except Exception` that hides the traceback.

    What it finds:
        Handlers catching `Exception` or `BaseException` that neither re-raise, nor log
        with the traceback (`logger.exception`, `exc_info=`), nor hand the exception object
        on (`future.set_exception(exc)`, `return exc`). A top-level worker loop that catches
        `Exception` and calls `logger.exception` is the recommended pattern and is not
        reported; neither are health and readiness probes, whose contract is to turn any
        failure into a status, success flags (`return False` from a `-> bool` attempt), a CLI
        exit with the error's text (`exit_with_error(f"...: {exc}")` raises `SystemExit`), nor
        a request that cannot be read answered with a 4xx response. A logger method chosen into
        a local (`log = logger.warning if first else logger.debug`) logs. Handlers that only
        `pass` are reported as swallowed-exception instead.

    Why it matters:
        Every bug in the try body (a `TypeError`, a `KeyError` on a renamed column) is
        handled like the expected failure, and without a traceback nobody can tell which
        line failed. Catching `BaseException` also catches task cancellation.

    Example:
        try:
            return await svc.refresh_snapshot(user_id)
        except Exception as e:
            logger.error("refresh failed: %s", e)
            return None

    Instead:
        Catch the errors the block expects, or keep the traceback:

            except Exception:
                logger.exception("refresh failed for user %s", user_id)
                raise
    """

    id = "RA103"
    name = "broad-except"
    category = "broad-except"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        found = [h for h in handlers_of(ctx.tree, ctx.facts) if reported(h)]
        limit = int(self.option("max_per_file", 5))
        for group in group_repeats(found, lambda h: (h.types, h.logs), limit):
            yield self._finding(ctx, group)

    def _finding(self, ctx: FileContext, group: list[Handler]) -> Finding:
        handler = group[0]
        cancels = "BaseException" in {t.rsplit(".", 1)[-1] for t in handler.types} and handler.try_info.awaits
        fallback = handler.only_fallback() and not handler.try_info.awaits
        severity = "HIGH" if cancels else ("LOW" if handler.logs or fallback or is_test_path(ctx.path)
                                           else self.severity)  # in a test it costs a diagnosis, not an outage
        outcome = ("raises a client error (4xx) in its place" if handler.reraises
                   else "logs a message without the traceback" if handler.logs
                   else "carries on without logging it")
        description = (f"{handler.where()} catches {handler.types_text} around {handler.try_does()} and "
                       f"{outcome}: any bug in that code is handled like an expected failure and its "
                       "traceback is lost.")
        if cancels:
            description += " `BaseException` also catches `asyncio.CancelledError`, so the task cannot be cancelled."
        title = f"Broad `except {handler.types[0]}` in {handler.where()} hides the traceback"
        related = []
        if len(group) > 1:
            title = f"{len(group)} broad `except` handlers in {ctx.path} hide the traceback"
            description = (f"{len(group)} handlers in this file catch {handler.types_text} and {outcome}, "
                           f"starting with {handler.where()}.")
            related = [ctx.line_loc(h.node.lineno, handler_location_end(h), f"also in {h.where()}")
                       for h in group[1:]]
        return self.finding(
            ctx.line_loc(handler.node.lineno, handler_location_end(handler)), title, description,
            recommendation=_recommendation(ctx, handler), severity=severity, related=related,
        )


def _recommendation(ctx: FileContext, handler: Handler) -> str:
    bound = f" as {handler.name}" if handler.name else ""
    body = [ctx.lines[s.lineno - 1].strip() for s in handler.node.body[:2]]
    kept = "".join(f"    {line}\n" for line in body if "log" not in line.lower())
    return ("Catch the specific errors the block expects; where a catch-all is really wanted, keep the "
            f"traceback:\n\n```python\nexcept Exception{bound}:\n"
            f"    logger.exception(\"{handler.function or 'operation'} failed\")\n{kept}```")
