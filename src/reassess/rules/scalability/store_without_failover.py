"""RA505 single-point-of-failure: a store the request path needs, reached through one client
configured for one host, with no failover and no degraded path."""
from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding, Location
from ...model.app import EntryPoint, Resource, is_test_path
from ...model.project import Edge, ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.guards import resolved_name
from ...model.inventories import is_health_route
from ...model.resilience.runtime import short, startup_functions
from ...model.resilience.triggers import worker_reach
from ..api import ProjectContext, Rule, register
from ._failover_examples import binding, example
from ._locks import lock_lines
from ._store_addresses import Store, package, package_failover, stores

# one connection, never re-established when the server restarts or fails over
_SINGLE_CONNECTION = frozenset({"asyncpg.connect", "psycopg.connect", "psycopg.AsyncConnection.connect",
                                "psycopg2.connect", "aio_pika.connect", "pika.BlockingConnection"})
# what a handler must catch to be a degraded path for a store outage (a builtin ConnectionError does
# not catch redis's own, but a handler written for an outage is taken at its word: silence over noise).
# A timeout alone is not: `except asyncio.TimeoutError` around `wait_for(websocket.receive_text())` is
# written for an idle client, and a refused connection (redis ConnectionError, OSError) passes through it.
_BROAD_OR_OS = frozenset({"Exception", "BaseException", "OSError", "IOError", "ConnectionError",
                          "ConnectionRefusedError", "socket.error"})
_BROAD = frozenset({"Exception", "BaseException", "builtins.Exception"})
_STORE_ROOTS = frozenset({"redis", "aioredis", "asyncpg", "sqlalchemy", "psycopg", "psycopg2", "psycopg_pool",
                          "aio_pika", "aiormq", "pika"})
_STORE_FAILURES = frozenset({
    "RedisError", "ConnectionError", "TimeoutError", "BusyLoadingError", "ClusterDownError", "MasterNotFoundError",
    "PostgresError", "InterfaceError", "PostgresConnectionError", "ConnectionDoesNotExistError",
    "CannotConnectNowError", "ConnectionFailureError", "TooManyConnectionsError", "SQLAlchemyError", "DBAPIError",
    "OperationalError", "DisconnectionError", "Error", "DatabaseError", "PoolTimeout", "AMQPError",
    "AMQPException", "AMQPConnectionError", "ConnectionClosed", "ChannelClosed", "ChannelInvalidStateError"})
_REDIS_READS = frozenset({"get", "mget", "hget", "hgetall", "hmget", "lrange", "smembers", "zrange", "exists"})
_NO_FAILOVER = {
    "redis": "No Sentinel, RedisCluster or sentinel URL appears in this package.",
    "postgres": "No second host, replica or `target_session_attrs` is configured.",
    "sql": "No second host, replica or `target_session_attrs` is configured.",
    "mysql": "No second host or failover-aware proxy is configured.",
    "amqp": "No second broker node is configured.",
}
_MAX_SHOWN = 8


@register
class StoreWithoutFailover(Rule):
    """A database, cache or broker that requests need, reached through one client to one host, with no failover.

    What it finds:
        One finding per store (Redis, PostgreSQL and other SQL databases, RabbitMQ) whose clients
        connect to exactly one host - a single URL or `host=` with no Sentinel, `RedisCluster` or
        sentinel URL in the package, no multi-host DSN, no `target_session_attrs`, no replica
        engine - when routes or websocket handlers reach calls through those clients with no
        `try/except` on the way that catches the store's failures and carries on (a cache miss
        path to the database, a default). MongoDB and Kafka clients discover their cluster from
        one seed and are not judged.
        Addresses read from the environment are reported at a lower severity: the deployment may
        point them at a highly available endpoint the code cannot show. Clients that no request
        reaches, caches with a fallback, and health checks are not reported; schedulers started
        in every process are RA504's subject. Background work the web app starts at startup
        counts when it feeds websocket clients (a pub/sub listener that fans events out to the
        sockets connected to this process): it is on the serving path although no route calls
        it, and so does a startup task that elects its leader through a lock on the store
        (`redis.lock("refresh-leader", blocking=False)`, or a lease taken with
        `set(key, token, nx=True)` in a helper) with nothing catching the store's own failures (a
        crash guard `except Exception` around the whole job does not count: the work still stops):
        with the lock's one server down no replica can take it, and the work stops everywhere at
        once. Sentinel-managed clients (`Sentinel(...).master_for(...)`) fail over by construction.

    Why it matters:
        When that one host restarts, fails over or is unreachable, every request that needs it
        fails (500s, hung sockets) although the rest of the service is healthy: the whole API's
        availability is capped by one server's. A single connection opened once (`asyncpg.connect`,
        `aio_pika.connect`) is worse: after the server comes back it stays broken until the
        process restarts.

    Example:
        redis_client = redis.from_url("redis://sessions.internal:6379/0")

        async def current_user(token: str = Cookie()):
            return await redis_client.get(f"session:{token}")  # Redis down: every route 500s

    Instead:
        Connect through the store's failover mechanism (Redis Sentinel or Cluster, a multi-host
        PostgreSQL DSN with `target_session_attrs="read-write"`), or give the callers a degraded
        path when the data can be rebuilt:

            sentinel = Sentinel([("sentinel-1", 26379), ("sentinel-2", 26379), ("sentinel-3", 26379)])
            redis_client = sentinel.master_for("sessions", socket_timeout=2)
    """

    id = "RA505"
    name = "store-without-failover"
    category = "single-point-of-failure"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 4.0
    effort_per_location = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found = stores(model)
        ctx.examine("stores", len(found))
        fallbacks = _Fallbacks(model)
        for store in found:
            if store.address.failover or package_failover(model, store):
                continue
            store.calls = _unguarded_calls(model, store, fallbacks)
            if not store.calls:
                continue
            chains = _uncaught_chains(model, store.calls, fallbacks)
            store.entries = (_request_entries(model, chains) or _listener_entries(model, chains)
                             or _coordination_entries(model, chains, store.calls, fallbacks))
            if store.entries:
                # cite the client the service keeps (built at startup, held for the process) before
                # one a handler builds for itself
                store.resources.sort(key=lambda r: not r.details.get("long_lived", True))
                yield self._finding(model, store)

    def _finding(self, model: ProjectModel, store: Store) -> Finding:
        resource = store.first
        routes = [e for e, _how, _seed in store.entries if e.kind == "http"]
        sockets = [e for e, _how, _seed in store.entries if e.kind == "websocket"]
        listeners = [e for e, _how, _seed in store.entries if e.kind not in ("http", "websocket")]
        no_reconnect = [r for r in store.resources if r.factory in _SINGLE_CONNECTION and r.details.get("long_lived")]
        severity = "HIGH" if sockets and no_reconnect else self.severity
        if not store.address.literal:
            severity = {"HIGH": "MEDIUM", "MEDIUM": "LOW"}[severity]
        return self.finding(
            Location(resource.path, resource.line, resource.details.get("end_line", resource.line)),
            f"{store.name} is a single point of failure for {_needing(routes, sockets, listeners)}",
            _description(model, store, routes, sockets, no_reconnect), severity=severity,
            related=_related(store), recommendation=_recommendation(store, no_reconnect),
        )


# ----- who needs it, with no fallback --------------------------------------------------------------
class _Fallbacks:
    """Whether a line sits where a store failure is caught and the code carries on: a try whose
    handler catches the failure (broad, OS-level or the store library's connection errors) and
    does not re-raise, or a `suppress(...)` block. Memoised per line: every store asks again."""

    def __init__(self, model: ProjectModel) -> None:
        self.model = model
        self._seen: dict[tuple[str, int], bool] = {}

    def at(self, fq: str, line: int) -> bool:
        key = (fq, line)
        if key not in self._seen:
            if fq not in self.model.functions:  # module-level code: nothing wraps it
                self._seen[key] = False
                return False
            facts, func = self.model.functions[fq]
            self._seen[key] = self._handled(facts, func, line) or any(
                expr.rsplit(".", 1)[-1] == "suppress" for expr in blk.with_exprs(func, line))
        return self._seen[key]

    def named_at(self, fq: str, line: int) -> bool:
        """The line sits in a try whose handler names a store failure (`except RedisError`, not
        `except Exception`) and does not re-raise: a path chosen for an outage, not a crash guard."""
        if fq not in self.model.functions:
            return False
        facts, func = self.model.functions[fq]
        return any(handler.get("types") and not set(handler["types"]) & _BROAD
                   for handler in self._carrying_on(facts, func, line))

    def _handled(self, facts: Any, func: Any, line: int) -> bool:
        return next(self._carrying_on(facts, func, line), None) is not None

    def _carrying_on(self, facts: Any, func: Any, line: int) -> Iterator[dict[str, Any]]:
        """The handlers around `line` that catch a store failure and do not re-raise."""
        for block in blk.enclosing(func, line, "try"):
            for handler in blk.handlers_of(func, block["line"]):
                if self._catches(facts, func, handler.get("types") or []) and not blk.handler_reraises(func, handler):
                    yield handler

    def _catches(self, facts: Any, func: Any, types: list[str]) -> bool:
        if not types:
            return True  # a bare except
        for written in types:
            name = (resolved_name(self.model, facts, func, written) or written).removeprefix("builtins.")
            if written in _BROAD_OR_OS or name in _BROAD_OR_OS:
                return True
            if name.split(".")[0] in _STORE_ROOTS and name.rsplit(".", 1)[-1] in _STORE_FAILURES:
                return True
        return False


def _unguarded_calls(model: ProjectModel, store: Store, fallbacks: _Fallbacks) -> list[dict[str, Any]]:
    """The store's operations in served code with no fallback around them."""
    out = [op for resource in store.resources for op in resource.details.get("operations", ())
           if op["function"] in model.functions and not is_test_path(op["path"])
           and not fallbacks.at(op["function"], op["line"])]
    return sorted(out, key=lambda op: (op["path"], op["line"]))


def _uncaught_chains(model: ProjectModel, calls: list[dict[str, Any]], fallbacks: _Fallbacks) -> dict[str, list[Edge]]:
    """The functions reaching the unguarded calls through calls no fallback wraps, with their chains."""
    return model.reach({op["function"]: None for op in calls},
                       lambda edge: not fallbacks.at(edge.caller, edge.site.line))


def _request_entries(model: ProjectModel, chains: dict[str, list[Edge]]) -> list[tuple[EntryPoint, str, str]]:
    """Routes and websocket handlers (health checks aside) that reach an unguarded call through
    calls no fallback wraps - directly, through a `Depends()` provider, or through a middleware of
    their package - with how they get there and the function whose store call they reach."""
    app = model.app
    middleware = {package(e.function): e.function for e in app.of_kind("middleware") if e.function in chains}
    candidates = app.entries_through(chains)
    if middleware:  # a middleware puts every route of its package on the path
        chosen = {id(e) for e in candidates}
        candidates = [e for e in app.entrypoints if id(e) in chosen
                      or (e.kind == "http" and package(e.function) in middleware)]
    health = _health_routes(model)
    out = []
    for entry in candidates:
        if entry.kind not in ("http", "websocket") or entry.function in health or is_test_path(entry.path):
            continue
        chain = chains.get(entry.function)
        if chain and chain[0].site.depends:  # the route's `Depends()` provider leads there
            dep = chain[0].target.name
            out.append((entry, f"through `Depends({short(dep)})`", _seed(model, chains[dep], dep)
                        if dep in chains else _seed(model, chain, entry.function)))
        elif entry.function in chains:
            seed = _seed(model, chains[entry.function], entry.function)
            out.append((entry, f"via `{short(seed)}`" if chains[entry.function] else "", seed))
        elif any(d in chains for d in entry.dependencies):
            dep = next(d for d in entry.dependencies if d in chains)
            out.append((entry, f"through `Depends({short(dep)})`", _seed(model, chains[dep], dep)))
        elif entry.kind == "http" and package(entry.function) in middleware:
            through = middleware[package(entry.function)]
            out.append((entry, f"through the middleware `{short(through)}`", through))
    return out


# sends on a websocket connection (starlette, aiohttp)
_WS_SENDS = frozenset({"send_text", "send_json", "send_bytes", "send_str"})


def _listener_entries(model: ProjectModel, chains: dict[str, list[Edge]]) -> list[tuple[EntryPoint, str, str]]:
    """Background work an app starts at startup (a task spawned in its lifespan) that reaches an
    unguarded call and sends what it gets to websocket clients in a loop: a pub/sub listener
    fanning events out to connected sockets is on the serving path (only the web process holds
    sockets), and when its one server is down every connected client stops receiving updates.
    Startup work that feeds no socket, and tasks a request spawns, are not counted."""
    out = []
    for entry, runs in _startup_tasks(model):
        ran = next((fq for fq in runs if fq in chains and _fans_out(model, fq)), "")
        if ran:
            out.append((entry, f"running `{short(ran)}`", _seed(model, chains[ran], ran)))
    return out


# distributed-lock calls of store clients (redis-py `Redis.lock`, `pottery.Redlock`-style helpers)
_LOCK_METHODS = frozenset({"lock"})


def _coordination_entries(model: ProjectModel, chains: dict[str, list[Edge]], calls: list[dict[str, Any]],
                          fallbacks: "_Fallbacks") -> list[tuple[EntryPoint, str, str]]:
    """Background work the app starts at startup that elects its leader (or serialises itself)
    through a lock on the store (`redis.lock("rates:refresh-leader", ...)`) with nothing catching
    the store's failures: the lock is what makes the work safe to run in every replica, and with
    its one server down no process can take it, so the work stops everywhere at once."""
    locking = {op["function"] for op in calls if op.get("method") in _LOCK_METHODS
               or op["line"] in lock_lines(model, op["function"])}  # also a lease: `set(key, token, nx=True)`
    if not locking:
        return []
    # a crash guard around the whole job is no degraded path: without the lock the work does not
    # run (`except Exception: log; retry later` around `async with leader_lease(...)`), so the
    # chains to the lock are followed through handlers, except those written for the store's own
    # failures (`except RedisError: skip this round`), which chose what an outage costs
    chains = {**model.reach({fq: None for fq in sorted(locking)},
                            lambda edge: not fallbacks.named_at(edge.caller, edge.site.line)), **chains}
    out = []
    for entry in model.app.of_kind("worker", "task"):
        ran = entry.function
        if not entry.details.get("at_startup") or ran not in chains or is_test_path(entry.path):
            continue
        seed = _seed(model, chains[ran], ran)
        if seed in locking:
            out.append((entry, f"taking its leader lock in `{short(ran)}`", seed))
    return out


def _startup_tasks(model: ProjectModel) -> list[tuple[EntryPoint, list[str]]]:
    """Tasks the app starts at startup, with what each runs: its function, or a callable the
    starting line hands it (`spawn(supervise("listener", lambda: hub.listen(redis)))`). The same
    for every store, so found once per run rather than once per store."""
    def build() -> list[tuple[EntryPoint, list[str]]]:
        serving = startup_functions(model)
        found = []
        for entry in model.app.of_kind("worker", "task"):
            starter = entry.details.get("started_in", "")
            if not entry.details.get("at_startup") or starter not in serving or is_test_path(entry.path):
                continue
            line = entry.started_at[1] if entry.started_at else -1
            found.append((entry, [entry.function] + [model.callee_function(e.target) or ""
                                                     for e in model.edges.get(starter, ()) if e.site.line == line]))
        return found
    return model.memo("store_without_failover.startup_tasks", build)


def _fans_out(model: ProjectModel, fq: str) -> bool:
    """The function, or one it runs, sends on websocket connections inside a loop."""
    for reached in sorted(worker_reach(model, fq) | {fq}):
        func = model.functions.get(reached)
        if func and any(site.loop_line and site.func and site.func[-1] in _WS_SENDS for site in func[1].calls):
            return True
    return False


def _health_routes(model: ProjectModel) -> set[str]:
    return model.memo("store_without_failover.health", lambda: {
        e.function for e in model.app.of_kind("http") if is_health_route(e.route or "")})


def _seed(model: ProjectModel, chain: list[Edge], start: str) -> str:
    """The function at the end of a chain of calls (the one making the store call)."""
    return (model.callee_function(chain[-1].target) or start) if chain else start


# ----- text --------------------------------------------------------------------------------------------
def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _needing(routes: list[EntryPoint], sockets: list[EntryPoint], listeners: list[EntryPoint] = ()) -> str:
    """"3 routes and 1 websocket handler", leaving out a kind with none."""
    parts = [_count(len(found), what) for found, what in ((routes, "route"), (sockets, "websocket handler"),
                                                          (listeners, "background listener feeding websocket clients"))
             if found]
    return " and ".join(parts)


def _shown_client(model: ProjectModel, resource: Resource) -> str:
    name = resource.binding if resource.binding and resource.binding != "<returned>" else ""
    where = f"in `{short(resource.function)}`" if resource.function in model.functions else "at module level"
    label = f"`{name}` (`{resource.factory}` {where})" if name else f"`{resource.factory}` {where}"
    return f"{label}, {resource.path}:{resource.line}"


def _description(model: ProjectModel, store: Store, routes: list[EntryPoint], sockets: list[EntryPoint],
                 no_reconnect: list[Resource]) -> str:
    many = len(store.resources) > 1
    clients = "; ".join(_shown_client(model, r) for r in store.resources)
    names = [e.name for e in routes + sockets]
    names += [f"the task started at {e.started_at[0]}:{e.started_at[1]} {how}" for e, how, _seed in store.entries
              if e.kind not in ("http", "websocket") and e.started_at]
    listed = ", ".join(names[:_MAX_SHOWN]) + (", ..." if len(names) > _MAX_SHOWN else "")
    configured = "all configured for that one server, e.g." if many else "configured for one address:"
    parts = [
        f"{store.name} is reached through {'these clients' if many else 'one client'}, {clients}, {configured} "
        f"{store.address.shown}. {_NO_FAILOVER.get(store.engine, _NO_FAILOVER[store.family])}",
        f"{_needing(routes, sockets, [e for e, _h, _s in store.entries if e.kind not in ('http', 'websocket')])} "
        f"reach{'es' if len(names) == 1 else ''} {_count(len(store.calls), 'call')} "
        f"through {'them' if many else 'it'} with no handler on the way that catches the store's failures and "
        f"carries on ({listed}): when that host is down, restarting or failing over, "
        + ("these requests fail." if routes or sockets else
           "no process can take the lock, so the work it coordinates stops on every replica at once."
           if all(how.startswith("taking") for _e, how, _s in store.entries) else
           "the listener stops and every connected websocket client stops receiving updates."),
    ]
    if no_reconnect and sockets:
        parts.append(f"`{no_reconnect[0].factory}` opens a single connection that nothing re-opens: after the "
                     "server restarts it stays broken until this process restarts.")
    if not store.address.literal:
        source = f"the environment ({store.address.env})" if store.address.env else \
            "configuration the code does not show"
        parts.append(f"The address comes from {source}, so it may name a highly available endpoint (a managed "
                     "service with automatic failover, a proxy): the code itself configures no failover, and the "
                     "severity is lowered accordingly.")
    return " ".join(parts)


def _related(store: Store) -> list[Location]:
    out = [Location(r.path, r.line, r.details.get("end_line", r.line), "another client of the same address")
           for r in store.resources[1:]]
    for entry, how, _seed in store.entries[:_MAX_SHOWN]:
        out.append(Location(entry.path, entry.line, entry.line,
                            f"{entry.name} needs it{' ' + how if how else ''}, with no fallback"))
    seeds = [seed for _entry, _how, seed in store.entries if seed]
    call = next((op for op in store.calls if seeds and op["function"] == seeds[0]), store.calls[0])
    out.append(Location(call["path"], call["line"], call["line"],
                        f"`.{call['method']}()` through this client, with nothing catching its failure"))
    return out


def _recommendation(store: Store, no_reconnect: list[Resource]) -> str:
    text = f"Give {store.name} a failover path the client knows about:\n\n{example(store)}"
    reads = [op["method"] for op in store.calls if op["method"] in _REDIS_READS]
    if store.family == "redis" and reads:
        text += ("\n\nIf what it holds can be rebuilt (a cache), let callers degrade instead of failing:\n\n"
                 f"    try:\n        value = {'await ' if store.first.details.get('async') else ''}"
                 f"{binding(store)}.{reads[0]}(key)\n    except RedisError:\n"
                 "        value = None  # fall through to the database")
    if no_reconnect:
        text += (f"\n\nReplace the single connection from `{no_reconnect[0].factory}` with a pool, which replaces "
                 "broken connections on the next acquire.")
    if not store.address.literal:
        text += ("\n\nIf the deployment already points the address at a highly available endpoint, record that "
                 "next to the setting so the next reader does not have to guess.")
    return text
