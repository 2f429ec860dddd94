"""RA322 deadlock: two locks of one per-key family nested in the order the caller's arguments give."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts.types import FunctionFacts
from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._lockgraph import Acquire, lock_graph
from ._locks import handed_out

_ORDERING = re.compile(r"\b(?:sorted|min|max)\s*\(|\.sort\s*\(")


@register
class KeyedLocksInCallerOrder(Rule):
    """Two locks of one per-key family (`locks.hold(f"user:{a}")`, then `locks.hold(f"user:{b}")`)
    taken nested in the order the arguments arrive in, not in a fixed order.

    What it finds:
        A `with`/`async with` on a lock handed out per key by a registry (a helper returning
        `self._locks.setdefault(key, Lock())`, a context manager around one, a wrapper building
        the key) nested inside another lock of the same family, the two keys built the same way from
        two different values (`f"user:{follower_id}"` and `f"user:{followee_id}"`). Not reported when
        the function puts the keys in order first (`sorted`, `min`/`max`), or when the keys come from
        different namespaces (`f"user:{a}"` then `f"post:{b}"`: never one lock).

    Why it matters:
        The pair is the classic transfer deadlock: A follows B (locking A, then B) while B follows A
        (locking B, then A); each task holds one lock and waits forever for the other. With
        `asyncio.Lock` nothing times out, and every later request for either key queues behind them.

    Example:
        async with user_locks.hold(f"user:{follower_id}"):
            async with user_locks.hold(f"user:{followee_id}"):
                ...

    Instead:
        Take both in one global order:

            low, high = sorted((follower_id, followee_id))
            async with user_locks.hold(f"user:{low}"), user_locks.hold(f"user:{high}"):
                ...
    """

    id = "RA322"
    name = "keyed-locks-in-caller-order"
    category = "deadlock"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        graph = lock_graph(ctx)
        ctx.examine("nested locks of one keyed family", len(graph.keyed_pairs))
        seen: set[tuple[str, int]] = set()
        for acquire in graph.keyed_pairs:
            facts, func = ctx.model.functions[acquire.function]
            keys = _keys(ctx, facts.path, func, acquire)
            here = (acquire.where.path, acquire.where.start_line)
            if keys is None or here in seen or _orders_keys(ctx, facts.path, func):
                continue
            seen.add(here)
            yield self._finding(acquire, keys)

    def _finding(self, acquire: Acquire, keys: tuple[int, str, str]) -> Finding:
        outer_line, first, second = keys
        description = (
            f"`{short(acquire.function)}` takes the `{acquire.outer.short}` lock for `{first}` at line "
            f"{outer_line} and, still holding it, the lock of the same family for `{second}` at line "
            f"{acquire.where.start_line}, in the order the arguments arrive. A concurrent call with the two "
            "values swapped takes them in the other order: each task holds one lock and waits forever for "
            "the other.")
        recommendation = (
            "Order the keys before locking, so every caller takes them in one global order:\n\n"
            "    low, high = sorted((a, b))\n"
            "    async with <lock for low>, <lock for high>:\n        ...")
        related = [Location(acquire.start.path, outer_line, outer_line, f"`{first}` locked first")]
        return self.finding(Location(acquire.where.path, acquire.where.start_line, acquire.where.end_line),
                            f"Two `{acquire.outer.short}` locks taken in argument order in "
                            f"`{short(acquire.function)}`", description, related=related,
                            recommendation=recommendation)


def _keys(ctx: ProjectContext, path: str, func: FunctionFacts, acquire: Acquire) -> tuple[int, str, str] | None:
    """(the outer `with` line, the two keys as written) when the keys are built the same way (the
    same f-string prefix, or both bare names) from different values."""
    inner_line = acquire.where.start_line
    inner = _entry(func, inner_line)
    outers = [w["line"] for w in func.extra.get("withs", ())
              if w["expr"] == inner and w["line"] < inner_line <= w["end"]] if inner is not None else []
    if not outers:
        return None
    keys = [_key(ctx.model.line_text(path, line), inner) for line in (max(outers), inner_line)]
    if keys[0] is None or keys[1] is None or keys[0] == keys[1] or _namespace(keys[0]) != _namespace(keys[1]):
        return None
    return max(outers), keys[0], keys[1]


def _entry(func: FunctionFacts, line: int) -> str | None:
    """The one lock-handing call (`user_locks.hold()`) or lock-table subscript (`_locks.[]`)
    entered by the `with` on `line`."""
    entries = [w["expr"] for w in func.extra.get("withs", ())
               if w["line"] == line and handed_out(w["expr"])]
    return entries[0] if len(entries) == 1 else None


def _key(text: str, entry: str) -> str | None:
    """The single argument of the call (`hold(f"user:{a}")`), or the subscript of a lock table
    (`_locks[a]`), as written: an f-string with a placeholder, or a name."""
    head, opening, closing = (entry[:-3], r"\[", r"\]") if entry.endswith(".[]") else (entry[:-2], r"\(", r"\)")
    found = re.search(re.escape(head) + opening + r"\s*(f\"[^\"]*\{[^\"]*\"|f'[^']*\{[^']*'|\w+)\s*" + closing, text)
    return found.group(1) if found else None


def _namespace(key: str) -> str:
    return key.partition("{")[0] if "{" in key else ""


def _orders_keys(ctx: ProjectContext, path: str, func: FunctionFacts) -> bool:
    return any(_ORDERING.search(ctx.model.line_text(path, line)) for line in range(func.line, func.end_line + 1))
