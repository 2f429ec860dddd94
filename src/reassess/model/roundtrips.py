"""Where the code leaves the process (a query, a cache command, an HTTP request), which
functions reach such a call through project calls, and which loops run one per item.

Answered once per run from the call graph: the direct round trips are found by target
name (knowledge/queries.py), the functions that reach them by one `model.reach`, and the
loops by reading each call site's enclosing loops from the facts.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..facts import fallbacks, loopexit
from ..facts.extract import OFFLOADERS
from ..facts.types import CallSite, FunctionFacts, ModuleFacts
from ..knowledge.queries import TRIP_METHODS, RoundTrip, query_object_call, round_trip
from .data_loops import data_loop
from .http_wrappers import through_http_wrappers, url_from_helper
from .origins import arguments_for
from .named_queries import NamedQuery, named_statement
from .sql_wrappers import statement_of, through_sql_wrappers
from .statements import Statement, is_served_path
from .trip_records import LoopQuery, TripSite

# Moved out of this module; still imported from here elsewhere (a redundant alias marks a re-export).
from .data_loops import graph_walk as graph_walk

if TYPE_CHECKING:
    from .project import Edge, ProjectModel

_MAX_HOPS = 3
_THIN_LINES = 25
_GETTER = re.compile(r"^_?(get|fetch|load|find|list|count|query|select|read|lookup|resolve|exists|has|is|check|"
                     r"retrieve|search)(_|$)", re.I)


def trip_sites(model: "ProjectModel", statements_at: dict[tuple[str, int], list[Statement]],
               named: dict[str, list[NamedQuery]] | None = None) -> dict[str, list[TripSite]]:
    """Every round trip per function, with its SQL or ORM statement when it can be placed
    (`named`: the .sql blocks a query object's methods run, named_queries.py)."""
    out: dict[str, list[TripSite]] = {}
    trips: dict[str, RoundTrip | None] = {}  # per external name: the same few recur at every call
    queries: dict[str, tuple[Statement | None, RoundTrip] | None] = {}  # per query-object method, likewise
    for fq, edges in model.edges.items():
        for edge in edges:
            site = _trip_site(model, fq, edge, statements_at, named or {}, trips, queries)
            if site is not None:
                out.setdefault(fq, []).append(site)
    through_sql_wrappers(model, out, statements_at)
    through_http_wrappers(model, out)
    return out


def _trip_site(model: "ProjectModel", fq: str, edge: "Edge", statements_at: dict[tuple[str, int], list[Statement]],
               named: dict[str, list[NamedQuery]], trips: dict[str, RoundTrip | None],
               queries: dict[str, tuple[Statement | None, RoundTrip] | None]) -> TripSite | None:
    """The round trip one call makes: a known client call with its statement, or a project
    helper handed a client; None for anything else."""
    facts, func = model.functions[fq]
    name = edge.target.name
    trip = _known_trip(trips, name) if edge.target.kind == "external" else None
    if trip is not None and trip.method == "merge" and edge.site.kwargs.get("load") is False:
        return None  # `merge(obj, load=False)` attaches a known object without asking the database
    if trip is None:
        return _handed(model, facts, func, fq, edge.site, trips) if edge.site.args else None
    found = _named_trip(queries, named, name, trip)
    if found is not None:  # `queries.get_user(conn, id=...)`: the block named so in a .sql file
        stmt, trip = found
    else:
        stmt = statement_of(facts, func, fq, edge.site, statements_at)
    url = url_from_helper(model, fq, edge.site) if trip.kind == "http" else None
    return TripSite(fq, facts.path, edge.site, edge.target.name, trip, stmt, url=url)


def _known_trip(trips: dict[str, RoundTrip | None], name: str) -> RoundTrip | None:
    """`round_trip(name)`, asked once per external name in a run."""
    if name not in trips:
        trips[name] = round_trip(name)
    return trips[name]


def _named_trip(queries: dict[str, tuple[Statement | None, RoundTrip] | None], named: dict[str, list[NamedQuery]],
                name: str, trip: RoundTrip) -> tuple[Statement | None, RoundTrip] | None:
    """The .sql block a query-object method runs and its round trip (a `*!` block runs once per
    parameter set: the batched form), None when `name` is no query-object method; asked once per
    external name in a run, as `_known_trip` is."""
    if name not in queries:
        queries[name] = None
        if query_object_call(name):
            stmt, suffix = named_statement(named, name) or (None, "")
            queries[name] = (stmt, replace(trip, batched=True) if suffix == "*!" else trip)
    return queries[name]


def _handed(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, fq: str, site: CallSite,
            trips: dict[str, RoundTrip | None]) -> TripSite | None:
    """`await self._breaker.call(self._http.get, f"/parcels/{ref}")`: a client method handed as
    the first argument to a call that invokes it with the rest (a breaker, a retry wrapper) is a
    round trip made here, with those arguments. Threads (to_thread, executors) are left out:
    their callable is recorded as an offloaded call of its own."""
    first = site.args[0] if site.args and not site.offloaded else None
    ref = first.get("ref", "") if isinstance(first, dict) else ""
    if "." not in ref or ref.rsplit(".", 1)[-1] not in TRIP_METHODS or (site.func and site.func[-1] in OFFLOADERS):
        return None
    found = model.resolver.type_of_chain(facts, func, tuple(ref.split(".")))
    if found is None or found[0] not in ("ext", "ext_instance", "ext_result"):
        return None
    name = found[1]
    trip = _known_trip(trips, name)
    if trip is None:
        return None
    inner = CallSite(tuple(ref.split(".")), site.line, site.end_line, site.col, awaited=site.awaited,
                     loop_line=site.loop_line, loop_iter=site.loop_iter, args=site.args[1:], kwargs=site.kwargs,
                     none_kwargs=site.none_kwargs)
    return TripSite(fq, facts.path, inner, name, trip, None, via=site)


def reaching(model: "ProjectModel", trips: dict[str, list[TripSite]]) -> dict[str, list["Edge"]]:
    """For each function that makes (seed) or reaches a per-item round trip, the shortest
    chain of non-offloaded project calls to the function that makes it."""
    seeds = {fq: True for fq, sites in trips.items() if any(t.per_item for t in sites)}
    return model.reach(seeds, lambda edge: not edge.site.offloaded)


def loop_queries(model: "ProjectModel", trips: dict[str, list[TripSite]], chains: dict[str, list["Edge"]],
                 skip_paths: bool = True) -> list[LoopQuery]:
    """Loops (over data, not constants; never `while`) whose body runs a round trip per item.
    One record per loop: the first call in it that leads to the trip."""
    found: dict[tuple[str, int], LoopQuery] = {}
    for fq in sorted(model.edges):
        facts, func = model.functions[fq]
        if skip_paths and not is_served_path(facts.path):
            continue
        loops = func.extra.get("loops", {})
        if not loops:
            continue
        direct = {id(t.via or t.site): t for t in trips.get(fq, ()) if t.per_item}
        for edge in model.edges_with_property_reads(fq):  # `item.owner` may query per item
            site = edge.site
            if not site.loop_line or site.offloaded:
                continue
            hit = _leads_to_trip(model, edge, direct, chains, trips)
            loop_line = _item_loop(model, fq, loops, site) if hit is not None else 0
            if loop_line:
                info = loops[loop_line]
                _keep(found, LoopQuery(fq, facts.path, loop_line, info.get("end", loop_line), info["kind"],
                                       info.get("iter"), info.get("target", ""), site, *hit))
    return [found[k] for k in sorted(found)]


def _item_loop(model: "ProjectModel", fq: str, loops: dict[int, dict], site: CallSite) -> int:
    """The line of the data loop whose every turn makes the call (0: none)."""
    # the iterable of a loop (`async for x in self.poll()`) runs once, before the loop's turns
    # (the extractor records it under the enclosing loop: `for s in await names(peer):` in a loop over peers)
    header = site.line in loops and (site.used_as in ("for", "async-for") or site.loop_line != site.line)
    loop_line = data_loop(model, fq, {k: v for k, v in loops.items() if k < site.line}
                           if header else loops, site.line)
    if not loop_line or loopexit.within(loops[loop_line].get("once", ()), site.line, site.col):
        return 0  # `if found: await save(found); break`: once per loop, not once per item
    if loopexit.within(loops[loop_line].get("memo", ()), site.line, site.col):
        return 0  # `if key not in cache: cache[key] = await load(key)`: once per shared key (facts/memo.py)
    return loop_line


def _keep(found: dict[tuple[str, int], LoopQuery], query: LoopQuery) -> None:
    """One record per loop: the first call that leads to a trip, unless a later one is better
    evidence (see `_better_evidence`); the other calls are kept beside it."""
    key = (query.function, query.loop_line)
    earlier = found.get(key)
    if earlier is None:
        found[key] = query
    elif query.site.line != earlier.site.line:
        if _better_evidence(query, earlier):
            query.also = [earlier, *earlier.also]
            earlier.also = []
            found[key] = query
        else:
            earlier.also.append(query)


_ORM_READS = frozenset({"get", "scalar", "scalars", "get_one", "first", "one", "one_or_none"})


def _reads_by_key(trip: TripSite) -> bool:
    """A query that reads (a SELECT, an ORM `get`): the lookup a batch form replaces."""
    if trip.statement is not None:
        return trip.statement.kind == "select"
    return trip.trip.kind == "orm" and trip.trip.method in _ORM_READS


def _better_evidence(query: LoopQuery, than: LoopQuery) -> bool:
    """Of two per-item calls in one loop, a read query made as directly is the one to cite over an
    earlier write or remote call: fetching each item's row is the N+1 a batch lookup removes, while
    per-item writes and requests to per-item URLs are often the loop's purpose or cannot be batched.
    Of two reads, one made in the loop itself beats one a helper makes further down."""
    if not _reads_by_key(query.trip):
        return False
    return query.hops < than.hops if _reads_by_key(than.trip) else query.hops <= than.hops


def _leads_to_trip(model: "ProjectModel", edge: "Edge", direct: dict[int, TripSite],
                   chains: dict[str, list["Edge"]], trips: dict[str, list[TripSite]]
                   ) -> tuple[list["Edge"], TripSite] | None:
    if id(edge.site) in direct:
        return [], direct[id(edge.site)]
    callee = model.callee_function(edge.target)
    if not callee or callee not in chains:
        return None
    rest = _past_fallbacks(model, edge, callee, chains, trips)
    if rest is None:
        return None
    chain = [edge, *rest]
    if not _plausible_chain(model, chain):
        return None
    last = chain[-1]
    end_fn = model.callee_function(last.target)
    return (chain, trip) if (trip := _main_trip(model, end_fn, trips)) is not None else None


def _main_trip(model: "ProjectModel", fq: str, trips: dict[str, list[TripSite]]) -> TripSite | None:
    """The per-item round trip of `fq` to cite: the first one every call makes, before one made
    only when an optional parameter is passed (`if before: await session.get(...)`)."""
    sites = [t for t in trips.get(fq, ()) if t.per_item]
    func = model.functions[fq][1] if fq in model.functions else None
    usual = [t for t in sites if func is None or not fallbacks.optional(func, t.site.line)]
    return (usual or sites or [None])[0]


def _past_fallbacks(model: "ProjectModel", edge: "Edge", callee: str, chains: dict[str, list["Edge"]],
                    trips: dict[str, list[TripSite]]) -> list["Edge"] | None:
    """The callee's way down to a round trip that this call can run: a lookup a function makes
    only while a parameter is None (`grants if grants is not None else await load(id)`) is
    skipped by a caller that passes it, so another way down is taken, or none (None)."""
    rest = _first_way(model, callee, chains)
    if not any(model.functions[fq][1].extra.get("absent_only")
               for fq in [callee, *(e.caller for e in rest)]):
        return rest
    return _way_down(model, edge, callee, chains, trips, 1)


def _first_way(model: "ProjectModel", callee: str, chains: dict[str, list["Edge"]]) -> list["Edge"]:
    """The callee's shortest way down to a round trip, through a call every run makes when its
    way goes through a branch, at every hop: `read_by_name(...)` made on each call, then
    `create(...)` only inside `if not found:`, cites the read (`reach` breaks ties by name)."""
    rest = chains[callee]
    if not rest:
        return rest
    func = model.functions[callee][1]
    first = rest[0]
    if _in_branch(func, first.site.line):
        steady = [e for e in model.edges.get(callee, ()) if (fq := model.callee_function(e.target)) in chains
                  and fq != callee and len(chains[fq]) < len(rest) and not _in_branch(func, e.site.line)]
        first = min(steady, key=lambda e: e.site.line, default=first)
    below = model.callee_function(first.target)
    return [first, *(_first_way(model, below, chains) if below in chains else rest[1:])]


def _in_branch(func: FunctionFacts, line: int) -> bool:
    """`line` lies in the body or the `else` of an `if`: it runs only on some calls."""
    for block in [*func.extra.get("blocks", ()), *func.extra.get("sync_ifs", ())]:
        if block["kind"] != "if":
            continue
        if block["line"] < line <= block["end"] or block.get("else_line", 0) <= line <= block.get("else_end", 0):
            return True
    return False


def _way_down(model: "ProjectModel", edge: "Edge", callee: str, chains: dict[str, list["Edge"]],
              trips: dict[str, list[TripSite]], depth: int) -> list["Edge"] | None:
    func = model.functions[callee][1]
    supplied: set[str] = set()
    if func.extra.get("absent_only"):
        supplied = {p.name for p, value in zip(func.params, _passed(func, edge)) if value is not None}

    def runs(site: CallSite) -> bool:
        return not supplied or not fallbacks.within(func, supplied, site.line, site.col)

    if any(t.per_item and runs(t.site) for t in trips.get(callee, ())):
        return []
    if depth >= _MAX_HOPS:
        return None
    first = _first_way(model, callee, chains)[:1]
    for inner in [*first, *(e for e in model.edges.get(callee, ()) if e not in first)]:
        target = model.callee_function(inner.target)
        if not target or target not in chains or target == callee or not runs(inner.site):
            continue
        below = _way_down(model, inner, target, chains, trips, depth + 1)
        if below is not None:
            return [inner, *below]
    return None


def _passed(func: FunctionFacts, edge: "Edge") -> list[Any]:
    """The value `edge` passes for each parameter of `func` (None where it passes none)."""
    return [value for _, value in (next(arguments_for((edge,), func, index)) for index in range(len(func.params)))]


def _plausible_chain(model: "ProjectModel", chain: list["Edge"]) -> bool:
    """A per-item lookup, not a per-item workflow: at most `_MAX_HOPS` calls down, and past
    the first hop only through small functions or getters."""
    if len(chain) > _MAX_HOPS:
        return False
    for edge in chain[1:]:
        _, func = model.functions[edge.caller]
        if func.code_lines > _THIN_LINES and not _GETTER.match(func.name):
            return False
    return True


