"""RA236 cache-misuse: a read-through cache whose accessor stores the entry in Redis with no expiry."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.expiry import EXPIRE_CALLS, EXPIRY_KWARGS
from ...model.app import is_test_path
from ...model.resilience.calls import store_op
from ...model.resilience.trace import argument_for
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
        RA235's.) When the accessor takes the lifetime as a parameter defaulting to None
        (`async def set(self, key, value, ttl=None)` ... `ex=ttl`), the fill that leaves it out
        (`await self._cache.set(key, summary)`) is cited instead: other callers give a lifetime.
        Also a Redis `set` of a key from one of the module's key builders (`eta_key(voyage.id)`) with
        no expiry, where another `set` of the module writes that builder's keys with one: the entries
        were given a lifetime, and this write leaves it out (claims with `nx=` are not counted).

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
                    if write is None and (left := _expiry_left_out(model, fq, fill, callee)) is not None:
                        yield self._left_out_finding(model, fq, (facts.path, read, fill), callee, *left)
                    if write is None or (callee, write.site.line) in done:
                        continue
                    done.add((callee, write.site.line))
                    yield self._finding(model, fq, (facts.path, read, fill), callee, write)
        yield from self._builder_left_out(model, done)

    def _builder_left_out(self, model, done: set[tuple[str, int]]) -> Iterator[Finding]:
        """A Redis `set` whose key comes from a key builder of its module (`eta_key(v.id)`) with no
        expiry, where another `set` of the module writes keys from that builder with one: the
        project gave these entries a lifetime, and this write leaves it out."""
        for module, writes in sorted(_builder_writes(model).items()):
            timed = {builder: site for builder, site, _fq, expiring in writes if expiring}
            for builder, site, fq, expiring in writes:
                if expiring or builder not in timed or (fq, site.line) in done or _expires_in(model, fq):
                    continue
                done.add((fq, site.line))
                yield self._builder_finding(model, fq, site, builder, timed[builder])

    def _builder_finding(self, model, fq: str, site, builder: str, timed) -> Finding:
        path, name = model.functions[fq][0].path, fq.rsplit(".", 1)[-1]
        description = (
            f"`{name}` writes a Redis key built by `{builder}()` with no expiry, while the same keys are written "
            f"with one at line {timed.line}: the entries this write leaves behind are served until something "
            "deletes them (a value nobody recomputes any more stays current for good), and the keyspace only grows.")
        return self.finding(
            Location(path, site.line, site.end_line), f"`{builder}()` entry written without its expiry in `{name}`",
            description, related=[Location(path, timed.line, timed.end_line, "the same key written with an expiry")],
            recommendation="Give this write the lifetime the other write of the key uses, e.g. "
                           "`await redis.set(key, value, ex=ttl)`.")

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

    def _left_out_finding(self, model, caller: str, where: tuple[str, int, int], callee: str, write,
                          param: str) -> Finding:
        path, read, fill = where
        cpath = model.functions[callee][0].path
        name, user = callee.rsplit(".", 1)[-1], caller.rsplit(".", 1)[-1]
        description = (
            f"`{user}` fills a read-through cache (read at line {read}) through `{name}`, which takes the entry's "
            f"lifetime as `{param}` (default None: no expiry) and this fill leaves it out: the value is served "
            "until something deletes it, so changes to the source made elsewhere are never seen, and the keyspace "
            "only grows."
        )
        return self.finding(
            Location(path, fill, fill), f"Cache filled without `{param}` in `{user}`: the entry never expires",
            description,
            related=[Location(path, read, read, "the cache read"),
                     Location(cpath, write.site.line, write.site.end_line, f"`{param}` is the write's expiry")],
            recommendation=f"Pass the lifetime the value may be stale for, e.g. `{name}(key, value, {param}=300)`.")


def _expiry_left_out(model, fq: str, line: int, callee: str):
    """(write, parameter) when the accessor writes Redis with its own parameter as the expiry
    (`set(key, value, ttl=None)` ... `redis.set(key, data, ex=ttl)`), that parameter defaults to
    None (no expiry), and the fill on `line` does not pass it: other callers may give a lifetime,
    this one leaves the entry forever."""
    edges = model.edges.get(callee, ())
    writes = [e for e in edges if store_op(e) in _SETS]
    if len(writes) != 1 or any(store_op(e) in EXPIRE_CALLS for e in edges):
        return None
    site, func = writes[0].site, model.functions[callee][1]
    given = [v for k, v in site.kwargs.items() if k in EXPIRY_KWARGS] + list(site.args[2:3])
    ref = given[0].get("ref") if len(given) == 1 and isinstance(given[0], dict) else None
    param = next((p for p in func.params if p.name == ref and p.has_default and p.default is None), None)
    fill = next((e for e in model.edges.get(fq, ())
                 if e.site.line == line and model.callee_function(e.target) == callee), None)
    if param is None or fill is None or fill.site.star_args or argument_for(fill.site, func, param.name, False)[1]:
        return None
    return writes[0], param.name


def _builder_writes(model) -> dict[str, list[tuple[str, object, str, bool]]]:
    """Per module: (key builder, site, function, sets an expiry?) for each plain Redis `set` whose key
    is the result of a call (`set(eta_key(v.id), value)`); claims (`nx=`/`xx=`) are left out, their
    expiry is a lock's lease rather than a cache entry's lifetime."""
    found: dict[str, list[tuple[str, object, str, bool]]] = {}
    for fq, facts, _func in model.iter_functions():
        if is_test_path(facts.path):
            continue
        for edge in model.edges.get(fq, ()):
            site = edge.site
            key = site.args[0] if site.args else None
            if store_op(edge) == "set" and isinstance(key, dict) and key.get("call") \
                    and not {"nx", "xx", "get"} & set(site.kwargs):
                found.setdefault(facts.module, []).append((key["call"], site, fq, _sets_expiry(site)))
    return found


def _expires_in(model, fq: str) -> bool:
    """The function sets a lifetime on a key itself (`expire`, `setex`)."""
    return any(store_op(e) in EXPIRE_CALLS for e in model.edges.get(fq, ()))


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
