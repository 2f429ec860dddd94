"""RA511 connection-management: a pool, engine or client created on every request or loop turn."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.auth import login_route
from ...knowledge.eventloops import runs_loop
from ...knowledge.memoisers import cache_decorator
from ...model.project import ProjectModel
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.clients import Client, binding_of
from ...model.resilience.components import singletons, uncalled_roots
from ...model.app import is_test_path, project_callers
from ...model.task_starts import THREADS
from ...model.resilience.runtime import entries_reaching, kept_in_global, short, startup_functions
from ...model.resilience.triggers import REQUEST_KINDS, injected_calls
from ..api import ProjectContext, Rule, register

_POOLED_KINDS = ("database", "cache", "broker", "search")
_MAX_RELATED = 15


@register
class ClientCreatedPerCall(Rule):
    """Connection pools, engines and HTTP clients built inside request handlers or loop bodies.

    What it finds:
        Constructors of pools, engines and clients (asyncpg.create_pool, create_engine,
        redis clients, httpx/aiohttp clients, ...) that run once per request - in a function
        that an HTTP/WebSocket route or a background task reaches, without keeping the object
        on an instance, module or app.state created at startup; a FastAPI `Depends()` provider
        runs once per request too - or once per turn of a `while True` loop. A method of a class
        the app keeps one instance of (built at startup, a module-level instance) that opens an
        `async with` client for its own call is reported even where no route reaches it yet;
        a client whose `with` block encloses the method's `while True` loop lives as long as the
        worker and is not, nor is one handed to a function looping on it (`async with Session() as s:
        await self.consume(s)` in a reconnect loop). Clients built only for sign-in routes (an OAuth
        callback, once per login) are LOW. So is a client a function opens and drops for each item of a loop in an
        uncalled public method of such a class (`for pair in pairs: await self.rate(pair)`, run by
        a scheduler by name). Database and cache pools are reported one by one; HTTP clients
        are grouped into one finding listing every place. A pool built by a project factory that
        returns it (`def build_engine(): return create_async_engine(...)`) is cited at the factory's
        per-run call (a worker's per-job method), not in the factory that startup also uses.

    Why it matters:
        A pool or engine built per request opens new connections every time (connection storms
        against the database, `max_connections` exhausted under load) and is often never
        closed. An HTTP client per call loses keep-alive and connection pooling: every request
        pays DNS, TCP and TLS set-up again, adding tens of milliseconds and sockets in TIME_WAIT.

    Example:
        @router.get("/reviews")
        async def reviews():
            async with httpx.AsyncClient() as client:
                return (await client.get(REVIEWS_URL)).json()

    Instead:
        Create the pool or client once (lifespan/startup or a module singleton), close it at
        shutdown, and pass it in (app.state, a dependency):

            @asynccontextmanager
            async def lifespan(app):
                app.state.http = httpx.AsyncClient(timeout=10)
                yield
                await app.state.http.aclose()
    """

    id = "RA511"
    name = "client-created-per-call"
    category = "connection-management"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        res = analysis(model)
        startup = startup_functions(model)
        per_call: list[tuple[Client, str]] = []
        for client in res.clients:
            if is_test_path(client.facts.path) or client.func is None or client.spec.kind == "websocket-client":
                continue  # a websocket connection per session is the connection itself
            why = _per_call(model, client, startup)
            if why:
                per_call.append((client, why))
        for client, why in per_call:
            if client.spec.kind in _POOLED_KINDS:
                caller = _factory_caller(model, client, startup)
                if caller is not None and why.startswith("which runs for "):
                    why = f"which runs for {caller[3]}"  # the entry of the call that builds it, not of a keeper
                if caller is None or not _streamed_session(model, caller):
                    yield self._pool_finding(client, why, caller, _reuse_example(model, client))
        http = [(c, why) for c, why in per_call if c.spec.kind not in _POOLED_KINDS]
        if http:
            http.sort(key=lambda item: (not _serves_requests(model, item[0]), item[0].facts.path, item[0].site.line))
            yield self._http_finding(http, all(_login_only(model, c, startup) for c, _ in http))

    def _pool_finding(self, client: Client, why: str, caller: tuple | None = None,
                      recommendation: str | None = None) -> Finding:
        opened = _opened(client)
        description = (
            f"`{client.factory}` runs in `{short(client.function_fq)}` ({client.facts.path}:{client.site.line}), "
            f"{why}: each run opens a new {client.spec.kind} {opened} instead of reusing one."
        )
        where = Location(client.facts.path, client.site.line, client.site.end_line)
        if caller is None:
            return self.finding(where, f"{client.factory} created per call in {short(client.function_fq)}",
                                description, severity="HIGH", recommendation=recommendation)
        path, site, fq, _entry = caller
        description += (f" `{short(client.function_fq)}` is a factory; the {opened} is built per run by its call in "
                        f"`{short(fq)}`, which is where to reuse one built at startup.")
        built = Location(where.path, where.start_line, where.end_line, f"the {client.spec.kind} {opened} is built here")
        return self.finding(Location(path, site.line, site.end_line),
                            f"{client.factory} created per call in {short(fq)}", description, severity="HIGH",
                            related=[built], recommendation=recommendation)

    def _http_finding(self, items: list[tuple[Client, str]], login_only: bool = False) -> Finding:
        """One finding for every client built per call, cited at the first of `items` (the caller
        puts those built per request first: the hottest path, where sharing matters most)."""
        first, why = items[0]
        factories = sorted({c.factory for c, _ in items})
        related = [Location(c.facts.path, c.site.line, c.site.end_line, f"in {short(c.function_fq)}: {w}")
                   for c, w in items[1:_MAX_RELATED + 1]]
        description = (
            f"{len(items)} place{'s create' if len(items) != 1 else ' creates'} a new {' / '.join(factories)} on every "
            f"call, for example `{short(first.function_fq)}` ({first.facts.path}:{first.site.line}), {why}. "
            "Each client opens its own connections, so nothing is reused between calls."
            + (" They run only for sign-in routes, once per login: the lost keep-alive costs one handshake per "
               "login." if login_only else "")
        )
        return self.finding(
            Location(first.facts.path, first.site.line, first.site.end_line),
            f"{len(items)} {'HTTP ' if all(c.spec.kind == 'http-client' for c, _ in items) else ''}"
            f"client{'s' if len(items) != 1 else ''} created per call instead of shared",
            description, related=related, severity="MEDIUM" if len(items) > 1 and not login_only else "LOW",
        )


def _reuse_example(model: ProjectModel, client: Client) -> str:
    """How to build this client once, written for its kind and the program that reaches it: an
    ASGI app (FastAPI/Starlette) opens it in its lifespan, an aiohttp app in a `cleanup_ctx`
    generator (awaiting the close of an asyncio client, calling it on a sync one); a request
    path of a framework neither of those, and code only workers or jobs reach, keep one per
    process, made on first use."""
    spec, made = client.spec, client.spec.creates.rsplit(".", 1)[-1] or "client"
    short_kind = spec.kind.split("-")[0]
    close = f"{'await ' if spec.is_async else ''}app.state.{short_kind}.{spec.close}()"
    framework = _request_framework(model, client)
    if framework == "asgi":
        return ("Create it once at startup, close it at shutdown, and pass it in (app.state, a dependency):\n\n"
                "    @asynccontextmanager\n    async def lifespan(app):\n"
                f"        app.state.{short_kind} = {client.factory}(...)\n        yield\n        {close}")
    if framework == "aiohttp":
        close = f"{'await ' if spec.is_async else ''}app[\"{short_kind}\"].{spec.close}()"
        return ("Create it once when the app starts, close it when it stops, and read it from the app "
                "(`request.app[...]`):\n\n"
                f"    async def {short_kind}_ctx(app):\n        app[\"{short_kind}\"] = {client.factory}(...)\n"
                f"        yield\n        {close}\n\n    app.cleanup_ctx.append({short_kind}_ctx)")
    name = f"_{short_kind}"
    where, hook = (("Requests run it here: keep one", "the server's") if framework == "other"
                   else ("Code outside requests (a worker or job process) runs it here: keep one", "the worker's"))
    return (f"{where} {made} per process, made on first use (or in {hook} process-init hook), and reuse it "
            "on every call:\n\n"
            f"    {name} = None\n\n    def shared_{short_kind}():\n        global {name}\n"
            f"        if {name} is None:\n            {name} = {client.factory}(...)\n        return {name}")


def _request_framework(model: ProjectModel, client: Client) -> str:
    """"asgi" or "aiohttp" when requests of that framework reach the function that builds the
    client, "other" for requests of another one, "" when no request does. Routes carry the
    framework of the app or router they are declared on; middleware is an ASGI app's."""
    found = {_framework_of(entry) for entry, _chain in entries_reaching(model, {client.function_fq}, limit=3)
             if entry.kind in REQUEST_KINDS}
    return next((f for f in ("asgi", "aiohttp", "other") if f in found), "")


def _framework_of(entry) -> str:
    if entry.details.get("framework") == "aiohttp":
        return "aiohttp"
    if entry.kind == "middleware" or "router_key" in entry.details:
        return "asgi"
    return "other"


def _opened(client: Client) -> str:
    """What the constructor opens: a pool when the library sizes one (`max_connections`,
    `pool_size`), else one connection (`sqlite3.connect`)."""
    return "connection pool" if client.spec.size_kwargs else "connection"


def _serves_requests(model: ProjectModel, client: Client) -> bool:
    """A route, websocket or middleware reaches the function that builds the client."""
    return any(entry.kind in REQUEST_KINDS for entry, _chain in entries_reaching(model, {client.function_fq}, limit=3))


def _login_only(model: ProjectModel, client: Client, startup: set[str]) -> bool:
    """Every request that builds the client is a sign-in step (an OAuth callback): a low-rate,
    interactive path where a client per call costs a handshake per login, not per request."""
    reached = [e for e, _chain in entries_reaching(model, {client.function_fq}, limit=8, once=True)
               if e.function not in startup]
    return bool(reached) and all(login_route(e.name) for e in reached)


def _factory_caller(model: ProjectModel, client: Client, startup: set[str]) -> tuple | None:
    """(path, call site, caller fq, entry name) of the per-run call of a project factory that builds
    and returns the pool (`def build_engine(): return create_async_engine(...)`, called at startup
    and again in a worker's per-job method): the factory is fine, that call is the defect. A call
    that keeps the pool it gets (`ENGINES[shard] = build_engine(url)`) is not one."""
    if binding_of(client)[0] != "return":
        return None
    for entry, chain in entries_reaching(model, {client.function_fq}, limit=3):
        if chain and chain[-1].site.depends:
            return None  # FastAPI calls a `Depends()` provider per request: the provider is what to change
        if chain and entry.function not in startup and chain[-1].caller not in startup \
                and not _keeps(model, chain[-1], startup, 0):
            return model.functions[chain[-1].caller][0].path, chain[-1].site, chain[-1].caller, entry.name
    return None


def _streamed_session(model: ProjectModel, caller: tuple) -> bool:
    """`conn = await connect_listener()` then `async for payload in listen(conn, ...)`: a dedicated
    connection held for a long-lived stream (LISTEN/NOTIFY, a subscription), opened again only when
    the stream breaks; it cannot come from a pool and is not opened per unit of work."""
    _path, site, fq, _entry = caller
    func = model.functions[fq][1]
    names = func.names_bound_on(site.line)
    return bool(names) and any(s.used_as == "async-for" and s.line > site.line and any(
        isinstance(a, dict) and a.get("ref") in names for a in (*s.args, *s.kwargs.values())) for s in func.calls)


def _per_call(model: ProjectModel, client: Client, startup: set[str]) -> str:
    """Why this constructor runs per request or per loop turn ("" when it runs once)."""
    func = client.func
    assert func is not None
    looped = _in_forever_loop(model, client, func)
    if looped is not None:
        return looped
    kind, name = binding_of(client)
    owner = client.function_fq
    if _first_use_only(model, owner) or _built_by_memoised_factory(model, client):
        return ""
    if kind == "return" and _cached_getter(func):
        return _per_instance(model, func, owner, startup)
    if _kept_once(model, client, kind, name, startup):
        return ""
    reached, all_setup = _served_by(model, owner, startup)
    if all_setup:
        return ""  # built by a worker process's setup, once per process
    if not reached:
        return (_per_dependency_call(model, owner, startup) or _per_method_call(model, client, kind)
                or _per_uncalled_loop(model, client, kind) or _dropped_pool(model, client, kind, name))
    return _per_entry(model, client, kind, reached, startup)


def _in_forever_loop(model: ProjectModel, client: Client, func) -> str | None:
    """The reason when the constructor sits in a `while True` loop ("" when the client is handed to
    the loop, built once before it); None when it is in no such loop."""
    for loop in blk.forever_loops(func):
        if blk.inside(loop, client.site.line):
            return "" if _handed_to_loop(model, client) else f"inside the `while True` loop at line {loop['line']}"
    return None


def _kept_once(model: ProjectModel, client: Client, kind: str, name: str, startup: set[str]) -> bool:
    """The client is built once however often its function runs: bound once (a module global, a
    startup attribute), built only on a cache miss, borrowed from a pool, or returned to callers
    that keep it."""
    return bool(_built_once(model, client, kind, name, startup) or _on_cache_miss(client) or _borrows_pool(client)
                or kind == "return" and _kept_by_callers(model, client.function_fq, startup))


def _served_by(model: ProjectModel, owner: str, startup: set[str]) -> tuple[list, bool]:
    """(the entries reaching `owner` that run per request or turn, whether every entry reaching it
    is a process's setup instead): a worker's setup builds its clients once per process."""
    reached = [(e, chain) for e, chain in entries_reaching(model, {owner}, limit=3, once=True)
               if e.function not in startup]
    once = [_process_setup(e, chain) or _started_once(model, e, chain) for e, chain in reached]
    return [item for item, setup in zip(reached, once) if not setup], bool(reached) and all(once)


def _per_entry(model: ProjectModel, client: Client, kind: str, reached: list, startup: set[str]) -> str:
    """The reason, naming the first entry the constructor runs for. A client an `__init__` stores on
    `self` runs per instance: paths whose instance is kept do not count, and a singleton's
    `__init__` (a lazy getter's global, a module-level instance) runs once for the process."""
    func = client.func
    if kind == "self" and func.name == "__init__":
        # `self.db = Store(path)` in a method (a reset, a reconnect): kept on the owner like a lazy
        # attribute, not built per call; the paths that drop the instance stay reported
        reached = [(e, chain) for e, chain in reached if not (chain and _keeps(model, chain[-1], startup, 0))]
        if not reached or client.function_fq.rsplit(".", 1)[0] in singletons(model):
            return ""
    entry, _chain = reached[0]
    if kind == "self":
        return f"and `{func.class_name}` is instantiated for {entry.name}"
    return f"which runs for {entry.name}"


def _built_by_memoised_factory(model: ProjectModel, client: Client) -> bool:
    """The constructor runs in a `functools` memoised factory (`@lru_cache def create_engine(url)`),
    or in the `__init__` of a class only such factories instantiate (a subclass's `super().__init__`
    counts as one more caller): it runs once per distinct argument tuple, and every later call gets
    the same pool back."""
    if cache_decorator(client.facts, client.func):
        return True
    if client.func.name != "__init__":
        return False
    # the instantiations of the class and `super().__init__(...)` of subclasses alike
    sites = project_callers(model, client.function_fq)
    return bool(sites) and all(cache_decorator(*model.functions[e.caller]) for e in sites)


def _cached_getter(func) -> bool:
    """A `cached_property` getter: what it returns is kept on the instance by the first read."""
    return any(d.func.rsplit(".", 1)[-1] == "cached_property" for d in func.decorators)


def _per_instance(model: ProjectModel, func, owner: str, startup: set[str]) -> str:
    """Why a client a `cached_property` builds is built per call: it is kept on the instance, built
    once per instance as in `__init__`, so only when requests construct the class ("" for an
    instance the process keeps, or a class whose construction the model does not see)."""
    class_fq = owner.rsplit(".", 1)[0]
    init = model.method_of(class_fq, "__init__")
    if not init or class_fq in singletons(model):
        return ""
    reached = [e for e, _chain in entries_reaching(model, {init}, limit=3, once=True) if e.function not in startup]
    return f"and `{func.class_name}` is instantiated for {reached[0].name}" if reached else ""


def _first_use_only(model: ProjectModel, fq: str, depth: int = 0) -> bool:
    """Every project call of `fq` runs inside an `if` taken while a flag is unset that sets the
    flag in the same block (`if not self._initialized: await self.initialize(); self._initialized =
    True`), directly or through callers that are themselves only called so (three levels at most):
    a first-use set-up (create the schema, run a migration) that runs once per owner, not per call."""
    callers = project_callers(model, fq)
    if not callers:
        return False
    return all(_flag_guarded(model.functions[e.caller][1], e.site.line) or _program_run(model, e.caller, e.site)
               or depth < 3 and _first_use_only(model, e.caller, depth + 1) for e in callers)


def _program_run(model: ProjectModel, caller: str, site) -> bool:
    """The call is the coroutine a loop runner runs to completion (`asyncio.run(db.initialize())`,
    `loop.run_until_complete(...)`) in a plain function (a console script, an install step): a
    program's one-off step, once per run of the program. A method doing so is a sync facade of an
    async API (`def request(self): return asyncio.run(self.request_async())`), called per use."""
    if model.functions[caller][1].class_name:
        return False
    return any(runs_loop(e.target.name, e.site.func or ()) and _given(e.site, site)
               for e in model.edges.get(caller, ()) if e.site.line <= site.line <= e.site.end_line)


def _given(runner, site) -> bool:
    """`site`'s call is written as an argument of `runner` (`asyncio.run(db.initialize())`)."""
    return any(isinstance(a, dict) and a.get("call") == site.name and a.get("line") == site.line
               for a in runner.args)


def _flag_guarded(func, line: int) -> bool:
    """`line` sits in an `if` on a flag being unset whose block also sets that flag."""
    sets = [(s["target"], s["line"]) for s in func.extra.get("stores", ()) if s["kind"] == "set" and not s["item"]]
    return any(blk.inside(b, line) and any(target in b.get("absent", ()) and blk.inside(b, at) for target, at in sets)
               for b in blk.ifs(func))


def _started_once(model: ProjectModel, entry, chain: list) -> bool:
    """The entry is a process or thread target (`multiprocessing.Process(target=serve_api)`)
    started by a program's own top (a command-line `main`, a CLI command: no project function calls
    it, and no route, worker or task reaches it): it runs once per start, so what it builds before its own loop is built once per process, like startup code. A
    target started by a request handler runs per request and stays reported."""
    details = entry.details
    if entry.kind != "task" or details.get("starter") not in THREADS or not details.get("started_in"):
        return False
    loop = details.get("loop") or {}
    if loop.get("line") and (not chain or chain[0].site.line >= loop["line"]):
        return False  # built in (or after the start of) the target's own loop: per turn
    starter = details["started_in"]
    if any(edge.caller in model.functions for edge in model.callers.get(starter, ())):
        return False  # started by a helper others call (per connection, per job): not known to run once
    return not entries_reaching(model, {starter}, limit=1)


def _process_setup(entry, chain: list) -> bool:
    """The worker is a process's program (`asyncio.run(main())`, a job picked by name) and the chain
    leaves it before its serving loop (`ctx = await build_context()` then `while ...`): that call
    runs once per process, like startup code."""
    loop = entry.details.get("loop") or {}
    return bool(entry.details.get("script") and chain and chain[0].caller == entry.function
                and loop.get("function") == entry.function and chain[0].site.line < loop.get("line", 0))


def _built_once(model: ProjectModel, client: Client, kind: str, name: str, startup: set[str]) -> bool:
    """The client, bound as `kind` to `name`, is built once for the worker, the process or the
    instance, or by startup code."""
    func = client.func
    if kind == "with" and _session_client(func, client):
        return True  # `async with Client() as c: while True: ...`: one client for the worker's life
    if kind in ("module", "state") or name in func.extra.get("globals", ()) or _kept_in_registry(client, name):
        return True  # kept for the process (a `global` set once by a lazy getter counts too)
    if kind in ("local", "return") and name and any(
            store.get("assigned") == name and _lasting(model, store["target"], client.facts, func, client.function_fq)
            for store in func.extra.get("stores", ())):
        return True  # `engine = create_engine(...)` then `cls._engine = engine` (and `return engine`): a lazy attribute
    if kind == "self" and func.name != "__init__":
        return True  # created lazily once per instance: fine when the instance is shared
    return client.function_fq in startup or kind == "" and func.name != "__init__"


def _borrows_pool(client: Client) -> bool:
    """`redis.Redis(connection_pool=self._pool)`: the client is handed a pool built elsewhere and
    borrows its connections; building it opens no pool and no connection of its own."""
    return any(kw in client.site.kwargs for kw in client.spec.pool_kwargs)


def _kept_by_callers(model: ProjectModel, fq: str, startup: set[str], depth: int = 0) -> bool:
    """Every project call of the factory `fq` keeps what it returns for later calls (or is startup
    code): `ENGINES[shard] = build(spec)`, `cls._engine = engine`, a `global` set once, or a
    `return build()` handed to callers that keep it in turn. The pool is built once per key."""
    callers = project_callers(model, fq)
    return bool(callers) and all(e.caller in startup or _keeps(model, e, startup, depth) for e in callers)


def _keeps(model: ProjectModel, edge, startup: set[str], depth: int) -> bool:
    """The caller of `edge` stores its result on a module-level, class or instance name, or returns
    it to callers that all keep it (two levels up at most)."""
    facts, func = model.functions[edge.caller]
    names = func.names_bound_on(edge.site.line)
    if names & set(func.extra.get("globals", ())):
        return True  # `global _POOL` then `_POOL = build()`
    for store in func.extra.get("stores", ()):
        if store["kind"] != "set":
            continue
        value = store.get("value") or ({"ref": store["assigned"]} if "assigned" in store else None)
        if (store["line"] == edge.site.line or isinstance(value, dict) and value.get("ref") in names) \
                and _lasting(model, store["target"], facts, func, edge.caller):
            return True
    results = [{"call": edge.site.name, "line": edge.site.line}, *({"ref": n} for n in names)]
    if depth < 2 and any(r in func.returns_values for r in results):
        return _kept_by_callers(model, edge.caller, startup, depth + 1)
    return False


def _lasting(model: ProjectModel, target: str, facts, func, fq: str) -> bool:
    """A name that outlives the call: an attribute of the class, a module-level name, or one of the
    instance set after construction (a lazy attribute) or in the constructor of the one instance the
    process keeps; a constructor of other classes builds it again with every instance."""
    head = target.split(".", 1)[0]
    if head == "self":
        return func.name != "__init__" or fq.rsplit(".", 1)[0] in singletons(model)
    return head == "cls" or head in facts.assigns or head in func.extra.get("globals", ())


def _on_cache_miss(client: Client) -> bool:
    """The client fetches one of a fixed table of URLs (`KNOWN_VIEWS[name]`, a module constant) and
    the function keeps the answer in a memo cache (`try: return _VIEWS[name] except KeyError: ...`
    before, `_VIEWS[name] = data` after): it is built once per table entry, not per call. (A miss
    keyed by an open value, one per IP address, still builds a client per call.)"""
    func = client.func
    assert func is not None
    if not any(line > client.site.line for line in func.extra.get("miss_fills", ())):
        return False
    written = {store["target"] for other in client.facts.functions.values() for store in other.extra.get("stores", ())}
    tables = set(client.facts.assigns) - written  # module-level tables no function changes
    return any(site.line > client.site.line and site.args and isinstance(site.args[0], dict)
               and str(site.args[0].get("ref", "")).removesuffix(".[]") in tables
               and str(site.args[0].get("ref", "")).endswith(".[]") for site in func.calls)


def _kept_in_registry(client: Client, name: str) -> bool:
    """`ENGINES[url] = engine` / `self._pools[key] = await create_pool(...)`: stored in a module-level
    or instance registry keyed by its configuration, so built once per key and then reused."""
    func = client.func
    assert func is not None
    for store in func.extra.get("stores", ()):
        if not store["item"] or store["kind"] != "set":
            continue
        if store["line"] == client.site.line or name and store.get("value") == {"ref": name}:
            target = store["target"]
            if target.startswith("self.") or target in client.facts.assigns or target in func.extra.get("globals", ()):
                return True
    return False


def _per_dependency_call(model: ProjectModel, owner: str, startup: frozenset[str] | set[str]) -> str:
    """FastAPI runs a `Depends()` provider once per request that declares it (directly or through
    another provider): a client the provider builds is built per request, although no call edge
    leads from the route to it."""
    reached = model.reach({owner: None}, lambda edge: not kept_in_global(model, edge))
    entries = [e for e in model.app.entries_through(reached) if e.function not in startup]
    if not entries:
        return ""
    return f"a dependency FastAPI runs for every request to {entries[0].name}"


def _per_method_call(model: ProjectModel, client: Client, kind: str) -> str:
    """A method of a class the app keeps one instance of (built at startup, a module-level
    instance) that opens a client for its own call (`async with httpx.AsyncClient() as c:`) and
    drops it: the instance exists to serve repeated calls, so each one builds a new client, even
    where no route reaches the method yet. A method that runs a `while True` loop is the
    instance's long-running job, run once, whose client lives as long as the loop."""
    func = client.func
    assert func is not None
    if kind != "with" or not func.class_name or func.name == "__init__" or blk.forever_loops(func):
        return ""
    owner = client.function_fq.rsplit(".", 1)[0]
    where = singletons(model).get(owner)
    if not where:
        return ""
    return (f"and `{func.class_name}` is one instance for the process ({where}): "
            f"every call to `{func.name}` builds a new client")


def _per_uncalled_loop(model: ProjectModel, client: Client, kind: str) -> str:
    """A client opened and dropped by a function that a public method of a class the app keeps
    one instance of calls once per item of a loop (`for pair in pairs: await self.rate(pair)`),
    where nothing in the project calls that method (a scheduler or queue runs it by name): every
    item builds a new client. A client opened around the loop by the method itself is one per run."""
    if kind not in ("with", "local"):
        return ""
    owner = client.function_fq
    for root, chain in sorted(uncalled_roots(model, {owner}).items()):
        looped = next((edge for edge in chain if edge.site.loop_line), None)
        if looped is not None:
            caller = short(looped.caller)
            return (f"and `{caller}` calls it once per item of the loop at line {looped.site.loop_line} "
                    f"(`{short(root)}` is a method of the one `{root.rsplit('.', 2)[-2]}` for the process, "
                    "called from outside this code)")
    return ""


_DISPOSERS = frozenset({"dispose", "close", "aclose", "terminate"})


def _dropped_pool(model: ProjectModel, client: Client, kind: str, name: str) -> str:
    """A pool or engine a method builds into a local, never disposes and never hands out (not
    returned, not stored): every call leaves one more pool with its open connections behind,
    whoever calls the method (a route, a job run by name, an operator's script). A plain function
    counts when something runs it again and again: reached through project calls from a callable
    handed to a project class that calls it back (`Job("export", run_export, interval_s=86400)`, a
    scheduler running it each period). A startup helper, a migration or a script's `main` runs once,
    and its pool ends with the process."""
    func = client.func
    if kind != "local" or not name or client.spec.kind not in _POOLED_KINDS \
            or not (func.class_name or _called_back_repeatedly(model, client.function_fq)) \
            or func.name.startswith("__") or blk.forever_loops(func):
        return ""
    ref = {"ref": name}
    if any(_mentions(value, ref) for value in func.returns_values) or ref in func.self_attrs.values() \
            or ref in func.extra.get("yield_values", ()) \
            or any(store.get("assigned") == name for store in func.extra.get("stores", ())):
        return ""  # handed out (`return engine, async_sessionmaker(engine)`, `cls._engine = engine`): kept
    if any(site.func and site.func[0] == name and site.func[-1] in _DISPOSERS for site in func.calls):
        return ""
    return f"and `{func.name}` keeps it in the local `{name}` and never disposes it, leaving its connections open"


def _mentions(value: object, ref: dict) -> bool:
    """`value` is `ref` or a literal (tuple, list, dict) holding it among its items."""
    if value == ref:
        return True
    return isinstance(value, dict) and any(_mentions(item, ref) for item in value.get("items", ()) or ())


def _called_back_repeatedly(model: ProjectModel, fq: str) -> bool:
    """`fq`, or a project function calling it, is a callable a project class was handed and calls back
    (a job registered with a scheduler): the runner repeats it, so each run builds the pool again."""
    called_back = model.memo("connections.called_back", lambda: frozenset(
        target for targets in injected_calls(model).values() for target in targets))
    if not called_back:
        return False
    return any(caller in called_back and not is_test_path(model.functions[caller][0].path)
               for caller in model.reach({fq: None}, lambda edge: True) if caller in model.functions)


def _handed_to_loop(model: ProjectModel, client: Client) -> bool:
    """`async with ClientSession() as s: await self.consume(s)` where `consume` runs a `while True`
    loop of its own: the client lives as long as that loop, and the loop around the `with` only
    opens a new one when it breaks (a reconnect), not per request."""
    opened = [b for b in blk.blocks(client.func, "with") if b["line"] == client.site.line]
    names = [{"ref": name} for name in client.func.names_bound_on(client.site.line)]
    if not opened or not names:
        return False
    for edge in model.edges.get(client.function_fq, ()):
        callee = model.callee_function(edge.target)
        if callee and blk.inside(opened[0], edge.site.line) and any(n in edge.site.args for n in names) and \
                blk.forever_loops(model.functions[callee][1]):
            return True
    return False


def _session_client(func, client: Client) -> bool:
    """The `with` block that opens the client encloses a `while True` loop: the client lives as
    long as the loop does, however many requests it makes."""
    opened = [b for b in blk.blocks(func, "with") if b["line"] == client.site.line]
    return any(w["line"] < loop["line"] <= w.get("end", 0) for w in opened for loop in blk.forever_loops(func))
