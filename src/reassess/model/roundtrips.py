"""Where the code leaves the process (a query, a cache command, an HTTP request), which
functions reach such a call through project calls, and which loops run one per item.

Answered once per run from the call graph: the direct round trips are found by target
name (knowledge/queries.py), the functions that reach them by one `model.reach`, and the
loops by reading each call site's enclosing loops from the facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..facts import fallbacks, loopexit
from ..facts.extract import OFFLOADERS
from ..facts.types import CallSite, FunctionFacts, ModuleFacts
from ..knowledge.queries import TRIP_METHODS, RoundTrip, query_object_call, round_trip
from ..knowledge.queues import MESSAGE_STREAM_ITERATORS
from ..knowledge.retry import SLEEPS
from ..knowledge.servers import SOCKET_STREAMS
from .origins import arguments_for
from .routing import HTTP_VERBS
from .named_queries import NamedQuery, named_statement
from .statements import Statement, is_served_path

if TYPE_CHECKING:
    from .project import Edge, ProjectModel

_RETRY_TARGET = re.compile(r"^_?(attempt|attempts|retry|retries|try|tries|n_?try|i_?try)\d*$", re.I)
_PAGED = re.compile(r"(^|_)(page|pages|chunk|chunks|batch|batches|segment|offset|offsets|cursor|window|slice)s?($|_)",
                    re.I)
# `list_for_window(...)`, `rows_in_batch(...)`: the paging word names the filter of a call returning rows, not pages
_FILTERED_BY = re.compile(r"_(for|in|by|of|within|per|during|over)_(\w+_)?(page|chunk|batch|segment|cursor|window|"
                          r"slice)s?($|_)", re.I)
# `for sub in page:` walks the rows of one fetched page: a trip per row is per item, as in any data loop
_ONE_PAGE = re.compile(r"^_?(current_|this_|next_)?page$", re.I)
_CHUNKERS = frozenset({"chunked", "batched", "partition", "grouper"})
_BODY = ("json", "data", "content", "params")
_MAX_HOPS = 3
_THIN_LINES = 25
_GETTER = re.compile(r"^_?(get|fetch|load|find|list|count|query|select|read|lookup|resolve|exists|has|is|check|"
                     r"retrieve|search)(_|$)", re.I)


# schemas of the database's own catalog: asking them about a table is schema management, not data
_CATALOG_SCHEMAS = ("information_schema.", "pg_catalog.", "sys.")
_READ_FROM = re.compile(r"\b(?:from|join)\s+([\w.\"`]+)", re.I)


def _catalog_only(sql: str) -> bool:
    """Every table the statement reads is in the catalog (`FROM information_schema.statistics`): a
    migration step asking whether an index exists, run once per table it manages."""
    read = [name.strip('"`').lower() for name in _READ_FROM.findall(sql)]
    return bool(read) and all(name.startswith(_CATALOG_SCHEMAS) or name == "sqlite_master" for name in read)


def _path_of(url: str) -> str:
    """The URL without its scheme and authority: `http://127.0.0.1:{}/health` -> `/health`. A field in
    the host or port picks another server per item (a readiness poll of each worker): no batch
    endpoint can answer for them all, unlike a field in the path."""
    scheme, sep, rest = url.partition("://")
    if not sep or "{" in scheme:
        return url
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else ""


@dataclass(frozen=True)
class TripSite:
    """A call that makes a round trip, in the function that makes it."""

    function: str
    path: str
    site: CallSite
    target: str
    trip: RoundTrip
    statement: Statement | None = None
    via: CallSite | None = None  # the call it is handed to as a callable (`breaker.call(http.get, url)`)
    url: Any = None  # the URL a project helper builds (`self._url(key)` -> its f-string), when the call passes one

    @property
    def per_item(self) -> bool:
        """Whether running it once per item is an N+1: not already a batch, and for HTTP only
        calls to one endpoint with the item in the URL (different URLs cannot be batched)."""
        if self.trip.batched or (self.statement is not None and self.statement.batch):
            return False
        if self.trip.kind == "sql":  # SQL we cannot read (built at run time, DDL) has no batched form
            return self.statement is not None and self.statement.kind in ("select", "insert", "update", "delete") \
                and not _catalog_only(self.statement.text)
        if self.trip.kind == "http":
            url = self.url if self.url is not None else url_arg(self.site)
            text = url.get("fstring", "") if isinstance(url, dict) else ""
            if isinstance(url, str):  # one fixed endpoint, the item in the body: `post("/v1/push", json=...)`
                return url.startswith("/") and any(_carries_data(self.site.kwargs.get(k)) for k in _BODY)
            return "{}" in _path_of(text).removeprefix("{}")  # a leading field is the base URL, not the item
        return True


@dataclass
class LoopQuery:
    """A loop whose body runs a round trip once per item (directly or through calls)."""

    function: str
    path: str
    loop_line: int
    loop_end: int
    loop_kind: str  # "for", "comp"
    iterable: Any
    target: str  # loop variable(s)
    site: CallSite  # the call in the loop that leads to the round trip
    chain: list["Edge"]  # edges from the loop's call down to the function that makes the trip
    trip: TripSite
    also: list["LoopQuery"] = field(default_factory=list)  # the records of further calls in the same loop that do too

    @property
    def others(self) -> list[CallSite]:
        """The calls of `also`: further calls in the same loop that make a trip too."""
        return [query.site for query in self.also]

    @property
    def hops(self) -> int:
        return len(self.chain)


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
    _through_wrappers(model, out, statements_at)
    _through_http_wrappers(model, out)
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
        stmt = _statement_of(facts, func, fq, edge.site, statements_at)
    url = _url_from_helper(model, fq, edge.site) if trip.kind == "http" else None
    return TripSite(fq, facts.path, edge.site, edge.target.name, trip, stmt, url=url)


def url_arg(site: CallSite) -> Any:
    """The URL an HTTP client call passes: the first argument, the second for `request(method, url)`."""
    if site.func and site.func[-1] == "request":
        return site.args[1] if len(site.args) > 1 else site.kwargs.get("url")
    return site.args[0] if site.args else site.kwargs.get("url")


def _url_from_helper(model: "ProjectModel", fq: str, site: CallSite) -> Any:
    """`session.head(self._url(key))`: the f-string a project helper builds the URL with
    (`return f"{self._base}/{key}"`), so a request per key reads as the per-item request it is;
    None when the URL is not such a call."""
    url = url_arg(site)
    name = url.get("call") if isinstance(url, dict) else None
    helper = next((model.callee_function(e.target) for e in model.edges.get(fq, ())
                   if name and e.site.line == url.get("line") and e.site.name == name), "")
    built = model.functions[helper][1].returns_values if helper in model.functions else []
    return built[0] if len(built) == 1 and isinstance(built[0], dict) and "fstring" in built[0] else None


def _param_index(func: FunctionFacts, name: str | None) -> int:
    """The index of parameter `name` among `func`'s positional arguments (`self`/`cls` not
    counted), else -1."""
    if not name or "." in name:
        return -1
    params = [p for p in func.params if p.kind in ("posonly", "pos")]
    if params and func.class_name and params[0].name in ("self", "cls"):
        params = params[1:]
    return next((i for i, p in enumerate(params) if p.name == name), -1)


def _url_param(func: FunctionFacts, site: CallSite) -> int:
    """The index among `func`'s own arguments of the parameter an HTTP call passes as its URL
    (`self._http.get(path)` in `def _get(self, path)`), else -1."""
    url = url_arg(site)
    name = url.get("ref") if isinstance(url, dict) else None
    return _param_index(func, name)


def _through_http_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]]) -> None:
    """A project function that passes its URL parameter to the HTTP client (`_get(path)`,
    `_request(method, path)`) requests the URL its caller writes: the caller's call, or the call
    it is handed to (`breaker.call(self._get, f"/pair/{base}")`), is that round trip, to that URL."""
    wrappers = _http_wrappers(model, out)
    for fq, wrapper in wrappers.items():
        for edge in model.callers.get(fq, ()):
            if edge.target.kind == "function" and not edge.site.offloaded and edge.caller not in wrappers:
                _forwarded(model, edge.caller, edge.site, edge.site.args, wrapper, None, out)
    if wrappers:
        _handed_to_wrappers(model, wrappers, out)


_HttpWrapper = tuple[TripSite, int, str]  # the wrapper's request, its URL parameter's position and name


def _http_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]]) -> dict[str, _HttpWrapper]:
    """Functions whose HTTP request takes its URL from a parameter: fq -> that wrapper."""
    wrappers: dict[str, _HttpWrapper] = {}
    for fq, sites in out.items():
        func = model.functions[fq][1]
        for trip in sites:
            index = _url_param(func, trip.site) if trip.trip.kind == "http" and trip.via is None else -1
            if index >= 0:
                wrappers.setdefault(fq, (trip, index, url_arg(trip.site)["ref"]))
    return wrappers


def _handed_to_wrappers(model: "ProjectModel", wrappers: dict[str, _HttpWrapper],
                        out: dict[str, list[TripSite]]) -> None:
    """`breaker.call(self._get, f"/pair/{base}")`: a wrapper handed as the first argument to a
    call that invokes it with the rest requests the URL among the rest."""
    names = {fq.rsplit(".", 1)[-1] for fq in wrappers}
    for fq, edges in model.edges.items():
        if fq in wrappers:
            continue
        for edge in edges:
            first = edge.site.args[0] if edge.site.args and not edge.site.offloaded else None
            ref = first.get("ref", "") if isinstance(first, dict) else ""
            if ref.rsplit(".", 1)[-1] not in names:
                continue
            facts, func = model.functions[fq]
            found = model.resolver.type_of_value(facts, func, first, 1)
            if found is not None and found[0] == "function" and found[1] in wrappers:
                _forwarded(model, fq, edge.site, edge.site.args[1:], wrappers[found[1]], edge.site, out)


def _forwarded(model: "ProjectModel", fq: str, site: CallSite, args: tuple, wrapper: _HttpWrapper,
               via: CallSite | None, out: dict[str, list[TripSite]]) -> None:
    """Record the wrapper's request as a round trip of the call that passes it a URL (by
    position or by the parameter's name)."""
    inner, index, name = wrapper
    url = args[index] if len(args) > index and not (index and site.star_args) else site.kwargs.get(name)
    if url is None:
        return
    # the wrapper's own verb (`self._http.post(path)` forwards a POST); `request(method, url)` with
    # the URL moved first reads as a GET, its method being unknown here
    verb = inner.site.func[-1] if inner.site.func[-1] in HTTP_VERBS else "get"
    kwargs = {k: v for k, v in site.kwargs.items() if k != name}
    kwargs.update(_forwarded_body(model, inner, site, args, kwargs))
    shifted = CallSite(inner.site.func[:-1] + (verb,), site.line, site.end_line, site.col, awaited=site.awaited,
                       loop_line=site.loop_line, loop_iter=site.loop_iter, args=(url,),
                       kwargs=kwargs, none_kwargs=site.none_kwargs - {name})
    facts = model.functions[fq][0]
    out.setdefault(fq, []).append(TripSite(fq, facts.path, shifted, inner.target, inner.trip, None,
                                           via=via or site))


def _forwarded_body(model: "ProjectModel", inner: TripSite, site: CallSite, args: tuple,
                    given: dict[str, Any]) -> dict[str, Any]:
    """The body or query the wrapper forwards from another parameter (`client.get(path, params=params)`
    in `_get(self, path, params)`), as its caller passes it: `{"resource": resource_id}` carries the item."""
    wrapper = model.functions[inner.function][1]
    out: dict[str, Any] = {}
    for key, value in inner.site.kwargs.items():
        if key not in _BODY or key in given or not (isinstance(value, dict) and set(value) == {"ref"}):
            continue
        position = _param_index(wrapper, value["ref"])
        passed = args[position] if 0 <= position < len(args) and not site.star_args else site.kwargs.get(value["ref"])
        if passed is not None:
            out[key] = passed
    return out


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


def _sql_param(func: FunctionFacts, site: CallSite) -> int:
    """The index among `func`'s own arguments of the parameter a call passes as its SQL text
    (`await conn.fetchrow(query, *args)` in `def fetchrow(self, query, *args)`), else -1."""
    first = site.args[0] if site.args else site.kwargs.get("query") or site.kwargs.get("statement")
    name = first.get("ref") if isinstance(first, dict) else None
    return _param_index(func, name)


def _through_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]],
                      statements_at: dict[tuple[str, int], list[Statement]]) -> None:
    """A project function that only forwards its SQL parameter to the driver (`Database.fetchrow(query,
    *args)`) runs the statement its caller writes: the caller's call is that round trip, with that
    statement. Wrappers of wrappers are followed to a small depth."""
    wrappers = _sql_wrappers(model, out)
    for _ in range(3):
        found: dict[str, tuple[TripSite, int]] = {}
        for fq, (inner, index) in wrappers.items():
            for edge in model.callers.get(fq, ()):
                if edge.target.kind == "function" and not edge.site.offloaded:
                    forwarded = _wrapper_call(model, edge, inner, index, out, statements_at)
                    if forwarded >= 0 and edge.caller not in wrappers:
                        found.setdefault(edge.caller, (inner, forwarded))
        if not found:
            return
        wrappers = found


def _sql_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]]) -> dict[str, tuple[TripSite, int]]:
    """Functions whose SQL round trip runs a parameter: fq -> (that trip, the parameter's position)."""
    wrappers: dict[str, tuple[TripSite, int]] = {}
    for fq, sites in out.items():
        func = model.functions[fq][1]
        for trip in sites:
            if trip.statement is None and trip.trip.kind == "sql":
                index = _sql_param(func, trip.site)
                if index >= 0:
                    wrappers.setdefault(fq, (trip, index))
    return wrappers


def _wrapper_call(model: "ProjectModel", edge, inner: TripSite, index: int, out: dict[str, list[TripSite]],
                  statements_at: dict[tuple[str, int], list[Statement]]) -> int:
    """One call of a wrapper: a round trip of the caller when it passes a statement it writes
    (recorded in `out`, -1 returned), else the position of the caller's own parameter it passes
    on (the caller wraps too), else -1."""
    facts, func = model.functions[edge.caller]
    site = edge.site
    arg = site.args[index] if len(site.args) > index and (index == 0 or not site.star_args) else None
    shifted = CallSite(site.func, site.line, site.end_line, site.col, args=(arg,) if arg else ())
    stmt = _statement_of(facts, func, edge.caller, site if index == 0 else shifted, statements_at)
    if stmt is not None:
        out.setdefault(edge.caller, []).append(TripSite(edge.caller, facts.path, site, inner.target, inner.trip, stmt))
        return -1
    return _sql_param(func, shifted) if arg is not None else -1


def _statement_of(facts: ModuleFacts, func: FunctionFacts, fq: str, site: CallSite,
                  statements_at: dict[tuple[str, int], list[Statement]]) -> Statement | None:
    """The statement a call runs: written inside the call, or bound to the name it passes."""
    for line in range(site.line, site.end_line + 1):
        for stmt in statements_at.get((facts.path, line), ()):
            if stmt.function == fq or not stmt.function:
                return stmt
    first = site.args[0] if site.args else site.kwargs.get("query") or site.kwargs.get("statement")
    if isinstance(first, dict) and "ref" in first and "." not in first["ref"]:
        name = first["ref"]
        value = func.local_types.get(name)
        if isinstance(value, dict) and value.get("line"):
            return _first_at(statements_at, facts.path, value["line"], fq)
        assign = facts.assigns.get(name)
        if assign is not None:
            for line in range(assign.line, (assign.end_line or assign.line) + 1):
                found = _first_at(statements_at, facts.path, line, "")
                if found is not None:
                    return found
        if isinstance(value, str):  # `sql = "SELECT ..."` earlier in the same function
            for line in range(func.line, func.end_line + 1):
                for stmt in statements_at.get((facts.path, line), ()):
                    if stmt.function == fq and stmt.text.strip() and stmt.text.strip() in value:
                        return stmt
    return None


def _first_at(statements_at: dict[tuple[str, int], list[Statement]], path: str, line: int,
              fq: str) -> Statement | None:
    for stmt in statements_at.get((path, line), ()):
        if not fq or stmt.function == fq or not stmt.function:
            return stmt
    return None


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
    loop_line = _data_loop(model, fq, {k: v for k, v in loops.items() if k < site.line}
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


def _data_loop(model: "ProjectModel", fq: str, loops: dict[int, dict], line: int) -> int:
    """The innermost loop around `line` that iterates over data (0 when every enclosing loop
    is a `while` (or a count of steps the body ends early), a retry loop (also one trying the next
    candidate after a unique-key collision), a paging loop, a polling loop, a consumer of a
    message stream or a loop over a constant)."""
    facts, func = model.functions[fq]
    enclosing = sorted((start for start, info in loops.items() if start <= line <= info.get("end", start)),
                       reverse=True)
    for start in enclosing:
        info = loops[start]
        if info["kind"] == "while" and _drains(func, info, start):
            return start
        if info["kind"] == "while" or info.get("capped") or _bounded(model, facts, func, info, start) \
                or _polls(model, fq, info, start) or _message_stream(info) \
                or _socket_messages(model, facts, func, info):
            continue  # `capped`: `for step in range(max_steps): ... break`, a `while` with a cap (facts)
        if info.get("retry"):
            continue  # `except IntegrityError: continue` then `return`: a turn per refused candidate (facts)
        return start
    return 0


def _message_stream(info: dict) -> bool:
    """`async for message in pubsub.listen():`: a consumer of messages that arrive one at a time,
    like a `while True` reading a queue; what one turn sends cannot be batched with the next."""
    it = info.get("iter")
    return bool(info.get("async")) and isinstance(it, dict) and \
        str(it.get("call", "")).rsplit(".", 1)[-1] in MESSAGE_STREAM_ITERATORS


def _socket_messages(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, info: dict) -> bool:
    """`async for msg in ws:` over an aiohttp websocket (`web.WebSocketResponse`, a client's
    `ws_connect`): each turn is a message the peer sent, handled as it arrives."""
    it = info.get("iter")
    ref = it.get("ref") if info.get("async") and isinstance(it, dict) else None
    if not isinstance(ref, str) or "." in ref:
        return False
    found = model.resolver.type_of_name(facts, func, ref)
    return found is not None and found[1] in SOCKET_STREAMS


def _polls(model: "ProjectModel", fq: str, info: dict, line: int) -> bool:
    """`for _ in range(n): ...; await asyncio.sleep(3)`: a count of turns whose number is never
    read, paced by a sleep, repeats the same work over time (a poll or a retry), item by item
    over nothing; like a `while` loop, not a loop over data."""
    if not info.get("unused"):
        return False
    end = info.get("end", line)
    return any(edge.target.name in SLEEPS and line < edge.site.line <= end for edge in model.edges.get(fq, ()))


def _drains(func: FunctionFacts, info: dict, line: int) -> bool:
    """`while pending: item = pending.pop()`: a loop that works through a local collection
    one item per turn iterates over data as surely as a `for` does."""
    test = info.get("iter")
    name = test.get("ref", "") if isinstance(test, dict) else ""
    if not name.isidentifier():
        return False
    end = info.get("end", line)
    return any(site.func == (name, verb) and line < site.line <= end
               for site in func.calls for verb in ("pop", "popleft"))


def graph_walk(func: FunctionFacts, info: dict, line: int) -> str:
    """`while stack: node = stack.pop()` ... `stack.append(child)`: a drained work list the body
    feeds with what each turn finds, a walk over a graph (children, references, links). Each
    turn's round trip depends on the previous one's result, so the turns cannot be batched per
    item as a `for` over known keys can. Returns the work list's name ("" for any other loop)."""
    if info.get("kind") != "while" or not _drains(func, info, line):
        return ""
    name = info["iter"]["ref"]
    end = info.get("end", line)
    fed = any(site.func == (name, verb) and line < site.line <= end
              for site in func.calls for verb in ("append", "extend", "appendleft", "add"))
    return name if fed else ""


def _carries_data(value: Any) -> bool:
    """A request body built from names (the item), not a constant payload."""
    if isinstance(value, dict):
        return "ref" in value or "call" in value or any(
            isinstance(item, list) and len(item) == 2 and _carries_data(item[1]) for item in value.get("items", ()))
    return False


def _bounded(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, info: dict, line: int) -> bool:
    """A loop over a literal, a module constant, an enum, `range(<literal>)`, retry attempts,
    pages/chunks or an endless `itertools.count()` tick: the number of round trips does not
    grow with the data."""
    target = info.get("target", "")
    if _RETRY_TARGET.match(target) or any(_PAGED.search(part) for part in target.split(",") if part):
        return True
    return _bounded_value(model, facts, func, info.get("iter"), line, depth=0)


def _bounded_value(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, value: Any,
                   line: int, depth: int) -> bool:
    if depth > 3:
        return False
    if isinstance(value, (list, str)):
        return True
    if not isinstance(value, dict):
        return False
    if "literal" in value:
        return value["literal"] in ("tuple", "list", "set", "dict") and 0 <= value.get("size", -1) <= 20
    if "ref" in value:
        name = value["ref"]
        tail = name.rsplit(".", 1)[-1]
        if _PAGED.search(tail) and not _ONE_PAGE.match(tail):
            return True
        return _constant_ref(model, facts, func, name, depth)
    if "call" in value:
        name = value["call"]
        tail = name.rsplit(".", 1)[-1]
        if tail in ("items", "keys", "values") and "." in name:
            return _constant_ref(model, facts, func, name.rsplit(".", 1)[0], depth)
        site = _call_at(func, value.get("line", line), tail) if func else None
        if tail == "range" and site is not None:
            if _strided(site):
                return True
            return bool(site.args) and all(_fixed_count(model, facts, func, a, line, depth) for a in site.args)
        if tail in ("enumerate", "sorted", "reversed", "list", "tuple", "set", "zip") and site is not None \
                and site.args:
            return all(_bounded_value(model, facts, func, a, line, depth + 1) for a in site.args)
        if tail == "cast" and site is not None and len(site.args) == 2:  # `cast(list[Block], [A, B, C])`
            return _bounded_value(model, facts, func, site.args[1], line, depth + 1)
        if (_PAGED.search(tail) and not _FILTERED_BY.search(tail)) or tail in _CHUNKERS:
            return True
        if _counter(facts, name):
            return True  # `for cycle in itertools.count():` is a polling loop, like `while True`
        return _fixed_listing(model, facts, func, name, depth)
    return False


def _fixed_listing(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, name: str,
                   depth: int) -> bool:
    """`for key, cls in get_builtin_evaluators():` where the project function takes nothing and
    returns a comprehension over a module constant (`[(c.key, c) for c in _REGISTRY.values()]`):
    the loop walks what the code registered, as a loop over that constant itself would."""
    callee = model.resolver.project_function(facts, func, tuple(name.split(".")))
    if not callee or callee not in model.functions:
        return False
    owner, target = model.functions[callee]
    if target.params or not target.returns_values:
        return False
    return all(isinstance(v, dict) and "over" in v
               and _bounded_value(model, owner, target, v["over"], v["over"].get("line", target.line)
                                  if isinstance(v["over"], dict) else target.line, depth + 1)
               for v in target.returns_values)


def _fixed_count(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, value: Any, line: int,
                 depth: int) -> bool:
    """A bound of `range()` fixed by the code: a literal, a constant, or the length of a fixed
    collection (`range(len(Priority))` over an Enum class's members, `len(KINDS)`)."""
    if isinstance(value, int):
        return True
    if not isinstance(value, dict):
        return False
    if "ref" in value:
        return _constant_ref(model, facts, func, value["ref"], depth)
    site = _call_at(func, value.get("line", line), "len") if func and value.get("call") == "len" else None
    return site is not None and len(site.args) == 1 and _bounded_value(model, facts, func, site.args[0], line,
                                                                         depth + 1)


def _strided(site: CallSite) -> bool:
    """`range(0, len(rows), BATCH)`: a step other than 1 walks a collection chunk by chunk, one
    round trip per chunk of items (the batching itself, like a loop over `chunks`)."""
    if len(site.args) != 3:
        return False
    step = site.args[2]
    return not (isinstance(step, int) and abs(step) <= 1) and not (isinstance(step, dict) and "literal" in step)


def _counter(facts: ModuleFacts, name: str) -> bool:
    """`itertools.count()` (or `count()` imported from itertools): an endless tick counter."""
    if name == "itertools.count":
        return True
    return name == "count" and any(i.module == "itertools" and i.name == "count" and i.bound == "count"
                                   for i in facts.imports)


def _call_at(func: FunctionFacts, line: int, tail: str) -> CallSite | None:
    for site in func.calls:
        if site.line == line and site.func and site.func[-1] == tail:
            return site
    return None


_GROWS = frozenset({"append", "appendleft", "extend", "insert", "add", "update"})


def _grown(func: FunctionFacts, name: str) -> bool:
    """The local literal gets more items later in the function: its written-out size bounds nothing."""
    return any(site.func and len(site.func) == 2 and site.func[0] == name and site.func[1] in _GROWS
               for site in func.calls)


def _built_from_literal(model: "ProjectModel", module: str, value: Any) -> bool:
    """A module constant bound at import to what a project function without parameters returns,
    and that is a literal or a comprehension over one (`REGISTRY = _build()` where `_build` returns
    `{cls.kind: cls for cls in (A, B, C)}`): its size is fixed by the code, not by data."""
    name = value.get("call", "") if isinstance(value, dict) else ""
    if not name or "." in name:
        return False
    binding = model.bindings.get(module, {}).get(name)
    fq = binding.target if binding is not None else f"{module}.{name}"
    func = model.functions[fq][1] if fq in model.functions else None
    if func is None or func.params or not func.returns_values:
        return False
    return all(_fixed_literal(v) for v in func.returns_values)


def _fixed_literal(value: Any, depth: int = 0) -> bool:
    """A written-out collection of at most 20 items, or a comprehension over one."""
    if not isinstance(value, dict) or depth > 2:
        return False
    if "over" in value:
        return _fixed_literal(value["over"], depth + 1)
    return value.get("literal") in ("tuple", "list", "set", "dict") and 0 <= value.get("size", -1) <= 20


def _constant_ref(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, name: str,
                  depth: int) -> bool:
    """A name bound to a literal collection: a local literal, an UPPER_CASE module constant or
    class attribute, or an Enum class."""
    if not name:
        return False
    parts = name.split(".")
    if func is not None and len(parts) == 1 and name in func.local_types:
        value = func.local_types[name]
        # `rows = []` filled further down is data, not a constant: only a written-out literal bounds a loop
        literal = isinstance(value, dict) and value.get("literal") in ("tuple", "list", "set")
        if isinstance(value, dict) and value.get("call", "").rsplit(".", 1)[-1] == "cast":
            # `kinds = cast(list[type[Block]], [A, B, C])`: the literal under the type hint
            return _bounded_value(model, facts, func, value, value.get("line", 0), depth + 1)
        if literal and _grown(func, name):
            return False  # `docs = [await inbox.get()]`, then `docs.append(...)` while more is waiting: data
        return (isinstance(value, list) and bool(value)) or (literal and 0 < value.get("size", -1) <= 20)
    found = model.resolver.type_of_chain(facts, func, tuple(parts)) if parts[0] else None
    if found and found[0] == "class":
        return model.is_enum(found[1])
    tail = parts[-1]
    if tail.isupper() or tail.lstrip("_").isupper():
        module = model.modules.get(facts.module)
        assign = module.assigns.get(tail) if module and len(parts) == 1 else None
        owner = facts.module  # where the constant is bound: here, or the module it is imported from
        if assign is None and len(parts) == 1:
            binding = model.bindings.get(facts.module, {}).get(tail)
            target = binding.target if binding is not None else ""
            owner, _, attr = target.rpartition(".")
            assign = model.modules[owner].assigns.get(attr) if owner in model.modules else None
        if assign is not None:
            return _bounded_value(model, facts, None, assign.value, assign.line, depth + 1) or (
                isinstance(assign.value, dict) and assign.value.get("literal") == "dict") or \
                _built_from_literal(model, owner, assign.value)
        return len(parts) > 1  # Class.CONSTANT / module.CONSTANT: a constant by convention
    return False
