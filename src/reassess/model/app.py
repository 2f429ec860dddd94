"""The application layer of the model: entry points (routes, websockets, middleware,
lifespan, workers) and the resources they reach (pools, clients, caches).

Built once, lazily, from the project model (`model.app`). Shapes here are the
contract rules and the architecture report rely on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from ..discovery import is_test_path as discovered_test_path

if TYPE_CHECKING:
    from .project import Edge, ProjectModel


@lru_cache(maxsize=65536)
def is_test_path(path: str) -> bool:
    """Test code is not part of the running system: `tests/`, `test_*.py`, `*_test.py`, conftest.
    Memoised: rules ask it of the same few thousand paths hundreds of thousands of times."""
    parts = path.split("/")
    name = parts[-1]
    return any(p in ("tests", "test", "testing") for p in parts[:-1]) or name.startswith("test_") or \
        name.endswith("_test.py") or name == "conftest.py"


def project_callers(model: "ProjectModel", fq: str) -> list["Edge"]:
    """The edges into `fq` from project functions outside the tests, in `model.callers` order."""
    functions = model.functions
    return [e for e in model.callers.get(fq, ()) if e.caller in functions
            and not is_test_path(functions[e.caller][0].path)]


def under(module: str, names: Iterable[str]) -> bool:
    """Whether `module` is one of `names` or inside one of them (`PyQt5.QtCore` under `PyQt5`)."""
    return any(module == name or module.startswith(name + ".") for name in names)


@lru_cache(maxsize=65536)
def is_suite_path(path: str) -> bool:
    """A module of the project's own test suite, as discovery reads it even outside `focus`
    (`test_*.py`, `*_test.py`, `conftest.py`, a `tests/` or `test/` folder). A `testing/` package of
    other modules is not: it is a helper library shipped for users' tests (fixtures, reusable suites)."""
    return discovered_test_path(path)


def is_offline_module(facts: Any) -> bool:
    """Code that never runs in the served process: tests and database migrations (alembic)."""
    return is_test_path(facts.path) or any(imp.module == "alembic" or imp.module.startswith("alembic.")
                                           for imp in facts.imports)


def offline_modules(model: "ProjectModel") -> frozenset[str]:
    """Names of the modules `is_offline_module` holds for, built once per run (the builders
    ask it for every call site)."""
    return model.memo("offline_modules", lambda: frozenset(
        name for name, facts in model.modules.items() if is_offline_module(facts)))


def scope_facts(model: "ProjectModel", scope: str) -> tuple[Any, Any]:
    """(module facts, function facts or None) of a scope: a call site's scope is a function fq,
    or a module name for module-level code."""
    if scope in model.functions:
        return model.functions[scope]
    return model.modules[scope], None


def is_offline_scope(model: "ProjectModel", scope: str) -> bool:
    """`is_offline_module` of the module a scope (function fq, else module name) belongs to."""
    found = model.functions.get(scope)
    return (found[0].module if found is not None else scope) in offline_modules(model)


def served_edges(model: "ProjectModel") -> list[tuple[str, list["Edge"]]]:
    """(scope, call sites) of the code that runs in the served process: module level first,
    then functions, each sorted. The routing, worker and resource builders all walk these."""
    def build() -> list[tuple[str, list["Edge"]]]:
        scoped = [(m, model.module_edges[m]) for m in sorted(model.module_edges)]
        scoped += [(fq, model.edges[fq]) for fq in sorted(model.edges)]
        return [(scope, edges) for scope, edges in scoped if not is_offline_scope(model, scope)]
    return model.memo("served_edges", build)


def sync_on_loop(model: "ProjectModel") -> dict[str, "EntryPoint"]:
    """Sync entry functions the framework itself calls on the event loop (a Tornado verb method
    without `@run_on_executor`, a Litestar handler without `sync_to_thread=True`, a Tornado
    periodic callback) -> their entry: as a coroutine's, their blocking work stalls the loop.
    FastAPI's sync endpoints run in its threadpool and are not among them. Once per run."""
    from ..knowledge.webframes import SYNC_ON_LOOP

    def build() -> dict[str, "EntryPoint"]:
        found: dict[str, EntryPoint] = {}
        for entry in model.app.entrypoints:
            func = model.functions.get(entry.function)
            if func is not None and not func[1].is_async and entry.runs_in == "event-loop" \
                    and entry.details.get("framework") in SYNC_ON_LOOP and entry.kind in ("http", "websocket", "job"):
                found.setdefault(entry.function, entry)
        return found
    return model.memo("app.sync_on_loop", build)


def runs_on_loop(model: "ProjectModel", fq: str) -> bool:
    """A coroutine, or a sync function its framework calls on the event loop (`sync_on_loop`)."""
    found = model.functions.get(fq)
    return bool(found) and (found[1].is_async or fq in sync_on_loop(model))


HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "api_route", "route")


@dataclass
class EntryPoint:
    """Where work enters the program.

    kind: "http", "websocket", "middleware", "lifespan", "startup", "shutdown",
          "exception-handler", "worker" (a long-running task/loop), "task" (a one-shot
          background task), "job" (Celery/arq/RQ/dramatiq/APScheduler).
    runs_in: "event-loop" for coroutines, "threadpool" for sync FastAPI endpoints and
          dependencies, "thread"/"process" for work handed to executors.
    """

    kind: str
    function: str  # fq of the handler
    path: str  # file, relative
    line: int
    name: str  # display: "GET /api/orders/{id}", "websocket /ws/prices", "worker price_poller.run"
    runs_in: str = "event-loop"
    methods: list[str] = field(default_factory=list)
    route: str = ""  # full prefixed path for http/websocket
    dependencies: list[str] = field(default_factory=list)  # fq of Depends() providers, transitively
    started_at: tuple[str, int] | None = None  # where a worker/task is started
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Resource:
    """A database pool/engine/session, cache/broker client or HTTP client as created in code.

    kind: "database", "cache", "broker", "http-client", "search", "storage".
    config: keyword arguments as written (literal form), e.g. {"max_size": 20, "timeout": 10}.
    """

    kind: str
    library: str  # "asyncpg", "sqlalchemy", "redis", "httpx", "aiohttp", "requests", ...
    factory: str  # canonical dotted constructor, e.g. "asyncpg.create_pool"
    path: str
    line: int
    function: str  # fq of the creating function, or the module for module level
    binding: str = ""  # where it is stored: "self.pool", "app.state.redis", "client"
    config: dict[str, Any] = field(default_factory=dict)
    users: list[str] = field(default_factory=list)  # fq of functions that use it
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class AppModel:
    entrypoints: list[EntryPoint] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # what could not be followed, said plainly
    # apps and routers: {"key", "kind", "name", "path", "line", "prefix", "mounted_at": [full prefixes]}
    routers: list[dict[str, Any]] = field(default_factory=list)
    # in-process queues: {"key", "path", "line", "function", "binding", "maxsize", "bounded",
    #                     "producers": [{"function", "path", "line"}], "consumers": [...]}
    channels: list[dict[str, Any]] = field(default_factory=list)
    # SQL strings: {"path", "line", "function", "operation", "tables", "text", "executed_by", "resource", "in_loop"}
    sql: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # figures of the build (edges the routing added)

    def of_kind(self, *kinds: str) -> list[EntryPoint]:
        """The entry points of these kinds, in entry order (a copy; rules ask per store or per
        route, so the answer is kept until an entry point is added)."""
        key = (kinds, len(self.entrypoints))
        known = self.__dict__.setdefault("_of_kind", {})
        if key not in known:
            known[key] = [e for e in self.entrypoints if e.kind in kinds]
        return list(known[key])

    def entry_functions(self) -> dict[str, EntryPoint]:
        """Entry points by handler function (a copy, kept like `of_kind`)."""
        key = len(self.entrypoints)
        known = self.__dict__.get("_by_function")
        if known is None or known[0] != key:
            known = self.__dict__["_by_function"] = (key, {e.function: e for e in self.entrypoints})
        return dict(known[1])

    def entries_through(self, reached: Iterable[str]) -> list[EntryPoint]:
        """Entry points whose handler, or one of whose `Depends()` providers (or its
        `__init__`), is among `reached`, in entry order. Rules ask this once per store, pool or
        client; the index makes each question cost the size of `reached`, not of the app."""
        index = self.__dict__.get("_through")
        if index is None:
            index = self.__dict__["_through"] = {}
            for position, entry in enumerate(self.entrypoints):
                names = {entry.function, *entry.dependencies, *(f"{d}.__init__" for d in entry.dependencies)}
                for name in names:
                    index.setdefault(name, []).append((position, entry))
        found = {position: entry for name in reached for position, entry in index.get(name, ())}
        return [found[position] for position in sorted(found)]

    def resource_at(self, key: str) -> Resource | None:
        """The resource created at "path:line:col" (Resource.details["key"])."""
        return next((r for r in self.resources if r.details.get("key") == key), None)

    def users_of(self, fq: str) -> list[Resource]:
        """Resources a function uses directly."""
        return [r for r in self.resources if fq in r.users]


def build_app(model: "ProjectModel") -> AppModel:
    """Routes and websockets (full paths), middleware, exception handlers, lifespan and
    startup code, background workers and jobs, resources with their users, queues and SQL."""
    from .command_registry import command_entries
    from .depends import link_declared_above
    from .lifespan import lifecycle_entries
    from .litestar_routes import litestar_entries
    from .resources import ResourceFinder
    from .routing import RoutingBuilder, mountings, route_entries
    from .socketio_events import socketio_entries
    from .sql import sql_uses
    from .tornado_routes import tornado_entries
    from .workers import WorkerFinder

    app = AppModel()
    builder = RoutingBuilder(model)
    routing = builder.build()
    app.entrypoints += route_entries(builder)
    # the providers routers, include_router calls and the app declare become edges of their routes
    app.details["declared_depends_edges"] = link_declared_above(model, builder.declared_above)
    app.entrypoints += lifecycle_entries(builder)
    app.entrypoints += litestar_entries(model) + tornado_entries(model)  # frameworks without a routing object
    app.entrypoints += socketio_entries(model)  # socket.io event handlers
    app.entrypoints += command_entries(model, app.entrypoints)  # commands an endpoint looks up in a registry
    startup = sorted({e.function for e in app.entrypoints if e.kind in ("lifespan", "startup")
                      and e.function in model.functions})
    workers = WorkerFinder(model, builder.origins, startup)
    app.entrypoints += workers.find()
    finder = ResourceFinder(model, set(startup))
    app.resources = finder.find()
    app.channels = finder.channels
    app.sql = sql_uses(model, finder, app.resources)
    for obj in sorted(routing.objects.values(), key=lambda o: (o.creation.path, o.creation.line)):
        app.routers.append({
            "key": obj.key, "kind": obj.kind, "name": obj.name, "path": obj.creation.path,
            "line": obj.creation.line, "prefix": obj.prefix,
            "mounted_at": sorted({m.base + obj.prefix for m in mountings(routing, obj.key)}),
            "dependencies": obj.dependencies,
        })
    app.unresolved = sorted(set(routing.unresolved + workers.unresolved + finder.unresolved))
    app.entrypoints.sort(key=lambda e: (_KIND_ORDER.get(e.kind, 99), e.route or e.name, e.path, e.line))
    return app


_KIND_ORDER = {"http": 0, "websocket": 1, "middleware": 2, "exception-handler": 3, "lifespan": 4, "startup": 5,
               "shutdown": 6, "worker": 7, "task": 8, "job": 9}
