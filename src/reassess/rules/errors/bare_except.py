"""RA101 bare-except."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from .handlers import Handler, handler_location_end, handlers_of


@register
class BareExcept(Rule):
    """A bare `except:` clause.

    What it finds:
        `except:` with no exception type. A handler that ends in a bare `raise` (clean up,
        then re-raise) is not reported.

    Why it matters:
        A bare except also catches `BaseException`: `asyncio.CancelledError` (so a task
        cannot be cancelled at shutdown or on timeout), `KeyboardInterrupt` and
        `SystemExit`. Inside a worker loop or around an `await` the loop silently survives
        its own cancellation, and real bugs are handled like expected failures.

    Example:
        while True:
            try:
                await self.check_alerts()
            except:
                logger.exception("alert check failed")

    Instead:
        Catch `Exception` (which leaves cancellation and interpreter exit alone) or the
        specific errors the block expects:

            except Exception:
                logger.exception("alert check failed")
    """

    id = "RA101"
    name = "bare-except"
    category = "bare-except"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.5
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for handler in handlers_of(ctx.tree, ctx.facts):
            if handler.is_bare and not handler.ends_with_bare_raise:
                yield self._finding(ctx, handler)

    def _finding(self, ctx: FileContext, handler: Handler) -> Finding:
        cancels = handler.is_async and handler.try_info.awaits
        severity = "HIGH" if cancels or handler.forever_loop else self.severity
        loop = " inside a `while True` loop" if handler.forever_loop else (" inside a loop" if handler.in_loop else "")
        description = (f"{handler.where()} wraps {handler.try_does()} in a bare `except:`{loop}, which "
                       f"{_what_it_does(handler)}. ")
        if cancels:
            description += ("Because the try body awaits, it also catches `asyncio.CancelledError` (a "
                            "`BaseException` since Python 3.8): cancelling the task running "
                            f"`{handler.function}` (shutdown, timeout, client disconnect) is treated as a "
                            "failure")
            description += " and the loop goes on, so the task cannot be stopped." if handler.in_loop else "."
        else:
            description += "It also catches `KeyboardInterrupt` and `SystemExit`"
            description += (", so the loop cannot be interrupted or exited." if handler.in_loop
                            else ", which are not errors of this code.")
        body = ctx.lines[handler.node.body[0].lineno - 1].strip() if handler.node.body else "..."
        if handler.silent_shape():
            body = 'logger.exception("...")  # or handle the specific error'
        recommendation = ("Catch `Exception` (or the specific errors expected) so that cancellation and "
                          "interpreter exit propagate:\n\n```python\nexcept Exception:\n    "
                          f"{body}\n```")
        return self.finding(
            ctx.line_loc(handler.node.lineno, handler_location_end(handler)),
            f"Bare `except:` in {handler.where()}" + (" swallows task cancellation" if cancels else ""),
            description, recommendation=recommendation, severity=severity,
        )


def _what_it_does(handler: Handler) -> str:
    if handler.logs_traceback:
        return "logs the traceback"
    if handler.logs:
        return "logs a message"
    shape = handler.silent_shape()
    if shape:
        return f"drops every error with `{shape}`"
    return "handles every error the same way"
