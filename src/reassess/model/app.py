"""The application layer of the model: entry points (routes, websockets, middleware,
lifespan, workers) and the resources they reach (pools, clients, caches).

Built once, lazily, from the project model (`model.app`). Shapes here are the
contract rules and the architecture report rely on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .project import ProjectModel

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

    def of_kind(self, *kinds: str) -> list[EntryPoint]:
        return [e for e in self.entrypoints if e.kind in kinds]

    def entry_functions(self) -> dict[str, EntryPoint]:
        return {e.function: e for e in self.entrypoints}


def build_app(model: "ProjectModel") -> AppModel:
    """Entry points from decorators (`@router.get`, `@app.websocket`, ...). Extended by the
    routing, lifespan and worker analyses."""
    app = AppModel()
    for fq, facts, func in model.iter_functions():
        for deco in func.decorators:
            parts = deco.func.split(".")
            verb = parts[-1]
            if len(parts) < 2 or not deco.is_call:
                continue
            route = deco.args[0] if deco.args and isinstance(deco.args[0], str) else ""
            if verb in HTTP_METHODS:
                methods = [verb.upper()] if verb not in ("api_route", "route") else ["*"]
                app.entrypoints.append(EntryPoint(
                    "http", fq, facts.path, func.line, f"{methods[0]} {route}",
                    runs_in="event-loop" if func.is_async else "threadpool", methods=methods, route=route))
            elif verb in ("websocket", "websocket_route"):
                app.entrypoints.append(EntryPoint("websocket", fq, facts.path, func.line, f"websocket {route}",
                                                  route=route))
    return app
