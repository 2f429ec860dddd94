"""Library methods that are coroutine functions: calling one without `await` creates a
coroutine that never runs.

Keyed by the class name the resolver gives an instance ("redis.asyncio.Redis.publish").
Only methods whose call returns a bare coroutine are listed: `AsyncClient.stream`
(an async context manager), `asyncpg` `cursor()` (a factory usable with `async for`),
redis pipelines (commands queue synchronously) and `put_nowait` are deliberately absent.
"""
from __future__ import annotations

from ...knowledge.queries import REDIS_COMMANDS

_ASYNCPG = frozenset({"fetch", "fetchrow", "fetchval", "fetchmany", "execute", "executemany", "prepare",
                      "copy_records_to_table", "copy_to_table", "copy_from_query", "copy_from_table",
                      "close", "reload_schema_state", "set_type_codec"})
_REDIS = REDIS_COMMANDS | {"expireat", "pexpire", "persist", "rename", "flushdb", "ping", "aclose"}
_HTTPX = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "aclose"})
_ASYNC_SESSION = frozenset({"execute", "scalars", "scalar", "get", "get_one", "refresh", "merge", "stream",
                            "stream_scalars", "commit", "rollback", "flush", "delete", "close", "run_sync"})
_ASYNC_CONNECTION = frozenset({"execute", "scalar", "scalars", "stream", "commit", "rollback", "close",
                               "run_sync", "exec_driver_sql"})
_PSYCOPG = frozenset({"execute", "commit", "rollback", "close"})
_WEBSOCKET = frozenset({"accept", "close", "send_text", "send_json", "send_bytes", "send", "receive",
                        "receive_text", "receive_json", "receive_bytes"})

# class (as the resolver names it) -> its coroutine methods
_CLASSES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("asyncpg.Pool", "asyncpg.pool.Pool", "asyncpg.Connection", "asyncpg.connection.Connection",
                     "asyncpg.pool.PoolConnectionProxy"), _ASYNCPG),
    **dict.fromkeys(("redis.asyncio.Redis", "redis.asyncio.StrictRedis", "redis.asyncio.client.Redis",
                     "aioredis.Redis"), _REDIS),
    "httpx.AsyncClient": _HTTPX,
    **dict.fromkeys(("sqlalchemy.ext.asyncio.AsyncSession", "sqlalchemy.ext.asyncio.session.AsyncSession",
                     "sqlmodel.ext.asyncio.session.AsyncSession"), _ASYNC_SESSION),
    "sqlalchemy.ext.asyncio.AsyncConnection": _ASYNC_CONNECTION,
    "psycopg.AsyncConnection": _PSYCOPG,
    "databases.Database": frozenset({"fetch_all", "fetch_one", "fetch_val", "execute", "execute_many",
                                     "connect", "disconnect"}),
    **dict.fromkeys(("starlette.websockets.WebSocket", "fastapi.WebSocket", "fastapi.websockets.WebSocket"),
                    _WEBSOCKET),
    **dict.fromkeys(("asyncio.Queue", "asyncio.queues.Queue", "asyncio.PriorityQueue", "asyncio.LifoQueue"),
                    frozenset({"put", "get", "join"})),
    "asyncio.Event": frozenset({"wait"}),
}
# module-level coroutine functions
_FUNCTIONS = frozenset({"asyncio.sleep", "asyncio.wait_for", "asyncio.wait", "asyncpg.connect"})


def library_coroutine(target: str) -> bool:
    """The external call target is a coroutine function of a known async library."""
    if target in _FUNCTIONS:
        return True
    owner, _, method = target.rpartition(".")
    return method in _CLASSES.get(owner, ())
