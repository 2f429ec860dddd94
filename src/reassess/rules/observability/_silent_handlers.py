"""What a handler of background code does and guards: whether it is silent (no log, no raise,
only bookkeeping or tidying up), its `try` and the calls in it, the loop around it. Shared by
RA603's checks and the error rules that judge the same handlers."""
from __future__ import annotations

from ...model.resilience import blocks as blk
from ..errors.handlers import CLEANUP_CALLS


def enclosing_loop(func, line: int) -> dict | None:
    loops = [b for b in blk.blocks(func, "loop") if b["line"] < line <= b["end"]]
    return max(loops, key=lambda b: b["line"]) if loops else None


def try_body(func, handler: dict) -> dict | None:
    """The `try` block the handler belongs to."""
    return next((b for b in blk.blocks(func, "try") if b["line"] == handler["try_line"]), None)


def try_body_calls(func, handler: dict) -> list:
    body = try_body(func, handler)
    return blk.calls_in(func, body["line"], body["end"]) if body else []


def try_calls(func, handler: dict) -> list:
    """The awaited calls of the handler's `try` body (all its calls when none is awaited)."""
    calls = try_body_calls(func, handler)
    awaited = [c for c in calls if c.awaited]
    return awaited or calls


_BOOKKEEPING = frozenset({"append", "add", "extend", "appendleft", "discard"})


def silent(func, handler: dict) -> bool:
    """No call (log, metric, callback) and no raise in the handler body. Noting the item in a
    local collection (`failed.append(recipient.id)`) is bookkeeping, not a trace: the item is
    marked, but why it failed is lost, unless the exception itself is what gets stored."""
    calls = blk.calls_in(func, handler["line"] + 1, handler["end"])
    return (all(_bookkeeping(site, handler.get("name") or "") or _tidy_up(site) for site in calls) and
            not blk.handler_reraises(func, handler))


_TIDY_UPS = CLEANUP_CALLS | {"rollback"}


def _tidy_up(site) -> bool:
    """`await session.rollback()`, `conn.close()`: undoing or closing after the failure, with no
    argument - it leaves no more trace of the failure than `pass`."""
    return bool(site.func) and len(site.func) > 1 and site.func[-1] in _TIDY_UPS and not (site.args or site.kwargs)


def _bookkeeping(site, exc_name: str) -> bool:
    """`name.append(x)` / `self._failed.add(x)` with arguments that do not carry the exception."""
    chain = tuple(site.func or ())
    if len(chain) not in (2, 3) or chain[-1] not in _BOOKKEEPING or (len(chain) == 3 and chain[0] != "self"):
        return False
    written = repr((site.args, site.kwargs))
    return not exc_name or (f"'{exc_name}'" not in written and f"'{exc_name}." not in written)
