"""Engines and cache clients, built once per shard or per event loop and kept."""
import asyncio
import threading

import redis
import redis.asyncio as aioredis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()
_LOOP_CLIENTS: dict[asyncio.AbstractEventLoop, aioredis.Redis] = {}
SHARD_URLS = {"main": "postgresql://db/main", "eu": "postgresql://db/eu"}


def _build_engine(url: str) -> Engine:
    return create_engine(url, pool_size=5, max_overflow=5)


def engine_for(shard: str) -> Engine:
    engine = _ENGINES.get(shard)
    if engine is not None:
        return engine
    with _ENGINES_LOCK:
        engine = _ENGINES.get(shard)
        if engine is not None:
            return engine
        # look-alike: built once per shard and kept in the module's registry
        engine = _build_engine(SHARD_URLS[shard])
        _ENGINES[shard] = engine
        return engine


def _sentinel_client() -> aioredis.Redis:
    sentinel = aioredis.sentinel.Sentinel([("sentinel", 26379)])
    return sentinel.master_for("main", max_connections=20)


def _build_client(use_sentinel: bool) -> aioredis.Redis:
    if use_sentinel:
        return _sentinel_client()
    return aioredis.Redis(host="cache", max_connections=20)


async def client_for_loop(use_sentinel: bool = False) -> aioredis.Redis:
    loop = asyncio.get_running_loop()
    existing = _LOOP_CLIENTS.get(loop)
    if existing is not None:
        return existing
    # look-alike: one client per event loop, kept in a module-level map
    client = _build_client(use_sentinel)
    _LOOP_CLIENTS[loop] = client
    return client


class Primary:
    _engine: Engine | None = None
    _lock = threading.Lock()

    @classmethod
    def init(cls, url: str) -> None:
        with cls._lock:
            if cls._engine is not None:
                return
            engine = create_engine(url, pool_size=10)  # look-alike: kept on the class below
            cls._engine = engine

    @classmethod
    def get(cls) -> Engine:
        if cls._engine is None:
            raise RuntimeError("not initialised")
        return cls._engine


class CachePool:
    def __init__(self) -> None:
        self._pool = redis.ConnectionPool(host="cache", max_connections=50)

    def client(self) -> redis.Redis:
        # look-alike: a client over the shared pool opens no pool of its own
        return redis.Redis(connection_pool=self._pool)

    def close(self) -> None:
        self._pool.disconnect()


cache_pool = CachePool()


def archive_count(url: str) -> int:
    engine = _build_engine(url)  # expect: connection-management
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM archive")).scalar_one())


def _report_engine(url: str) -> Engine:
    return create_engine(url, pool_size=2)


class MonthlyReport:
    def __init__(self, url: str) -> None:
        # firing: the constructor of a per-request object builds a pool with every instance
        self.engine = _report_engine(url)  # expect: connection-management

    def total(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT sum(amount) FROM entries")).scalar_one())
