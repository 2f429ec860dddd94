"""Which resolved external call targets make a round trip to a database, cache or remote
service, and which of them are already the batched form.

The resolver names calls on instances by their class ("asyncpg.Pool.fetch",
"sqlalchemy.ext.asyncio.AsyncSession.execute"); anything after the method is an
attribute of the result ("httpx.AsyncClient.get.json") and is not a round trip itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from .clients import canonical

_ASYNCPG_METHODS = frozenset({
    "fetch", "fetchrow", "fetchval", "fetchmany", "execute", "executemany", "cursor",
    "copy_records_to_table", "copy_to_table", "copy_from_query", "copy_from_table", "prepare",
})
_DBAPI_METHODS = frozenset({"execute", "executemany", "fetch", "fetchrow", "fetchval", "callproc",
                            "copy_expert", "copy_from", "copy_to", "executescript"})
_SQLALCHEMY_METHODS = frozenset({
    "execute", "scalars", "scalar", "scalar_one", "get", "get_one", "query", "refresh", "stream",
    "stream_scalars", "merge", "exec_driver_sql",
})
REDIS_COMMANDS = frozenset({
    "get", "set", "setex", "setnx", "getset", "getdel", "incr", "incrby", "decr", "decrby", "expire",
    "delete", "exists", "ttl", "hget", "hset", "hgetall", "hincrby", "hdel", "hexists", "hkeys", "hvals",
    "hmget", "hmset", "sadd", "srem", "smembers", "sismember", "scard", "lpush", "rpush", "lpop", "rpop",
    "lrange", "llen", "ltrim", "zadd", "zrem", "zrange", "zrangebyscore", "zrevrange", "zscore", "zcard",
    "zincrby", "publish", "mget", "mset", "xadd", "xread", "xrange", "unlink", "eval", "evalsha",
})
_MONGO_METHODS = frozenset({
    "find_one", "find", "insert_one", "insert_many", "update_one", "update_many", "replace_one",
    "delete_one", "delete_many", "count_documents", "aggregate", "find_one_and_update", "bulk_write",
})
_HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "send",
                           "stream"})

# class (canonical dotted) -> (kind, methods that make a round trip)
_CLASSES: dict[str, tuple[str, frozenset[str]]] = {
    "asyncpg.Pool": ("sql", _ASYNCPG_METHODS),
    "asyncpg.pool.Pool": ("sql", _ASYNCPG_METHODS),
    "asyncpg.Connection": ("sql", _ASYNCPG_METHODS),
    "asyncpg.connection.Connection": ("sql", _ASYNCPG_METHODS),
    "asyncpg.pool.PoolConnectionProxy": ("sql", _ASYNCPG_METHODS),
    "psycopg2.extensions.connection": ("sql", _DBAPI_METHODS),
    "psycopg2.extensions.cursor": ("sql", _DBAPI_METHODS),
    "psycopg.Connection": ("sql", _DBAPI_METHODS),
    "psycopg.AsyncConnection": ("sql", _DBAPI_METHODS),
    "psycopg.Cursor": ("sql", _DBAPI_METHODS),
    "psycopg.AsyncCursor": ("sql", _DBAPI_METHODS),
    "aiosqlite.Connection": ("sql", _DBAPI_METHODS),
    "pymysql.connections.Connection": ("sql", _DBAPI_METHODS),
    "pymysql.cursors.Cursor": ("sql", _DBAPI_METHODS),
    "databases.Database": ("sql", frozenset({"fetch_all", "fetch_one", "fetch_val", "execute", "execute_many"})),
    "sqlalchemy.orm.Session": ("orm", _SQLALCHEMY_METHODS),
    "sqlalchemy.orm.session.Session": ("orm", _SQLALCHEMY_METHODS),
    "sqlalchemy.orm.scoped_session": ("orm", _SQLALCHEMY_METHODS),
    "sqlalchemy.ext.asyncio.AsyncSession": ("orm", _SQLALCHEMY_METHODS),
    "sqlalchemy.ext.asyncio.session.AsyncSession": ("orm", _SQLALCHEMY_METHODS),
    "sqlalchemy.ext.asyncio.async_scoped_session": ("orm", _SQLALCHEMY_METHODS),
    "sqlmodel.Session": ("orm", _SQLALCHEMY_METHODS | {"exec"}),
    "sqlmodel.ext.asyncio.session.AsyncSession": ("orm", _SQLALCHEMY_METHODS | {"exec"}),
    "sqlalchemy.Connection": ("sql", _SQLALCHEMY_METHODS),
    "sqlalchemy.engine.Connection": ("sql", _SQLALCHEMY_METHODS),
    "sqlalchemy.ext.asyncio.AsyncConnection": ("sql", _SQLALCHEMY_METHODS),
    "sqlalchemy.Engine": ("sql", frozenset({"execute"})),
    "redis.Redis": ("cache", REDIS_COMMANDS),
    "redis.StrictRedis": ("cache", REDIS_COMMANDS),
    "redis.asyncio.Redis": ("cache", REDIS_COMMANDS),
    "redis.asyncio.StrictRedis": ("cache", REDIS_COMMANDS),
    "redis.asyncio.client.Redis": ("cache", REDIS_COMMANDS),
    "aioredis.Redis": ("cache", REDIS_COMMANDS),
    "httpx.AsyncClient": ("http", _HTTP_METHODS),
    "httpx.Client": ("http", _HTTP_METHODS),
    "aiohttp.ClientSession": ("http", _HTTP_METHODS | {"ws_connect"}),
    "requests.Session": ("http", _HTTP_METHODS),
}
# module-level functions that make a round trip
_FUNCTIONS: dict[str, str] = {
    **{f"requests.{m}": "http" for m in ("get", "post", "put", "patch", "delete", "head", "options", "request")},
    **{f"httpx.{m}": "http" for m in ("get", "post", "put", "patch", "delete", "head", "options", "request",
                                      "stream")},
    "urllib.request.urlopen": "http",
}
# Query objects whose every method runs one named SQL statement on the connection passed as
# its first argument: aiosql's `queries = aiosql.from_path("sql/", "asyncpg")`, then
# `await queries.get_user_by_id(conn, id=1)`, or `queries.users.get_by_id(conn, ...)` for a
# subdirectory of .sql files. The SQL text lives in those files (not read here).
QUERY_OBJECT_FACTORIES = ("aiosql.from_path", "aiosql.from_str", "aiosql.queries.Queries")
# the query object's own API: loading and listing queries, not running one
_QUERY_OBJECT_API = frozenset({
    "add_query", "add_queries", "add_child_queries", "available_queries", "load_from_list", "load_from_tree",
    "driver_adapter", "is_aio", "kwargs_only", "attribute", "loader",
})
# the batched forms: one round trip for many rows or keys
_BATCHED = frozenset({
    "executemany", "copy_records_to_table", "copy_to_table", "copy_from_query", "copy_from_table",
    "copy_expert", "copy_from", "execute_many", "mget", "mset", "hmget", "insert_many", "bulk_write",
    "update_many", "delete_many", "executescript",
})
# motor: client.db.collection.method -> any path below the client
_MOTOR_CLIENTS = ("motor.motor_asyncio.AsyncIOMotorClient", "pymongo.MongoClient")

# every method name that makes a round trip on some client class (a cheap pre-filter)
TRIP_METHODS = frozenset().union(*(methods for _, methods in _CLASSES.values()), _MONGO_METHODS)

# SQLAlchemy statements built as objects and run later (`conn.execute(insert(events))`): the
# package their constructors come from, the constructor names, and the Core class a table is
SQLALCHEMY = "sqlalchemy"
STATEMENT_KINDS = frozenset({"select", "insert", "update", "delete"})
CORE_TABLE = "Table"

KIND_LABEL = {"sql": "SQL query", "orm": "ORM query", "cache": "cache command", "http": "HTTP request",
              "mongo": "MongoDB query"}


@dataclass(frozen=True, slots=True)
class RoundTrip:
    """A call that leaves the process: kind ("sql", "orm", "cache", "http", "mongo"), the
    method name and whether it is already a batched form."""

    kind: str
    method: str
    batched: bool

    @property
    def label(self) -> str:
        return KIND_LABEL.get(self.kind, "query")


def round_trip(target: str) -> RoundTrip | None:
    """The round trip an external call target makes, or None when it makes none."""
    target = canonical(target)
    kind = _FUNCTIONS.get(target)
    if kind:
        return RoundTrip(kind, target.rsplit(".", 1)[-1], False)
    owner, _, method = target.rpartition(".")
    known = _CLASSES.get(owner)
    if known is not None and method in known[1]:
        return RoundTrip(known[0], method, method in _BATCHED)
    if ".query." in target:  # session.query(Model).filter(...).all(): the chain ends in the query
        head = target.split(".query.", 1)[0]
        if _CLASSES.get(head, ("", frozenset()))[0] == "orm":
            return RoundTrip("orm", "query", False)
    for client in _MOTOR_CLIENTS:
        if target.startswith(client + ".") and method in _MONGO_METHODS:
            return RoundTrip("mongo", method, method in _BATCHED)
    if query_object_call(target):
        return RoundTrip("sql", method, False)
    return None


def query_object_call(target: str) -> bool:
    """`target` runs a named query of an aiosql-style query object (`aiosql.from_path.get_user`,
    `aiosql.from_path.users.get_by_id`): its first argument is the connection it runs on."""
    target = canonical(target)
    for factory in QUERY_OBJECT_FACTORIES:
        if target.startswith(factory + "."):
            path = target[len(factory) + 1:].split(".")
            return not any(part in _QUERY_OBJECT_API or part.startswith("_") for part in path)
    return False


def is_sql_runner(target: str) -> bool:
    """Calls whose first argument is SQL text (for matching statements to call sites)."""
    trip = round_trip(target)
    return trip is not None and trip.kind in ("sql", "orm") and trip.method in (
        "fetch", "fetchrow", "fetchval", "fetchmany", "execute", "executemany", "cursor", "prepare",
        "fetch_all", "fetch_one", "fetch_val", "execute_many", "exec_driver_sql", "copy_from_query",
        "scalars", "scalar", "stream")


def returns_rows(target: str) -> bool:
    """Calls that hand back every row of the result (as opposed to one row or a status)."""
    return target.rsplit(".", 1)[-1] in ("fetch", "fetch_all", "fetchall", "fetchmany")
