"""RA516 connection-management: pool sizes that do not fit the processes or threads that use them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...findings import Finding, Location
from ...model.app import EntryPoint, Resource
from ...model.constants import Constants
from ...model.project import ProjectModel
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ._deployment import Deployment, Limit, Process, constants, covers, deployment, package_root
from ._poolsize import Capacity, capacity, pool_users, process_kinds

# Server defaults: PostgreSQL max_connections=100 with superuser_reserved_connections=3;
# MySQL max_connections=151 (plus one for an admin, not counted here).
_DEFAULT_LIMITS = {"PostgreSQL": 100, "MySQL": 151}
_RESERVED = {"PostgreSQL": 3, "MySQL": 0}
_ANYIO_THREADS = 40  # AnyIO's default thread limiter, which FastAPI/Starlette run sync code on
_SQLALCHEMY_POOL_TIMEOUT = 30
_MAX_RELATED = 6
_TOKENS = re.compile(r"total_tokens\s*=\s*([A-Za-z_][\w.]*|\d+)")


@dataclass
class _Share:
    """The processes that each hold one copy of a group of pools to one database."""

    store: str
    web: Process | None
    workers: tuple[Process, ...]
    pools: list[tuple[Resource, Capacity]]

    @property
    def processes(self) -> tuple[Process, ...]:
        return ((self.web,) if self.web is not None else ()) + self.workers


@register
class PoolSizeMismatch(Rule):
    """Connection pools sized without counting the processes that each open one, or the threads that share one.

    What it finds:
        Database pools whose capacity per process (asyncpg `create_pool` max_size, default 10;
        SQLAlchemy pool_size + max_overflow, default 5 + 10; psycopg_pool max_size), times the
        processes the repository starts (`--workers`/`-w` of uvicorn, gunicorn, hypercorn,
        `fastapi run`, gunicorn config modules, `uvicorn.run(workers=)`, compose replicas, and
        Celery/arq/RQ/dramatiq workers whose jobs use the same pool), exceeds what the database
        accepts: PostgreSQL's default max_connections=100 less 3 reserved for superusers, or
        the limit the repository writes down. Also sync SQLAlchemy engines used by sync `def`
        endpoints or dependencies, which FastAPI runs on AnyIO's threadpool (40 threads per
        process), when the engine's pool holds fewer connections than the threadpool has threads.
        Pools behind PgBouncer (a pooler service in the compose file or a PgBouncer address),
        NullPool engines and SQLite are left alone; a process count the repository does not fix
        (WEB_CONCURRENCY, one per CPU core) counts as one process.

    Why it matters:
        Every worker process builds its own pool, so the database sees pool size × processes.
        When that passes max_connections, new connections fail under load with `FATAL: sorry,
        too many clients already` - usually during a traffic peak or a rolling deploy, when old
        and new processes overlap. A threadpool larger than the pool makes the extra threads
        wait for a connection for pool_timeout (30 s) and then fail with `QueuePool limit ...
        reached`, while they hold threads other sync endpoints need.

    Example:
        pool = await asyncpg.create_pool(dsn, max_size=20)   # CMD gunicorn -w 8 ...: 160 connections

    Instead:
        Size pools from the connection budget: usable connections / processes, e.g.
        `create_pool(dsn, min_size=2, max_size=12)` for 8 processes against 97 usable, or put
        PgBouncer between the processes and PostgreSQL. Keep a sync engine's pool_size +
        max_overflow at the threadpool's size, or lower the threadpool to the pool:
        `anyio.to_thread.current_default_thread_limiter().total_tokens = 15`.
    """

    id = "RA516"
    name = "pool-size-mismatch"
    category = "connection-management"
    severity = "HIGH"
    scope = "project"
    base_effort = 2.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        values = constants(model)
        pools = [(r, cap) for r in model.app.resources if r.kind == "database" and r.details.get("long_lived")
                 for cap in [capacity(model, r, values)] if cap is not None]
        ctx.examine("connection pools sized", len(pools))
        if not pools:
            return
        deploy = deployment(model, ctx.extra.get("other_files") or [])
        for share in _shares(model, pools, deploy):
            found = self._over_limit(model, share, deploy)
            if found is not None:
                yield found
        limits = sorted(_thread_limits(model, values), key=lambda item: -len(item[0]))  # deepest scope first
        for resource, cap in pools:
            threads = _threads_for(limits, resource.path)
            found = self._threadpool(model, resource, cap, threads, deploy) if threads is not None else None
            if found is not None:
                yield found

    # ----- (a) pools × processes against the database's limit ---------------------------------------
    def _over_limit(self, model: ProjectModel, share: _Share, deploy: Deployment) -> Finding | None:
        per_process = sum(cap.connections for _, cap in share.pools)
        processes = _counted(share)
        total = sum(count for _, count in processes) * per_process
        path = share.pools[0][0].path
        limit = deploy.limit_for(path, share.store)
        usable = _usable(share.store, limit)
        if total <= usable:
            return None
        count = sum(n for _, n in processes)
        anchor, anchor_cap = max(share.pools, key=lambda item: (item[1].connections, -item[0].line))
        title = (f"{_pool_word(share)}: {total} {share.store} connections at full load ({count} process"
                 f"{'es' if count != 1 else ''} × {per_process}), over the {usable} the server accepts")
        description = " ".join(part for part in [
            _pools_text(share), _processes_text(share, processes, per_process, total),
            _limit_text(share.store, limit, usable), _unknown_text(share),
            f"At full load, connection {usable + 1} and every one after it fails with `FATAL: sorry, too many "
            "clients already`, and during a rolling deploy old and new processes overlap and ask for up to twice "
            "as many.",
        ] if part)
        related = [_pool_location(r, cap, "another pool each process opens to the same database")
                   for r, cap in share.pools if r is not anchor]
        related += [_process_location(p, n) for p, n in processes if p is not None]
        if limit is not None:
            related.append(Location(limit.path, limit.line, limit.line, f"max_connections={limit.value}"))
        return self.finding(
            _pool_location(anchor, anchor_cap, ""), title, description, related=related[:_MAX_RELATED],
            recommendation=_budget_advice(model, anchor, anchor_cap, usable, count, len(share.pools), share.store),
        )

    # ----- (b) a sync engine's pool against the threadpool --------------------------------------------
    def _threadpool(self, model: ProjectModel, resource: Resource, cap: Capacity,
                    threads: tuple[int, Location | None], deploy: Deployment) -> Finding | None:
        tokens, where = threads
        if resource.library != "sqlalchemy" or resource.details.get("async") or cap.connections >= tokens:
            return None
        routes = _sync_routes(model, resource)
        if not routes:
            return None
        name = _binding(resource, "engine")
        waiting = tokens - cap.connections
        shown = ", ".join(f"{entry.name} (`{short(via)}`)" if via == entry.function else
                          f"{entry.name} (through the sync dependency `{short(via)}`)" for entry, via in routes[:3])
        more = f" and {len(routes) - 3} more" if len(routes) > 3 else ""
        limiter = f"set to {tokens} at {where.path}:{where.start_line}" if where is not None else \
            "AnyIO's default, unchanged by the project"
        description = (
            f"`{name}` ({resource.path}:{resource.line}) holds up to {cap.formula()} connection"
            f"{'s' if cap.connections != 1 else ''} per process. {len(routes)} sync endpoint"
            f"{'s' if len(routes) != 1 else ''} use{'s' if len(routes) == 1 else ''} its sessions - {shown}{more} - "
            f"and FastAPI runs sync `def` endpoints and dependencies on AnyIO's threadpool: {tokens} threads per "
            f"process ({limiter}). With more than {cap.connections} such requests in flight, up to {waiting} "
            f"threads block in the pool for {_pool_timeout(resource)} and then raise "
            f"`sqlalchemy.exc.TimeoutError: QueuePool limit of size ... reached`, holding threads the other "
            "sync endpoints need meanwhile."
        )
        related = _route_locations(model, routes)
        if where is not None:
            related.append(Location(where.path, where.start_line, where.end_line, f"threadpool limit: {tokens}"))
        web = deploy.web_for(resource.path)
        if web is not None and web.total is not None and _store_kind(resource, deploy):
            related.append(_process_location(web, web.total))
        return self.finding(
            _pool_location(resource, cap, ""),
            f"`{name}` pools {cap.connections} connections for {tokens} threadpool threads running sync endpoints",
            description,
            related=related, severity="MEDIUM" if cap.defaults_only and cap.connections * 2 <= tokens else "LOW",
            recommendation=_threadpool_advice(model, resource, cap, tokens, web, deploy),
        )


def _route_locations(model: ProjectModel, routes: list[tuple[EntryPoint, str]]) -> list[Location]:
    """One location per function that runs on the threadpool and reaches the pool."""
    by_function: dict[str, list[EntryPoint]] = {}
    for entry, via in routes:
        by_function.setdefault(via, []).append(entry)
    found: list[Location] = []
    for via, entries in sorted(by_function.items(), key=lambda item: (-len(item[1]), item[0]))[:_MAX_RELATED - 1]:
        facts, func = model.functions[via]
        role = "endpoint" if via == entries[0].function else "dependency"
        named = entries[0].name if len(entries) == 1 else f"{len(entries)} routes, e.g. {entries[0].name}"
        found.append(Location(facts.path, func.line, func.line,
                              f"sync {role} of {named}: runs on the threadpool and uses the pool"))
    return sorted(found, key=lambda loc: (loc.path, loc.start_line))


# ----- grouping -------------------------------------------------------------------------------------
def _shares(model: ProjectModel, pools: list[tuple[Resource, Capacity]], deploy: Deployment) -> list[_Share]:
    """Pools grouped by database and by the processes that hold a copy of each."""
    groups: dict[tuple, _Share] = {}
    for resource, cap in pools:
        store = _store_kind(resource, deploy)
        if not store or _pooled(resource, deploy):
            continue
        kinds = process_kinds(model, resource, pool_users(model, resource))
        web = deploy.web_for(resource.path) if "web" in kinds else None
        workers = tuple(p for p in deploy.workers_for(resource.path) if p.server in kinds)
        key = (resource.details.get("store", ""), store, web, workers)
        groups.setdefault(key, _Share(store, web, workers, [])).pools.append((resource, cap))
    first = {key: share.pools[0][0] for key, share in groups.items()}
    return [groups[key] for key in sorted(groups, key=lambda k: (first[k].path, first[k].line))]


def _counted(share: _Share) -> list[tuple[Process | None, int]]:
    """(process, count) for every process whose count is known; at least one process."""
    found: list[tuple[Process | None, int]] = [(p, p.total) for p in share.processes if p.total is not None]
    return found or [(None, 1)]


def _store_kind(resource: Resource, deploy: Deployment) -> str:
    store = resource.details.get("store", "")
    for kind in _DEFAULT_LIMITS:
        if store.startswith(kind):
            return kind
    if not store.startswith("SQL database"):
        return ""
    kinds = deploy.database_kinds(resource.path)  # the database image the compose file runs
    return kinds.pop() if len(kinds) == 1 else ""


def _pooled(resource: Resource, deploy: Deployment) -> bool:
    """A connection pooler sits in front of the database: the pool product is not what it sees."""
    address = f"{resource.details.get('url', '')} {resource.details.get('store', '')}".lower()
    return deploy.pooler_for(resource.path) is not None or ":6432" in address or "pgbouncer" in address


def _usable(store: str, limit: Limit | None) -> int:
    return (limit.value if limit is not None else _DEFAULT_LIMITS[store]) - _RESERVED[store]


# ----- texts ------------------------------------------------------------------------------------------
def _pool_word(share: _Share) -> str:
    return f"{len(share.pools)} pools" if len(share.pools) > 1 else f"`{_binding(share.pools[0][0], 'pool')}`"


def _pools_text(share: _Share) -> str:
    parts = [f"`{_binding(r, 'pool')}` ({r.path}:{r.line}, `{r.factory}`) holds up to {cap.formula()} "
             f"connection{'s' if cap.connections != 1 else ''}" for r, cap in share.pools]
    total = sum(cap.connections for _, cap in share.pools)
    joined = "; ".join(parts)
    return f"{joined} per process" + (f", {total} together." if len(parts) > 1 else ".")


def _processes_text(share: _Share, processes: list[tuple[Process | None, int]], per_process: int,
                    total: int) -> str:
    if processes == [(None, 1)]:
        return f"Even one process opens {per_process}."
    terms = [f"{p.describe()}" for p, _ in processes if p is not None]
    arithmetic = " + ".join(f"{n} × {per_process}" for _, n in processes)
    listed = " and ".join([", ".join(terms[:-1]), terms[-1]] if len(terms) > 2 else terms)
    return (f"The repository starts {listed}, each building its own pool: "
            f"{arithmetic} = {total} connections.")


def _limit_text(store: str, limit: Limit | None, usable: int) -> str:
    reserved = _RESERVED[store]
    if limit is not None:
        told = f"{store} is given max_connections={limit.value} ({limit.path}:{limit.line})"
    else:
        told = f"{store}'s default is max_connections={_DEFAULT_LIMITS[store]} (the repository sets no other)"
    return told + (f", {reserved} of them reserved for superusers: {usable} for the application." if reserved
                   else f": {usable} for the application.")


def _unknown_text(share: _Share) -> str:
    unknown = [p for p in share.processes if p.total is None]
    if not unknown:
        return ""
    return "Not counted above, so the real figure is higher: " + "; ".join(p.describe() for p in unknown) + "."


def _pool_location(resource: Resource, cap: Capacity, note: str) -> Location:
    return Location(resource.path, resource.line, resource.details.get("end_line", resource.line),
                    note or f"{cap.connections} connections per process")


def _process_location(process: Process, count: int) -> Location:
    note = f"{count} {process.server} processes, each with its own pool" if count != 1 else \
        f"1 {process.server} process with its own pool"
    if process.replicas > 1 and process.replicas_path:
        return Location(process.replicas_path, process.replicas_line, process.replicas_line, note)
    return Location(process.path, process.line, max(process.line, process.end_line), note)


def _binding(resource: Resource, fallback: str) -> str:
    binding = resource.binding
    return binding if binding and not binding.startswith("<") else fallback


def _callee(model: ProjectModel, resource: Resource) -> str:
    """The constructor as the code spells it (`asyncpg.create_pool`, `create_async_engine`)."""
    last = resource.factory.rsplit(".", 1)[-1]
    text = " ".join(model.lines(resource.path)[resource.line - 1: resource.details.get("end_line", resource.line)])
    match = re.search(rf"([\w.]*\b{re.escape(last)})\s*\(", text)
    return match.group(1) if match else last


def _pool_timeout(resource: Resource) -> str:
    """How long a thread waits for a connection: "pool_timeout (30 s by default)"."""
    for timeout in resource.details.get("timeouts", ()):
        if timeout.get("kwarg") == "pool_timeout" and timeout.get("present"):
            return f"pool_timeout={timeout.get('written')}"
    return f"pool_timeout ({_SQLALCHEMY_POOL_TIMEOUT} s by default)"


def _resize(model: ProjectModel, resource: Resource, cap: Capacity, size: int) -> str:
    """The constructor call with its pool sized to `size`, in the code's own names."""
    sizes = {"pool_size": size, "max_overflow": 0} if resource.library == "sqlalchemy" else \
        {"min_size": min(2, size), "max_size": size}
    head = "return " if resource.binding == "<returned>" else \
        f"{_binding(resource, 'engine' if resource.library == 'sqlalchemy' else 'pool')} = "
    awaited = "await " if resource.library == "asyncpg" else ""
    args = ", ".join(f"{keyword}={value}" for keyword, value in sizes.items())
    settings = [f"{s.env}={sizes[s.keyword]}" for s in cap.sizes if s.env and s.keyword in sizes]
    via = f"  # or set {', '.join(settings)}" if settings else ""
    return f"    {head}{awaited}{_callee(model, resource)}(..., {args}){via}"


def _budget_advice(model: ProjectModel, resource: Resource, cap: Capacity, usable: int, processes: int,
                   pools: int, store: str) -> str:
    per_process = usable // processes
    per_pool = per_process // pools
    pooler = ("put PgBouncer (transaction mode) between the processes and PostgreSQL, so that "
              "max_connections only has to cover PgBouncer's own pool"
              + (" (asyncpg then needs `statement_cache_size=0`)" if resource.library == "asyncpg" else "")
              if store == "PostgreSQL" else "add a connection proxy (ProxySQL) in front of MySQL")
    if per_pool < 2:
        return (f"{usable} connections over {processes} processes leave fewer than 2 per pool: "
                f"{pooler}, or run fewer processes per database.")
    share = f" shared by {pools} pools" if pools > 1 else ""
    return (
        f"Size each pool from the connection budget: {usable} usable / {processes} process"
        f"{'es' if processes != 1 else ''} = {per_process} per process{share}, minus headroom for migrations, "
        f"admin sessions and deploy overlap:\n\n{_resize(model, resource, cap, per_pool)}\n\n"
        f"({processes} × {per_pool * pools} = {processes * per_pool * pools} ≤ {usable}). Or {pooler}."
    )


def _threadpool_advice(model: ProjectModel, resource: Resource, cap: Capacity, tokens: int, web: Process | None,
                       deploy: Deployment) -> str:
    limiter = ("    @asynccontextmanager\n    async def lifespan(app):\n"
               f"        anyio.to_thread.current_default_thread_limiter().total_tokens = {cap.connections}\n"
               "        yield")
    store = _store_kind(resource, deploy)
    count = web.total if web is not None else None
    if store and count is not None:
        usable = _usable(store, deploy.limit_for(resource.path, store))
        if tokens * count <= usable:
            return (f"Give the pool one connection per thread: {web.describe()} × {tokens} threads = "
                    f"{tokens * count} ≤ {usable} usable {store} connections:\n\n"
                    f"{_resize(model, resource, cap, tokens)}\n\nor make the endpoints `async def` on an async engine.")
        budget = usable // count
        if budget > cap.connections:
            return (f"{web.describe()} × {tokens} threads = {tokens * count} would pass the {usable} usable "
                    f"{store} connections, so meet in the middle at {budget} per process: size the pool and "
                    f"the threadpool alike,\n\n{_resize(model, resource, cap, budget)}\n\n"
                    + limiter.replace(f"= {cap.connections}", f"= {budget}"))
    return (f"Lower the threadpool to the pool's {cap.connections} connections, so that requests queue in "
            f"the event loop instead of blocking threads:\n\n{limiter}\n\nor raise pool_size + max_overflow to "
            f"{tokens} if {tokens} × the process count fits the database's max_connections.")


# ----- the threadpool -----------------------------------------------------------------------------------
def _thread_limits(model: ProjectModel, values: Constants) -> list[tuple[str, int | None, Location]]:
    """`total_tokens = N` set on AnyIO's default limiter: (package folder it applies to, N or
    None when the code does not fix it, where)."""
    found: list[tuple[str, int | None, Location]] = []
    for edge in model.calls_named("current_default_thread_limiter"):
        facts, func = model.functions[edge.caller]
        for number in range(func.line, func.end_line + 1):
            match = _TOKENS.search(model.line_text(facts.path, number))
            if match is None:
                continue
            written = match.group(1)
            traced = values.of_value(edge.caller, int(written) if written.isdigit() else {"ref": written})
            known = traced.known and isinstance(traced.value, int) and not isinstance(traced.value, bool)
            found.append((package_root(facts.path, facts.module), traced.value if known else None,
                          Location(facts.path, number, number)))
            break
    return found


def _threads_for(limits: list[tuple[str, int | None, Location]], path: str) -> tuple[int, Location | None] | None:
    """The threadpool size the code under `path` runs with: AnyIO's 40 unless its package sets
    another; None when it sets one the code does not fix. `limits` come deepest scope first."""
    for scope, tokens, where in limits:
        if covers(scope, path):
            return (tokens, where) if tokens is not None else None
    return _ANYIO_THREADS, None


def _sync_routes(model: ProjectModel, resource: Resource) -> list[tuple[EntryPoint, str]]:
    """HTTP routes whose sync handler or sync dependency reaches a query on the engine through
    sync calls only: (route, the function that runs on the threadpool). Opening and closing a
    session checks out no connection, so a dependency that only does that does not count."""
    querying = {op["function"] for op in resource.details.get("operations", ())}
    seeds: dict[str, object] = {fq: None for fq in sorted(querying)
                                if fq in model.functions and not model.functions[fq][1].is_async}
    if not seeds:
        return []
    # a `Depends()` provider runs in a threadpool thread of its own, not in its route's: cited as itself
    reaching = model.reach(seeds, lambda edge: not edge.site.depends and not model.functions[edge.caller][1].is_async)
    found: dict[str, tuple[EntryPoint, str]] = {}
    for entry in model.app.of_kind("http"):
        runs_in = entry.details.get("dependency_runs_in", {})
        candidates = ([entry.function] if entry.runs_in == "threadpool" else []) + \
            [dep for dep in entry.dependencies if runs_in.get(dep) == "threadpool"]
        via = next((fq for fq in candidates if fq in reaching or f"{fq}.__init__" in reaching), "")
        if via and entry.name not in found:
            found[entry.name] = (entry, via if via in model.functions else f"{via}.__init__")
    return [found[name] for name in sorted(found)]
