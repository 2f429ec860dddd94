"""RA104 exception-without-cause."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.values import dotted_str
from ...knowledge.exceptions import last_name, only
from ...knowledge.responses import AIOHTTP_ERROR_STATUS
from ...findings import Finding
from ...fixes import raise_from
from ..api import FileContext, Rule, register
from .grouping import group_repeats
from .handlers import Handler, handlers_of, mentions

# Raised to make the framework answer the client; the framework does not log them.
FRAMEWORK_RESPONSES = frozenset({"HTTPException", "WebSocketException", "RequestValidationError"})


def _raised_name(node: ast.Raise) -> str:
    exc = node.exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    return dotted_str(target) or ast.unparse(target)


# Iteration signals: translating one into the other (`except StopIteration: raise
# StopAsyncIteration` in an async adapter) is the protocol, there is no cause to keep.
_ITERATION_SIGNALS = frozenset({"StopIteration", "StopAsyncIteration", "GeneratorExit"})


def _is_reraise(node: ast.Raise, handler: Handler) -> bool:
    """Re-raising, chaining, or not losing a cause: the caught error handed to the new one
    (`raise RetryableError(e, text)` keeps it in `args`), or an iteration signal translated."""
    exc = node.exc
    if exc is None or node.cause is not None:
        return True
    if isinstance(exc, ast.Name) and exc.id == handler.name:
        return True
    if _translates_signal(node, handler):
        return True
    return isinstance(exc, ast.Call) and (dotted_str(exc.func) == f"{handler.name}.with_traceback" or any(
        isinstance(arg, ast.Name) and arg.id == handler.name for arg in [*exc.args, *(k.value for k in exc.keywords)]))


def _translates_signal(node: ast.Raise, handler: Handler) -> bool:
    return bool(handler.types) and only(list(handler.types), _ITERATION_SIGNALS) \
        and last_name(_raised_name(node)) in _ITERATION_SIGNALS


def _cause_kept(node: ast.Raise, handler: Handler) -> bool:
    """Nothing is lost without `from`: the handler logged the error with its traceback before
    raising (`logger.error(..., exc_info=True)`, then `raise SendError(detail)`), or a narrow
    catch maps the error to the client status it means (`except InvalidTokenError: raise
    HTTPException(401)`), which the framework turns into a response and never logs. Not when
    the answer carries the error's text (`detail=str(exc)`): then the cause is what it reports."""
    if handler.traceback_before(node.lineno) and not _server_error(node, handler):
        return True
    return not (handler.is_broad or handler.is_bare) and _client_error(node) \
        and not any(last_name(t) in _BUG_ERRORS for t in handler.types) \
        and not (handler.name and mentions(node.exc, {handler.name}))


# Errors that mean a bug, not a bad request: answering one with a 4xx hides the bug from the server.
_BUG_ERRORS = frozenset({"TypeError", "AttributeError", "NameError", "AssertionError", "RuntimeError",
                         "NotImplementedError", "UnboundLocalError", "RecursionError"})


def _client_error(node: ast.Raise) -> bool:
    """A framework response with a 4xx status (`HTTPException(status.HTTP_401_UNAUTHORIZED)`)."""
    status = _response_status(node)
    if status is None:
        return False
    code, name = status
    return 400 <= code < 500 if code is not None else "_4" in name


def _server_error(node: ast.Raise, handler: Handler) -> bool:
    """A framework response for an unexpected failure: a 5xx status, or any status for a broad catch."""
    status = _response_status(node)
    if status is None:
        return False
    if handler.is_broad or handler.is_bare:
        return True
    code, name = status
    return code >= 500 if code is not None else "_5" in name


def _response_status(node: ast.Raise) -> tuple[int | None, str] | None:
    """The status of a raised framework response: (its number when written as one, else None; the
    name it is written as, `status.HTTP_401_UNAUTHORIZED`). None when the raise is no framework response."""
    if not isinstance(node.exc, ast.Call):
        return None
    in_class = AIOHTTP_ERROR_STATUS.get(last_name(_raised_name(node)))
    if in_class is not None:  # `raise web.HTTPNotFound(text=...)`: the class is the status
        return in_class, ""
    if not _raised_name(node).endswith(tuple(FRAMEWORK_RESPONSES)):
        return None
    keywords = {k.arg: k.value for k in node.exc.keywords}
    status = node.exc.args[0] if node.exc.args else keywords.get("status_code")
    if isinstance(status, ast.Constant) and isinstance(status.value, int):
        return status.value, ""
    return None, dotted_str(status) if status is not None else ""


def _leaks(node: ast.Raise, name: str) -> bool:
    """`raise HTTPException(500, detail=str(e))`: the exception text goes to the client. Only a
    framework response carries it there; `raise TypeError(str(e))` in library code reaches no client."""
    if not name or _response_status(node) is None:
        return False
    values = list(node.exc.args) + [k.value for k in node.exc.keywords]
    return any(isinstance(v, ast.Call) and dotted_str(v.func) in ("str", "repr") and v.args
               and isinstance(v.args[0], ast.Name) and v.args[0].id == name for v in values)


@register
class ExceptionWithoutCause(Rule):
    """A new exception raised inside `except` without `from`.

    What it finds:
        `raise X(...)` inside an `except` handler with no `from` clause. `raise` alone,
        re-raising the caught object, `raise X(...) from exc` and `raise X(...) from None`
        are fine, and so are a new error given the caught one (`raise RetryableError(exc, text)`
        keeps it in `args`) and an iteration signal translated (`except StopIteration: raise
        StopAsyncIteration`). Nor is a raise after the handler itself logged the error with its
        traceback (`logger.error(..., exc_info=True)`: the cause is on record), nor a narrow catch
        answered with a fixed 4xx it means (`except InvalidTokenError: raise HTTPException(401)`;
        the framework turns it into a response and logs nothing either way), unless the caught
        error means a bug (`TypeError`, `AttributeError`) or the answer carries its text. More than `max_per_file` (5) instances of one exception type in a
        file are reported once. A server-error response raised from a broad catch is MEDIUM
        unless the handler logs the traceback first (`logger.exception(...)`); from a narrow
        catch it is LOW: the project's own error names the failure.

    Why it matters:
        Without `from`, the traceback says "During handling of the above exception, another
        exception occurred", which reads like a second bug instead of the cause. When the
        new exception is an `HTTPException`, the framework turns it into a response and
        logs nothing: the original error and its traceback are lost entirely.

    Example:
        try:
            return await svc.refresh_snapshot(user_id)
        except Exception as e:
            raise HTTPException(status_code=500, detail=str(e))

    Instead:
        Chain the cause explicitly (and log it when the new exception is a response):

            except SnapshotError as exc:
                logger.exception("snapshot refresh failed")
                raise HTTPException(status_code=503, detail="snapshot unavailable") from exc
    """

    id = "RA104"
    name = "exception-without-cause"
    category = "exception-without-cause"
    severity = "LOW"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        found = [(h, r) for h in handlers_of(ctx.tree, ctx.facts) for r in h.raises
                 if not _is_reraise(r, h) and not _cause_kept(r, h)]
        limit = int(self.option("max_per_file", 5))
        for group in group_repeats(found, lambda item: _raised_name(item[1]), limit):
            yield self._finding(ctx, group)

    def _finding(self, ctx: FileContext, group: list[tuple[Handler, ast.Raise]]) -> Finding:
        handler, node = group[0]
        raised = _raised_name(node)
        response = _server_error(node, handler)
        broad = handler.is_broad or handler.is_bare  # a narrow catch's own message is the detail: LOW
        description = (f"{handler.where()} catches {handler.types_text} and raises `{raised}` without "
                       "`from`, so the original error is only attached as implicit context.")
        if response and handler.logs_traceback:  # `logger.exception(...)` first: the traceback is kept
            description += f" The handler logs the original error with its traceback before raising `{raised}`."
            response = False
        elif response:
            description += (f" `{raised}` becomes a response and is not logged by the framework, so the "
                            "original exception and its traceback are lost.")
            if not handler.logs:
                description += " The handler does not log it either."
        if _leaks(node, handler.name):
            description += f" `str({handler.name})` is also sent to the client as the error detail."
        title = f"`{raised}` raised in {handler.where()} without `from`"
        related = []
        if len(group) > 1:
            title = f"{len(group)} `raise {raised}` in {ctx.path} drop the original exception"
            description = (f"{len(group)} handlers in this file raise `{raised}` without `from`, starting "
                           f"with {handler.where()}. " + description.split(". ", 1)[-1])
            related = [ctx.line_loc(r.lineno, r.end_lineno, f"also in {h.where()}") for h, r in group[1:]]
        finding = self.finding(
            ctx.line_loc(node.lineno, node.end_lineno), title, description,
            recommendation=_recommendation(handler, node, response),
            severity="MEDIUM" if response and broad else self.severity, related=related,
        )
        finding.fix = raise_from.fix(ctx.path, ctx.lines, [(r, h.name) for h, r in group])
        return finding


def _recommendation(handler: Handler, node: ast.Raise, response: bool) -> str:
    name = handler.name or "exc"
    statement = f"raise {ast.unparse(node.exc)}"
    caught = handler.types[0] if len(handler.types) == 1 else f"({', '.join(handler.types)})"
    if _leaks(node, handler.name):
        statement = statement.replace(f"str({handler.name})", '"internal error"')
    code = f"except {caught if handler.types else 'Exception'} as {name}:\n"
    if response and not handler.logs:
        code += f"    logger.exception(\"{handler.function or 'request'} failed\")\n"
    code += f"    {statement} from {name}"
    return f"Chain the cause with `from {name}`" + (" and log it" if response and not handler.logs else "") + \
        f":\n\n```python\n{code}\n```"
