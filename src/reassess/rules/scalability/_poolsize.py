"""How many connections one process's database pool can hold, with the libraries' defaults,
and which kinds of process use the pool (web processes, Celery/arq/RQ/dramatiq workers).

- asyncpg `create_pool`: max_size (default 10; min_size default 10 must not exceed it).
- SQLAlchemy `create_engine` / `create_async_engine`: QueuePool pool_size (default 5) +
  max_overflow (default 10); `pool_size=0` or `max_overflow=-1` lift the bound, NullPool opens
  a connection per checkout and StaticPool/SingletonThreadPool are not sized pools at all.
- psycopg_pool `ConnectionPool` / `AsyncConnectionPool`: max_size (default: min_size, 4).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model.constants import Constants, text_of

if TYPE_CHECKING:
    from ...model.app import Resource
    from ...model.project import ProjectModel

# factory -> ((keyword, default), ...) summed to the pool's capacity
_SIZES = {
    "asyncpg.create_pool": (("max_size", 10),),
    "sqlalchemy.create_engine": (("pool_size", 5), ("max_overflow", 10)),
    "sqlmodel.create_engine": (("pool_size", 5), ("max_overflow", 10)),
    "sqlalchemy.ext.asyncio.create_async_engine": (("pool_size", 5), ("max_overflow", 10)),
    "psycopg_pool.ConnectionPool": (("max_size", None),),
    "psycopg_pool.AsyncConnectionPool": (("max_size", None),),
}
_LIBRARY_NAMES = {"asyncpg": "asyncpg", "sqlalchemy": "SQLAlchemy", "psycopg_pool": "psycopg_pool"}
_PSYCOPG_MIN_SIZE = 4
_SIZED_POOLCLASSES = ("QueuePool", "AsyncAdaptedQueuePool")
_WEB_KINDS = frozenset({"http", "websocket", "middleware", "lifespan", "startup", "shutdown", "exception-handler",
                        "worker", "task"})


@dataclass(frozen=True)
class Size:
    keyword: str
    value: int
    written: str  # "settings.db_pool_max_size" as written, "" for the library default
    env: str = ""


@dataclass(frozen=True)
class Capacity:
    connections: int
    sizes: tuple[Size, ...]
    library: str

    def formula(self) -> str:
        """"pool_size 5 + max_overflow 10 (SQLAlchemy's defaults) = 15"-style text."""
        parts = [_size_text(size, self.library) for size in self.sizes]
        joined = " + ".join(parts)
        return f"{joined} = {self.connections}" if len(parts) > 1 else joined

    @property
    def defaults_only(self) -> bool:
        return not any(size.written for size in self.sizes)


def _size_text(size: Size, library: str) -> str:
    if not size.written:
        return f"{size.keyword} {size.value} ({_LIBRARY_NAMES.get(library, library)}'s default)"
    if size.written == str(size.value):
        return f"{size.keyword}={size.value}"
    env = f", env {size.env}" if size.env else ""
    return f"{size.keyword}={size.written} ({size.value}{env})"


def capacity(model: "ProjectModel", resource: "Resource", values: Constants) -> Capacity | None:
    """Connections the pool holds at most, or None when it is not a bounded pool whose size the
    code fixes (unknown settings, sizes hidden in **kwargs, NullPool, SQLite)."""
    sizes = _SIZES.get(resource.factory)
    if sizes is None or resource.details.get("one_shot") or resource.details.get("store", "").startswith("SQLite"):
        return None
    config = resource.config
    if "poolclass" in config and text_of(config["poolclass"]).rsplit(".", 1)[-1] not in _SIZED_POOLCLASSES:
        return None
    call = "\n".join(model.lines(resource.path)[resource.line - 1: resource.details.get("end_line", resource.line)])
    found: list[Size] = []
    for keyword, default in sizes:
        if keyword not in config:
            if "**" in call:
                return None  # the size may be hidden in **kwargs
            if default is None:  # psycopg_pool: max_size defaults to min_size
                found.append(_min_size(config, resource, values) or Size("min_size", _PSYCOPG_MIN_SIZE, ""))
                continue
            found.append(Size(keyword, default, ""))
            continue
        traced = values.of_value(resource.function, config[keyword])
        if not traced.known or not isinstance(traced.value, int) or isinstance(traced.value, bool):
            return None
        found.append(Size(keyword, traced.value, traced.text, traced.env))
    total = sum(size.value for size in found)
    if any(size.value < 0 for size in found) or any(s.keyword == "pool_size" and s.value == 0 for s in found):
        return None  # SQLAlchemy: no upper bound
    return Capacity(total, tuple(found), resource.library) if total > 0 else None


def _min_size(config: dict, resource: "Resource", values: Constants) -> Size | None:
    if "min_size" not in config:
        return None
    traced = values.of_value(resource.function, config["min_size"])
    if traced.known and isinstance(traced.value, int) and not isinstance(traced.value, bool):
        return Size("min_size", traced.value, traced.text, traced.env)
    return None


def pool_users(model: "ProjectModel", resource: "Resource") -> dict[str, list]:
    """Every function that reaches a use of the pool (or its creation), with its call chain."""
    seeds: dict[str, object] = {fq: None for fq in resource.users if fq in model.functions}
    if resource.function in model.functions:
        seeds[resource.function] = None
    return model.reach(seeds, lambda edge: True)


def process_kinds(model: "ProjectModel", resource: "Resource", reaching: dict[str, list]) -> set[str]:
    """"web" when web-process code reaches the pool; the job framework ("celery", "arq", ...)
    when jobs do. A pool no entry point reaches is taken to live in the web process that
    imports it."""
    kinds: set[str] = set()
    for entry in model.app.entries_through(reaching):
        if entry.kind == "job":
            kinds.add(str(entry.details.get("framework", "")))
        elif entry.kind in _WEB_KINDS:
            kinds.add("web")
    return kinds or {"web"}
