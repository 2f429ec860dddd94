"""RA605 logging-gap: a failure inside a loop logged with a fixed message and nothing else."""
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
        anywhere. `log.exception(...)` and calls passing any value are not reported.

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
            if call is None or not (handler.is_bare or handler.is_broad or _per_item(ctx.tree, handler)):
                continue
            message = call.args[0].value
            yield self.finding(
                ctx.loc(call), f"Failure logged without item or error in {handler.where()}",
                f"{handler.where()} catches {handler.types_text or 'every exception'} from {handler.try_does()} "
                f"inside a loop and logs only \"{message}\": the line names neither the item that failed nor the "
                "error (no arguments, no `exc_info`), so the failures cannot be traced or told apart.",
                recommendation="Bind the exception and log the item with it, e.g. "
                               "`log.error(\"... %s failed: %s\", item_id, exc)` or `log.exception(...)`.")


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
    if not handler.in_loop or handler.reraises or handler.logs_traceback or handler.passes_exception:
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
