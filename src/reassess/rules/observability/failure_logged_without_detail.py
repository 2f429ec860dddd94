"""RA605 logging-gap: a per-item failure logged with a fixed message and nothing else."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ..errors.handlers import Handler, handlers_of, is_log_call

_FAILURE_LEVELS = frozenset({"warning", "warn", "error", "critical", "fatal"})


@register
class FailureLoggedWithoutDetail(Rule):
    """A per-item failure logged as a bare sentence: no item, no exception, no traceback.

    What it finds:
        An `except` handler inside a loop, around work on the loop's item or catching every
        exception (a worker's `while True: ... except Exception:`), that logs the failure at warning level or above
        with only a constant message (`log.error("send failed")`: no arguments, no
        `exc_info`, no `extra`), does not re-raise, and does not use the caught exception
        anywhere. `log.exception(...)` and calls passing any value are not reported. Also,
        in or out of a loop: a handler of named failures (not a catch-all, whose line marks a place)
        around awaited work on a coroutine's own parameters (the item it was called for) that logs the
        constant message in a statement of its own and then re-raises
        (`except StorageError: log.error("copy failed"); raise`): the exception goes up, but
        the line logged for it names no item, and where the function runs for many items
        at once (gathered, or called per message) only one failure reaches the caller.

    Why it matters:
        The loop runs for many items; the log line says that one of them failed but not
        which one nor why. On-call sees "send failed" 300 times and can neither find the
        affected users nor tell an invalid address from a provider outage, and the error
        text that would say so is dropped. A broad catch in a worker loop is worse: the
        failure can be anything, and the line says only that something did.

    Example:
        for user in users:
            try:
                await mailer.send(user.email, body)
            except MailerError:
                log.error("digest send failed")
                continue

    Instead:
        Log the item and the error:

            except MailerError as exc:
                log.error("digest send to user %s failed: %s", user.id, exc)
                continue
    """

    id = "RA605"
    name = "failure-logged-without-detail"
    category = "logging-gap"
    severity = "LOW"
    scope = "file"
    base_effort = 0.1

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for handler in handlers_of(ctx.tree, ctx.facts):
            call = _bare_failure_log(handler)
            if call is None:
                continue
            if handler.reraises:
                if _rethrown_for_argument(handler, call):
                    yield self._rethrown(ctx, handler, call)
                continue
            if not handler.in_loop or not (handler.is_bare or handler.is_broad or _per_item(ctx.tree, handler)):
                continue
            message = call.args[0].value
            yield self.finding(
                ctx.loc(call), f"Failure logged without item or error in {handler.where()}",
                f"{handler.where()} catches {handler.types_text or 'every exception'} from {handler.try_does()} "
                f"inside a loop and logs only \"{message}\": the line names neither the item that failed nor the "
                "error (no arguments, no `exc_info`), so the failures cannot be traced or told apart.",
                recommendation="Bind the exception and log the item with it, e.g. "
                               "`log.error(\"... %s failed: %s\", item_id, exc)` or `log.exception(...)`.")


    def _rethrown(self, ctx: FileContext, handler: Handler, call: ast.Call) -> Finding:
        message = call.args[0].value
        return self.finding(
            ctx.loc(call), f"Failure logged without item or error before re-raising in {handler.where()}",
            f"{handler.where()} catches {handler.types_text} from {handler.try_does()}, "
            f"work on the arguments it was called with, logs only \"{message}\" and re-raises: the line names "
            "neither the item nor the error, so it cannot be matched to the failure that goes up, and where the "
            "function runs for many items at once (gathered, or once per message) the failures that do not reach "
            "the caller leave only this sentence behind.",
            recommendation="Log the arguments that identify the item with the error "
                           "(`log.error(\"... %s failed: %s\", key, exc)`), or drop the line and let the caller, "
                           "which sees the exception, log it once with its context.")


def _rethrown_for_argument(handler: Handler, call: ast.Call) -> bool:
    """A handler of named failures ending in a bare `raise`, logging with a statement of its own,
    around a `try` in a coroutine that awaits work on its own parameters (not `self`/`cls`): the
    item the coroutine was called for is known there, and coroutines are what gets gathered or run
    per message."""
    scope = handler.scope
    if handler.is_bare or handler.is_broad or not handler.ends_with_bare_raise \
            or not isinstance(scope, ast.AsyncFunctionDef):
        return False  # a catch-all logging "unexpected error" before re-raising marks a place, not an item

    if not any(type(stmt) is ast.Expr and stmt.value is call for stmt in handler.node.body):
        return False  # the log belongs to a nested step (a cleanup's own failure), not to this handler
    args = scope.args
    params = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]} - {"self", "cls"}
    inside = [n for stmt in handler.try_info.node.body for n in ast.walk(stmt)]
    if not any(isinstance(n, ast.Await) for n in inside):
        return False  # a one-off sync step (opening a device, parsing a file) re-raises its own detail
    return bool(params & {n.id for n in inside if isinstance(n, ast.Name)})


def _per_item(tree: ast.Module, handler: Handler) -> bool:
    """The try body works on the item of an enclosing `for` loop (uses its loop variable)."""
    try_node = handler.try_info.node
    used = {n.id for stmt in try_node.body for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    for loop in ast.walk(tree):
        if isinstance(loop, (ast.For, ast.AsyncFor)) and loop.lineno < try_node.lineno <= (loop.end_lineno or 0):
            targets = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
            if targets & used:
                return True
    return False


def _bare_failure_log(handler: Handler) -> ast.Call | None:
    """The handler's only failure log call when it carries a constant message and nothing else."""
    if handler.logs_traceback or handler.passes_exception:
        return None
    body = [n for stmt in handler.node.body for n in ast.walk(stmt)]
    if _mentions(body, handler.name):
        return None
    logs = [n for n in body if isinstance(n, ast.Call) and is_log_call(n) and isinstance(n.func, ast.Attribute)]
    return logs[0] if len(logs) == 1 and logs[0].func.attr in _FAILURE_LEVELS and _message_only(logs[0]) else None


def _mentions(nodes: list[ast.AST], name: str) -> bool:
    """The caught exception's name is read anywhere in the handler (even only in a detail)."""
    return bool(name) and any(isinstance(n, ast.Name) and n.id == name for n in nodes)


def _message_only(call: ast.Call) -> bool:
    """`log.error("send failed")`: one constant string, no other argument or keyword."""
    return len(call.args) == 1 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) \
        and not call.keywords
