"""Catch-alls that raise another error in place of the caught one, for RA103 (broad_except): the
expected failure's error, or one cut from its cause, hides which failure really happened."""
from __future__ import annotations

import ast

from ...facts.values import dotted_str
from ._client_errors import blames_client
from .handlers import Handler, commented, mentions


def passes_as_expected(handler: Handler) -> bool:
    """A catch-all around awaited work that raises, with no cause, the same error a narrow sibling
    raises for the failure it expects (`except CardDeclined: raise PaymentFailed("declined")`
    beside `except Exception: raise PaymentFailed("declined")`): a timeout, an outage or a bug
    reaches the caller as the expected business outcome, and nothing logs what really failed. One
    carrying the caught error's text (`raise Ambiguous(f"send failed: {exc}")`) tells them apart."""
    if not handler.try_info.awaits or handler.logs:
        return False  # the error's text in the new one (`f"send failed: {exc}"`) tells the failures apart
    own = _plain_raises(handler)
    siblings = [h for h in handler.try_info.node.handlers if h is not handler.node and h.type is not None]
    return bool(own) and any(_raised_type(n) in own for h in siblings for n in ast.walk(h)
                             if isinstance(n, ast.Raise))


def narrowed_elsewhere(handler: Handler, handlers: list[Handler]) -> Handler | None:
    """The narrow handler of another `try` in the file around the same calls that raises the same
    error (`except (KeyError, ValueError) as exc: raise InvalidBoundary(...) from exc` in
    `update_boundary`), when this catch-all turns every failure of those calls into that error
    with neither the cause nor its text (`except Exception: raise InvalidBoundary("bad shape")`):
    the module knows what the calls raise, and here a bug in them passes for bad input."""
    own = _plain_raises(handler)
    calls = set(handler.try_info.calls)
    if not handler.is_broad or handler.is_bare or handler.logs or not own or not calls \
            or handler.parses_only() or handler.cannot_fail():
        return None  # around a parse alone only bad input fails: the catch-all hides no bug
    return next((h for h in handlers if h.try_info.node is not handler.try_info.node and h.types
                 and not h.is_broad and calls <= set(h.try_info.calls)
                 and own & {_raised_type(r) for r in h.raises}), None)


def _plain_raises(handler: Handler) -> set[str]:
    """The errors the handler raises with no cause and without the caught error's text."""
    return {_raised_type(r) for r in handler.raises if r.cause is None and not mentions(r.exc, {handler.name})} - {""}


def drops_cause(handler: Handler) -> bool:
    """A catch-all around awaited work that raises `... from None` and logs nothing (`except
    Exception: raise HTTPException(503, "register unavailable") from None`): the cause is cut from
    the only exception that survives, so a conflict, an outage and a bug all reach the caller as
    the same error and no traceback is left anywhere. One carrying the caught error's text keeps
    the message at least."""
    if not handler.try_info.awaits or handler.logs or not handler.raises:
        return False
    return all(isinstance(r.cause, ast.Constant) and r.cause.value is None and r.exc is not None
               and not mentions(r.exc, {handler.name}) for r in handler.raises)


def cut_on_purpose(handler: Handler, lines: list[str]) -> bool:
    """A cause cut with a comment saying why (`# from None: the SDK's errors carry key material`):
    a decision written down (keeping secrets out of logs), not an oversight."""
    if blames_client(handler) or passes_as_expected(handler) or not drops_cause(handler):
        return False
    end = handler.node.end_lineno or handler.node.lineno
    return commented(lines, {"line": handler.node.lineno, "end": end}) or handler.explained()


def _raised_type(node: ast.Raise) -> str:
    """`raise PaymentFailed(...)` -> "PaymentFailed"; "" for a bare `raise` or a re-raised name."""
    return dotted_str(node.exc.func) if isinstance(node.exc, ast.Call) else ""
