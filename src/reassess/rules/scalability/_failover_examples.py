"""Code examples for giving one store a failover path, written with the cited client's own
names and keywords: Redis Sentinel, a multi-host PostgreSQL DSN with `target_session_attrs`,
a failover-aware proxy for MySQL, RabbitMQ nodes tried in turn."""
from __future__ import annotations

from typing import Any

from ...model.constants import text_of
from ._store_addresses import Store

_DEFAULT_NAMES = {"asyncpg": "pool", "psycopg_pool": "pool", "sqlalchemy": "engine", "databases": "database"}
_EXPRESSION_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_. ")


def binding(store: Store) -> str:
    """The name the example assigns: the client's own binding (not a pool it is built on)."""
    resource = next((r for r in store.resources if "ConnectionPool" not in r.factory), store.first)
    if resource.binding and resource.binding != "<returned>":
        return resource.binding
    return _DEFAULT_NAMES.get(resource.library, "client")


def example(store: Store) -> str:
    return _EXAMPLES.get(store.engine, _EXAMPLES[store.family])(store, binding(store))


def _kwargs_text(store: Store, drop: tuple[str, ...]) -> str:
    """The keywords written at the creation call, minus the address ones (`, ...` for `**`)."""
    written = store.site.kwargs if store.site is not None else store.first.config
    text = "".join(f", {k}={_value_text(v)}" for k, v in written.items() if k not in drop)
    return text + (", ..." if store.site is not None and store.site.star_args else "")


def _value_text(value: Any) -> str:
    return text_of(value) if isinstance(value, dict) else repr(value)


def _callee(store: Store) -> str:
    return store.site.name if store.site is not None and store.site.func else store.first.factory


def _written_address(store: Store) -> str:
    """The address expression as written when the facts keep it whole (`settings.database_url`,
    `dsn or settings.database_url`), else ""."""
    value = store.first.config.get("url")
    text = text_of(value) if isinstance(value, dict) else ""
    return text if text and set(text) <= _EXPRESSION_CHARS and not text.startswith("or ") else ""


def _redis(store: Store, name: str) -> str:
    resource = store.first
    module = "redis.asyncio.sentinel" if resource.details.get("async") else "redis.sentinel"
    module = "aioredis.sentinel" if resource.library == "aioredis" else module
    hosts = store.address.hosts if store.address.literal else []
    service = (hosts[0].split(".")[0].split(":")[0] if hosts and not hosts[0].startswith("localhost") else "") or \
        name.rsplit(".", 1)[-1].strip("_") or "mymaster"
    kwargs = _kwargs_text(store, ("url", "host", "port", "db", "connection_pool"))
    return (f"    from {module} import Sentinel\n\n"
            "    sentinel = Sentinel([(\"sentinel-1\", 26379), (\"sentinel-2\", 26379), (\"sentinel-3\", 26379)])\n"
            f"    {name} = sentinel.master_for(\"{service}\"{kwargs})\n\n"
            "(or `RedisCluster.from_url(...)` when the data is sharded across a cluster).")


def _postgres(store: Store, name: str) -> str:
    library = store.first.library
    if library == "sqlalchemy":
        return _sqlalchemy(store, name)
    if library in ("psycopg", "psycopg2", "psycopg_pool"):
        return _conninfo(store, name)
    kwargs = _kwargs_text(store, ("url", "dsn", "host", "port"))
    dsn = _multi_host_url(store, query=False)
    if store.address.literal:
        return f"    {name} = await asyncpg.create_pool(\"{dsn}\", target_session_attrs=\"read-write\"{kwargs})"
    written = _written_address(store) or "dsn"
    setting = f"{store.address.env}=" if store.address.env else f"{written} = "
    return (f"    # {setting}{dsn} (every host of the cluster)\n"
            f"    {name} = await asyncpg.create_pool({written}, target_session_attrs=\"read-write\"{kwargs})")


def _sqlalchemy(store: Store, name: str) -> str:
    url = _multi_host_url(store, query=True)
    if not store.address.literal and _written_address(store):
        setting = store.address.env or _written_address(store)
        return (f"    # in the environment: every host of the cluster, writes to the primary only\n"
                f"    {setting}={url}")
    return f"    {name} = {_callee(store)}(\n        \"{url}\"{_kwargs_text(store, ('url',))})"


def _conninfo(store: Store, name: str) -> str:
    database = store.address.database or "app"
    kwargs = _kwargs_text(store, ("url", "dsn", "conninfo", "host", "port"))
    return (f"    {name} = {_callee(store)}(\"host=db-1,db-2 port=5432,5432 dbname={database} "
            f"target_session_attrs=read-write\"{kwargs})")


def _multi_host_url(store: Store, query: bool) -> str:
    """The store's URL (scheme, user and database kept, credentials dropped) naming two hosts:
    libpq's `h1:5432,h2:5432` form, or SQLAlchemy's `?host=` parameters."""
    address = store.address
    scheme = address.scheme or ("postgresql+asyncpg" if query and store.first.details.get("async") else
                                "postgresql+psycopg2" if query else "postgresql")
    user = f"{address.user or 'user'}@"
    hosts = _two_hosts(store)
    database = address.database or "app"
    if query:
        return f"{scheme}://{user}/{database}?host={hosts[0]}&host={hosts[1]}&target_session_attrs=read-write"
    return f"{scheme}://{user}{hosts[0]},{hosts[1]}/{database}"


def _two_hosts(store: Store) -> tuple[str, str]:
    if store.address.literal and store.address.hosts:
        first = store.address.hosts[0]
        return (first if ":" in first else f"{first}:5432", "<standby-host>:5432")
    return ("db-1:5432", "db-2:5432")


def _proxy(store: Store, name: str) -> str:
    setting = store.address.env or _written_address(store) or "the database URL"
    scheme = store.address.scheme or ("mysql+aiomysql" if store.first.details.get("async") else "mysql+pymysql")
    return (f"    # MySQL drivers have no client-side failover: point {setting} at a failover-aware proxy\n"
            "    # (ProxySQL, MySQL Router) or at a managed cluster endpoint that follows the primary\n"
            f"    {name} = {_callee(store)}(\"{scheme}://{store.address.user or 'user'}@mysql-router:6446/"
            f"{store.address.database or 'app'}\"{_kwargs_text(store, ('url',))})")


def _amqp(store: Store, name: str) -> str:
    if store.first.library == "pika":
        return f"    {name} = pika.BlockingConnection([pika.URLParameters(url) for url in AMQP_NODE_URLS])"
    return ("    # aio_pika connects to one URL (connect_robust reconnects to that same node): try each node\n"
            "    for url in AMQP_NODE_URLS:\n"
            "        try:\n"
            f"            {name} = await aio_pika.connect_robust(url)\n"
            "            break\n"
            "        except ConnectionError:\n"
            "            continue")


_EXAMPLES = {"redis": _redis, "postgres": _postgres, "sql": _postgres, "mysql": _proxy, "amqp": _amqp}
