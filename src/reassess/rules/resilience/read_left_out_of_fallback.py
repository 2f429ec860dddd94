"""RA413 no-fallback: a read left out of the degraded answer the project gives for the same dependency."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from ...findings import Finding, Location
from ...knowledge.exceptions import is_broad
from ...model.app import is_test_path
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import catches, store_op
from ...model.resilience.guards import resolved_name
from ..api import ProjectContext, Rule, register
from ._deps import fetches, groups, raised_below, reported_entries, values_gather
from ._helpers import through_helpers

_ENTRY_KINDS = frozenset({"http", "websocket", "worker", "task", "job"})
_REQUEST_KINDS = frozenset({"http", "websocket"})
# store commands that fetch a value the caller goes on with
_STORE_READS = frozenset({"get", "hget", "hgetall", "hmget", "mget", "zrange", "zrevrange", "zrangebyscore",
                          "zrevrangebyscore", "zscore", "zrank", "zrevrank", "smembers", "sismember", "lrange",
                          "exists", "json.get"})
# the writes that store a value back
_CACHE_FILLS = frozenset({"set", "setex", "hset", "hmset", "mset", "json.set"})


@register
class ReadLeftOutOfFallback(Rule):
    """A read of a dependency whose failure escapes, while the project degrades the same dependency's other reads.

    What it finds:
        A call whose answer is used - a method of a project client wrapping a remote service, or
        a Redis read - with nothing around it (at the call or on the way to its request, worker
        or job) catching the dependency's errors, when the project already treats that
        dependency as optional elsewhere: another method of the same client, or the same method at
        another call site, is called with a handler for its errors (the library's, or the project
        exception the client raises for them), another read of the same Redis connection in the same class falls back to an
        answer loaded elsewhere (a snapshot, the database; a handler that only logs and backs off
        retries the same store and does not count), or the read is a read-through cache (the
        value is tested for a miss and, on a miss, loaded and written back under the same key, or
        loaded by a call that rebinds the value read, `raw = await self._rebuild(day)`, whatever
        fills the store; a write queued on a pipeline of the connection, `async with
        self._redis.pipeline() as pipe: pipe.hset(key, ...)`, fills it too).
        Redis as the place the data lives (a queue, a dedupe marker, a token, a checkpoint, a
        counter, an idempotency record stored after creating something) has no source to fall
        back to and is left alone. A project cache's accessors read and filled the same way
        (`cached = await self._cache.get_arrivals(stop)` ... `await self._cache.put_arrivals(stop,
        rows)`, the accessor reading Redis) count as a read-through of that store. A catch-all `except Exception` in a worker's loop does not
        count: it drops the whole cycle; a call gathered with `return_exceptions=True` comes back
        as a value and does not escape.

    Why it matters:
        The project already decided this dependency can be down without taking the feature down
        (a cached copy, a snapshot, a default). The read left out turns the same outage into a 500
        or an aborted worker cycle, and a cache outage fails reads the database could serve.

    Example:
        try:
            window = await self.redis.zrevrange(key, 0, 10)
        except RedisError:
            return await self._snapshot(mode)
        ...
        entries = await self.redis.zrevrange(key, 0, limit - 1)  # no fallback here

    Instead:
        Give the read the same degraded answer as its siblings:

            try:
                entries = await self.redis.zrevrange(key, 0, limit - 1)
            except RedisError:
                return await self._snapshot(mode)
    """

    id = "RA413"
    name = "read-left-out-of-fallback"
    category = "no-fallback"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        seen: set[tuple[str, int]] = set()
        for site, sibling, what, library in [*_client_reads(model), *_store_reads(model)]:
            key = (site[0], site[1])
            if key in seen:
                continue
            seen.add(key)
            yield self._finding(site, sibling, what, library)

    def _finding(self, site, sibling, what: str, library: str) -> Finding:
        path, line, end = site
        if sibling is None:
            reason = ("the read is a read-through cache (a miss is loaded from the source and stored back), so "
                      "the source can answer when the cache is down")
            related = []
        else:
            reason = f"{what} at {sibling[0]}:{sibling[1]} is caught and degraded"
            related = [Location(*sibling, "the same dependency's failure handled here")]
        description = (f"A failure of this {library} read escapes to its caller unhandled, while {reason}: this "
                       "call was left out of the fallback, so the same outage fails the request or aborts the "
                       "worker's cycle here.")
        recommendation = ("Catch the dependency's errors around this read and answer the way the project already "
                          "does elsewhere (a cached copy, a snapshot, the source of truth, a default).")
        return self.finding(Location(path, line, end), f"{library} read left out of its fallback", description,
                            related=related, recommendation=recommendation)


# ----- reads of project clients ---------------------------------------------------------------------
def _client_reads(model) -> Iterator[tuple]:
    """Uses of a client method whose failure escapes, when another method of the same client is
    called with a handler for that failure."""
    for group in groups(model):
        asked = None  # (sites RA412 cites, read methods) of the group, once a client of it is handled
        for owner in sorted({_owner(c) for c in group.calls} - {""}):
            if owner not in model.classes:
                continue
            uses = _client_uses(model, owner)
            raised = _client_errors(model, owner)
            handled = {t: e for t, e in uses if _reads(e) and _handled_on_way(model, e, raised, group.library)}
            if handled:
                asked = asked or (_covered_sites(model, group), _read_methods(model, group))
                yield from _left_out_uses(model, group.library, uses, handled, raised, *asked)


def _left_out_uses(model, library: str, uses: list, handled: dict, raised: set[str], covered: set[int],
                   reads: set[str]) -> Iterator[tuple]:
    """The awaited reads among a client's `uses` whose failure escapes, beside the `handled` ones: another
    method of the client, or the very same one called with a fallback at another site (`lane_rate` caught
    and answered with default rates in one service method, left bare in the next)."""
    other, there = min(handled.items())
    for target, edge in uses:
        if handled.get(target) is edge or target not in reads or id(edge.site) in covered \
                or not _awaited_read(edge) or _caught_here(model, edge, raised, library):
            continue
        reached = _escaped_to(model, edge, raised, library)
        if target in handled:  # a request's read only: a worker making it (a refresher, a poller) feeds the fallback
            if reached & _REQUEST_KINDS:
                yield _span(model, edge), _span(model, handled[target]), "the same call", library
        elif reached & _ENTRY_KINDS:
            yield _span(model, edge), _span(model, there), f"`{other.rsplit('.', 1)[-1]}` of the same client", library


def _covered_sites(model, group) -> set[int]:
    """Call sites on the request chains RA412 reports for the group (it names those already), with
    its lift of a request helper only handed to a breaker or retry wrapper to the methods handing it on."""
    entries = reported_entries(model, group, group.calls)
    if not entries and (lifted := through_helpers(model, group.calls, least=1)) is not group.calls:
        entries = reported_entries(model, group, lifted)
    return {id(edge.site) for _entry, chain in entries for edge in chain}


def _read_methods(model, group) -> set[str]:
    """The functions whose calls of the group, reached with their failure not handled on the
    way, all fetch data (a GET, a search): a degraded answer exists for a failed read, while a
    failed write can only be reported."""
    reached: dict[str, list[bool]] = {}
    lifted = through_helpers(model, group.calls, least=1)
    for call in {id(c): c for c in [*group.calls, *lifted] if not c.handled}.values():
        for fq in model.reach({call.fq: None}, lambda _edge: True):
            reached.setdefault(fq, []).append(fetches(call))
    return {fq for fq, kinds in reached.items() if all(kinds)}


def _owner(call) -> str:
    if not call.func.class_name:
        return ""
    return f"{call.facts.module}.{call.func.class_name}"


def _client_uses(model, owner: str) -> list[tuple[str, object]]:
    """(method fq, call edge) for each call of a public method of `owner` from outside the class."""
    out = []
    for method in sorted(model.classes[owner][1].methods):
        if method.startswith("_"):
            continue
        target = f"{owner}.{method}"
        for edge in model.callers.get(target, ()):
            facts = model.functions[edge.caller][0]
            if is_test_path(facts.path) or edge.caller.startswith(owner + "."):
                continue
            out.append((target, edge))
    return sorted(out, key=lambda item: (item[1].caller, item[1].site.line))


def _reads(edge) -> bool:
    """The call's answer is used (not a statement of its own)."""
    return not (edge.site.discarded or edge.site.await_dropped)


def _awaited_read(edge) -> bool:
    """`x = await client.m(...)`: awaited where it is made (not handed to a task or a gather,
    nor made in a nested function written to be fanned out)."""
    return _reads(edge) and edge.site.used_as == "await" and ".<locals>." not in edge.caller


# ----- handlers --------------------------------------------------------------------------------------
def _client_errors(model, owner: str) -> set[str]:
    """The project exceptions the client class raises for its dependency's failures, in any of
    its methods (a translation in a shared helper reached through a breaker counts for all)."""
    return {name for method in model.classes[owner][1].methods if f"{owner}.{method}" in model.functions
            for name in raised_below(model, f"{owner}.{method}")}


def _caught_here(model, edge, raised: set[str], library: str, specific: bool = False,
                 degraded: bool = False) -> bool:
    """A handler around the call site catches the library's errors or one of the project
    exceptions `raised` for them (a catch-all only when `specific` is off; with `degraded`, only
    a handler that answers instead of raising), or a `suppress` wraps it."""
    facts, func = model.functions[edge.caller]
    line = edge.site.line
    tracer = analysis(model).tracer
    for block in blk.enclosing(func, line, "try"):
        for handler in blk.handlers_of(func, block["line"]):
            types = handler.get("types") or []
            if (specific and is_broad(types)) or (degraded and blk.handler_reraises(func, handler)):
                continue
            if is_broad(types) or catches(tracer, facts, func, types, library) or any(
                    _covers(model, resolved_name(model, facts, func, t), raised) for t in types):
                return True
    return any("suppress" in (b.get("expr") or "") for b in blk.enclosing(func, line, "with"))


def _covers(model, caught: str, raised: set[str]) -> bool:
    """`caught` is one of the raised classes or a project base class of one."""
    return any(caught == name or caught in model.mro(name) for name in raised if name in model.classes)


def _handled_on_way(model, edge, raised: set[str], library: str) -> bool:
    """The use's failure is caught and answered (not raised again) at the call or by a caller a
    few calls up."""
    if _caught_here(model, edge, raised, library, degraded=True):
        return True
    frontier, seen = [edge.caller], {edge.caller}
    for _ in range(3):
        following = []
        for fq in frontier:
            for up in model.callers.get(fq, ()):
                if _caught_here(model, up, raised, library, specific=True, degraded=True):
                    return True
                if up.caller not in seen:
                    seen.add(up.caller)
                    following.append(up.caller)
        frontier = following
    return False


def _escapes(model, edge, raised: set[str], library: str) -> bool:
    """The failure reaches a request, worker or job entry with no handler naming it on the way."""
    return bool(_escaped_to(model, edge, raised, library) & _ENTRY_KINDS)


def _escaped_to(model, edge, raised: set[str], library: str) -> set[str]:
    """The kinds of the entries (request, worker, job...) the failure reaches with no handler naming
    it on the way (a catch-all in a loop drops the whole cycle, not just this read)."""
    def follow(up) -> bool:
        if not up.site.awaited and model.functions[up.caller][1].is_async or _gathered_as_values(model, up):
            return False  # a coroutine handed on (to a gather, a task): whoever awaits it decides
        return not _caught_here(model, up, raised, library, specific=True) and not _broad_outside_loop(model, up)

    chains = model.reach({edge.caller: None}, follow)
    return {e.kind for e in model.app.entrypoints if e.function in chains}


def _gathered_as_values(model, edge) -> bool:
    """The call is one of a `gather(..., return_exceptions=True)`: its failure comes back as a
    value the caller counts or drops, it does not propagate."""
    return values_gather(model.functions[edge.caller][1], edge.site.line) is not None


def _broad_outside_loop(model, edge) -> bool:
    """A catch-all around the call that is not a loop's per-cycle catch-all: the caller chose to
    give up on the whole call."""
    func = model.functions[edge.caller][1]
    loop = edge.site.loop_line
    return any(is_broad(h.get("types") or []) for block in blk.enclosing(func, edge.site.line, "try")
               if not (loop and block["line"] > loop) for h in blk.handlers_of(func, block["line"]))


def _span(model, edge) -> tuple[str, int, int]:
    return model.site_path(edge), edge.site.line, edge.site.end_line


# ----- store (Redis) reads ---------------------------------------------------------------------------
def _store_reads(model) -> Iterator[tuple]:
    """Unhandled Redis reads in a read-through cache, or beside a read of the same connection in
    the same class that falls back."""
    for fq, edges in sorted(model.edges.items()):
        if is_test_path(model.functions[fq][0].path):
            continue
        for edge in edges:
            if not _reads(edge) or _caught_here(model, edge, set(), "redis"):
                continue
            counts, sibling = _left_out(model, fq, edge)
            if counts and _escapes(model, edge, set(), "redis"):
                yield _span(model, edge), sibling, "another read of the same connection", "redis"


def _left_out(model, fq: str, edge) -> tuple[bool, object]:
    """Whether an unhandled store read counts, and the sibling read of the connection that falls
    back (None when none does): a Redis read beside such a sibling or in a read-through cache, or
    a project cache accessor's call (reading Redis inside) in a read-through cache."""
    if store_op(edge) in _STORE_READS:
        sibling = _handled_store_read(model, fq, edge) or _degrading_wrapper_read(model, fq, edge) \
            if _write_back(model, fq, edge) != "state" else None
        return sibling is not None or _fills_later(model, fq, edge) or _reloads_on_miss(model, fq, edge), sibling
    return _fills_later(model, fq, edge) and _wrapped_store_read(model, edge), None


def _wrapped_store_read(model, edge) -> bool:
    """A call of a project cache's accessor that reads the store and lets its failure out
    (`cached = await self._cache.get_arrivals(stop_id)` over `await self._redis.get(key)`)."""
    callee = model.callee_function(edge.target)
    return bool(callee) and callee in model.functions and any(
        store_op(e) in _STORE_READS and _reads(e) and not _caught_here(model, e, set(), "redis")
        for e in model.edges.get(callee, ()))


def _receiver(edge) -> tuple:
    return tuple(edge.site.func[:-1]) if edge.site.func else ()


def _fills_later(model, fq: str, edge) -> bool:
    """A read-through cache: the value read is tested for a miss and, on a miss, loaded from
    elsewhere and written back under the same key (see `facts/readthrough.py`)."""
    return edge.site.line in model.functions[fq][1].extra.get("read_through", ())


def _reloads_on_miss(model, fq: str, edge) -> bool:
    """The value read is tested for a miss and, on a miss, loaded from elsewhere (`raw = await
    self._rebuild(day)`, the loader filling the store): a cache the source can stand in for."""
    return edge.site.line in model.functions[fq][1].extra.get("miss_reloads", ())


def _write_back(model, fq: str, edge) -> str:
    """How the function writes the connection after the read: "" (it does not), "loaded" (after
    loading something from elsewhere: a cache fill), "state" (with nothing loaded between: a
    counter or marker kept only in the store, read, changed and written back)."""
    line = edge.site.line
    edges = model.edges.get(fq, ())
    fills = [e.site.line for e in edges if store_op(e) in _CACHE_FILLS and _receiver(e) == _receiver(edge)
             and e.site.line > line]
    if not fills:
        return ""
    loaded = any(line < e.site.line < max(fills) and e.site.awaited and not store_op(e) for e in edges)
    return "loaded" if loaded else "state"


def _handled_store_read(model, fq: str, edge):
    """Another read of the same connection, in a method of the same class, caught with a fallback
    that loads the answer from elsewhere."""
    facts, func = model.functions[fq]
    if not func.class_name:
        return None
    prefix = f"{facts.module}.{func.class_name}."
    for other in _callers_under(model, prefix):
        if other == fq:
            continue
        for e in model.edges[other]:
            if store_op(e) in _STORE_READS and _receiver(e) == _receiver(edge) and _reads(e) \
                    and _caught_here(model, e, set(), "redis") and _degrades(model, other, e):
                return _span(model, e)
    return None


def _degrading_wrapper_read(model, fq: str, edge):
    """A read on the raw client of a project cache (`self.cache.redis.lrange(...)`) whose own
    methods read that client with a fallback (`RedisCache.get_json` catching `RedisError` and
    answering a miss): the call reaches past the wrapper that makes the store optional."""
    receiver = _receiver(edge)
    if len(receiver) < 2 or receiver[0] != "self":
        return None
    facts, func = model.functions[fq]
    owner = model.resolver.type_of_chain(facts, func, receiver[:-1])
    if owner is None or owner[0] != "instance" or owner[1] not in model.classes:
        return None
    for method in _callers_under(model, owner[1] + "."):
        for e in model.edges[method]:
            if store_op(e) in _STORE_READS and _receiver(e) == ("self", receiver[-1]) and _reads(e) \
                    and _caught_here(model, e, set(), "redis") and _degrades(model, method, e):
                return _span(model, e)
    return None


def _callers_under(model, prefix: str) -> list[str]:
    """The functions with edges whose names start with `prefix`, in name order (the names are
    sorted once per run; those sharing a prefix are contiguous)."""
    names = model.memo("resilience.sorted_edge_callers", lambda: sorted(model.edges))
    start = end = bisect_left(names, prefix)
    while end < len(names) and names[end].startswith(prefix):
        end += 1
    return names[start:end]


def _degrades(model, fq: str, edge) -> bool:
    """The read's failure is answered from elsewhere: a handler around it awaits a load that is
    not the store (a snapshot, the database) or ends by returning a default (`except RedisError:
    return Decimal("1.00")`), or the read is a read-through cache whose handler lets the miss path
    load the source. A handler that only logs and backs off retries the same store: there is no
    other copy to serve."""
    func = model.functions[fq][1]
    if _fills_later(model, fq, edge):
        return True
    edges = model.edges.get(fq, ())
    for block in blk.enclosing(func, edge.site.line, "try"):
        for handler in blk.handlers_of(func, block["line"]):
            if handler.get("exit") == "return":
                return True
            if any(handler["line"] <= e.site.line <= handler["end"] and e.site.awaited and not store_op(e)
                   and e.site.func and e.site.func[-1] != "sleep" for e in edges):
                return True
    return False
