"""RA103 broad-except."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ...model.app import is_test_path
from ...facts.values import dotted_str
from ..api import FileContext, Rule, register
from .grouping import group_repeats
from .handlers import Handler, handler_location_end, handlers_of, named_as, unless_callees
from .swallowed_exception import swallowed

# Functions whose job is to turn any failure into a status: a broad catch is their contract.
PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "ready", "readiness", "readyz", "liveness", "livez",
                         "ping", "probe", "heartbeat"})


def _is_probe(handler: Handler) -> bool:
    """Named as a probe, or answering with a member of the status type it is annotated to return
    (`check_network() -> NetworkStatus` answering, or setting, `NetworkStatus.NOT_CONNECTED`)."""
    return named_as(handler.function, PROBE_WORDS) or _answers_status(handler)


def _answers_status(handler: Handler) -> bool:
    status = handler.returns.rsplit(".", 1)[-1]
    if not status.endswith(("Status", "State", "Health")):
        return False
    return any(isinstance(stmt, (ast.Return, ast.Assign)) and isinstance(stmt.value, ast.Attribute)
               and dotted_str(stmt.value.value).rsplit(".", 1)[-1] == status for stmt in handler.node.body)


def reported(handler: Handler) -> bool:
    """A broad handler that neither re-raises, logs the traceback nor passes the exception on."""
    if handler.is_bare or not handler.is_broad:
        return False
    if handler.logs_traceback:
        return False
    if handler.reraises:
        return blames_client(handler)
    if handler.passes_exception or handler.loses_nothing() or handler.spawns_only() or _rejects_request(handler) \
            or handler.text_raised_later():
        return False  # a success flag, only bad input, the scheduling or a teardown can fail there, nothing is
        # lost, or the error's text is raised to the caller after the handler
    return not swallowed(handler) and not _is_probe(handler)


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
        a request that cannot be read answered with a 4xx response. Nor are status probes
        annotated to return a status type that they answer (`-> NetworkStatus` answering
        `NetworkStatus.NOT_CONNECTED`), a success flag set by assignment (`ok = False` in a
        `-> bool` function), a `try` holding one conversion of one value (`Decimal(text)`,
        `json.loads(raw)`, `blob.decode()`, `page["title"][0]`: only bad input fails there) or only
        parsing one text into data (`json.loads(clean_json(reply))`, then `Step(**item)` on the
        result: a model's reply with a fallback for prose), a handler whose error text a later
        `raise` carries (`errors.append(f"...: {e}")`, then `raise ValueError("; ".join(errors))`),
        one that only schedules a task
        (`create_task(...)`: the task's errors never reach the handler) or only tears down
        (`await ws.disconnect()`), and a handler ending in a call of a project function that never
        returns, given the error's text (`fail(f"bad value: {exc}", code)`). Any call given a
        truthy `exc_info=` keeps the traceback (`self.logger().network(msg, exc_info=True)` on a
        project logger). A logger method chosen into a local (`log = logger.warning if first else
        logger.debug`) logs. A handler that returns or records the error's text (`return False,
        str(exc)`, `step.output = str(exc)`) is LOW: the failure is seen, only the traceback is
        lost; so is one falling back to a default computed from other data (`encoder =
        encoding_for(default_model)`), not a placeholder (`allowed = False`). Handlers that only
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
        cancels = handler.catches_base_exception and handler.try_info.awaits
        fallback = handler.only_fallback() and not handler.try_info.awaits or handler.replaces_result()
        answered = "" if handler.reraises else handler.hands_on_error_text()
        severity = "HIGH" if cancels else ("LOW" if handler.logs or fallback or answered or is_test_path(ctx.path)
                                           else self.severity)  # in a test it costs a diagnosis, not an outage
        outcome = _outcome(handler, answered)
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
        finding = self.finding(
            ctx.line_loc(handler.node.lineno, handler_location_end(handler)), title, description,
            recommendation=_recommendation(ctx, handler), severity=severity, related=related,
        )
        finding.extra.update(unless_callees(group, "never-returns", Handler.exit_call_line))
        return finding


def _outcome(handler: Handler, answered: str) -> str:
    """What the handler does instead of keeping the traceback (`answered`: `hands_on_error_text`)."""
    if handler.reraises:
        return "raises a client error (4xx) in its place"
    if handler.logs:
        return "logs a message without the traceback"
    if answered:
        return f"{answered} the error's text (for its caller or the user) without the traceback"
    if handler.replaces_result():
        return "falls back to a default without logging why"
    return "carries on without logging it"


def _recommendation(ctx: FileContext, handler: Handler) -> str:
    bound = f" as {handler.name}" if handler.name else ""
    body = [ctx.lines[s.lineno - 1].strip() for s in handler.node.body[:2]]
    kept = "".join(f"    {line}\n" for line in body if "log" not in line.lower())
    return ("Catch the specific errors the block expects; where a catch-all is really wanted, keep the "
            f"traceback:\n\n```python\nexcept Exception{bound}:\n"
            f"    logger.exception(\"{handler.function or 'operation'} failed\")\n{kept}```")
