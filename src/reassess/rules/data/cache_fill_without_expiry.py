"""RA236 cache-misuse: a read-through cache whose accessor stores the entry in Redis with no expiry."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.expiry import EXPIRE_CALLS, EXPIRY_KWARGS
from ...model.app import is_test_path
from ...model.resilience.calls import store_op
from ..api import ProjectContext, Rule, register

# the writes that may leave an entry without a lifetime
_SETS = frozenset({"set", "hset", "mset", "hmset"})


@register
class CacheFillWithoutExpiry(Rule):
    """A cache filled on a miss through the project's own cache accessor, which writes Redis without a TTL.

    What it finds:
        A function that reads a project cache's accessor (`cached = await self._cache.get_arrivals(
        stop_id)`), tests it for a miss, loads the value from the source and fills the cache
        through the paired accessor (`await self._cache.put_arrivals(stop_id, rows)`), where that
        accessor writes Redis with `set`/`hset` and no `ex=`/`px=`/`exat=` (or a third argument),
        and calls no `expire`: the entry never expires. Cited at the write in the accessor; the
        read-through in the caller is a related location. (Reads and writes in one function are
        RA235's.)

    Why it matters:
        The caller treats the store as a cache of a source it can read again, but the entry is
        served until something deletes it: when the source changes without going through this
        code, or stops being updated (a stop no longer served), the stale value is answered for
        good, and the keyspace only grows.

    Example:
        async def put_arrivals(self, stop_id: str, arrivals: list[dict]) -> None:
            await self._redis.set(_key(stop_id), json.dumps(arrivals))

    Instead:
        Give the entry the lifetime the cache was built for:

            await self._redis.set(_key(stop_id), json.dumps(arrivals), ex=self._ttl_s)
    """

    id = "RA236"
    name = "cache-fill-without-expiry"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        done: set[tuple[str, int]] = set()
        for fq, (facts, func) in sorted(model.functions.items()):
            fills = func.extra.get("read_through_fills") or ()
            if not fills or is_test_path(facts.path):
                continue
            for read, fill in fills:
                for callee in _callees_at(model, fq, fill):
                    write = _unexpiring_write(model, callee)
                    if write is None or (callee, write.site.line) in done:
                        continue
                    done.add((callee, write.site.line))
                    yield self._finding(model, fq, (facts.path, read, fill), callee, write)

    def _finding(self, model, caller: str, where: tuple[str, int, int], callee: str, write) -> Finding:
        path, read, fill = where
        cpath = model.functions[callee][0].path
        name, user = callee.rsplit(".", 1)[-1], caller.rsplit(".", 1)[-1]
        description = (
            f"`{user}` uses `{name}` to fill a read-through cache (read at line {read}, filled on a miss at line "
            f"{fill}), but `{name}` writes the Redis entry with no expiry: the value is served until something "
            "deletes it, so changes to the source made elsewhere (or a source that stops updating) are never seen, "
            "and the keyspace only grows."
        )
        return self.finding(
            Location(cpath, write.site.line, write.site.end_line),
            f"Cache entry written without an expiry in `{name}`", description,
            related=[Location(path, read, read, "the cache read"), Location(path, fill, fill, "the fill on a miss")],
            recommendation="Set a lifetime on the write, e.g. `await redis.set(key, value, ex=ttl)`, chosen for "
                           "how stale the value may be.")


def _callees_at(model, fq: str, line: int) -> list[str]:
    """The project functions the calls on `line` of `fq` run (the accessor that fills the cache)."""
    return [callee for edge in model.edges.get(fq, ()) if edge.site.line == line
            and (callee := model.callee_function(edge.target)) in model.functions]


def _unexpiring_write(model, fq: str):
    """The accessor's Redis write edge that sets no expiry, when nothing in it expires the key."""
    edges = model.edges.get(fq, ())
    if any(store_op(e) in EXPIRE_CALLS for e in edges):
        return None
    writes = [e for e in edges if store_op(e) in _SETS and not _sets_expiry(e.site)]
    return writes[0] if len(writes) == 1 else None


def _sets_expiry(site) -> bool:
    """A third positional argument, an expiry keyword, or `**options` that may hold one."""
    return len(site.args) > 2 or site.star_args or any(k in EXPIRY_KWARGS for k in site.kwargs)
