"""What known library calls return, so that `pool = await asyncpg.create_pool()` makes
`pool.acquire()` resolve to `asyncpg.Pool.acquire`. Keys and values are canonical dotted names."""
from __future__ import annotations

FACTORY_RETURNS: dict[str, str] = {
    # asyncpg
    "asyncpg.create_pool": "asyncpg.Pool",
    "asyncpg.connect": "asyncpg.Connection",
    "asyncpg.Pool.acquire": "asyncpg.Connection",
    "asyncpg.pool.Pool.acquire": "asyncpg.Connection",
    "asyncpg.Connection.transaction": "asyncpg.Transaction",
    # SQLAlchemy
    "sqlalchemy.create_engine": "sqlalchemy.Engine",
    "sqlalchemy.ext.asyncio.create_async_engine": "sqlalchemy.ext.asyncio.AsyncEngine",
    "sqlalchemy.ext.asyncio.async_sessionmaker": "sqlalchemy.ext.asyncio.async_sessionmaker",
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.Engine.connect": "sqlalchemy.Connection",
    "sqlalchemy.Engine.begin": "sqlalchemy.Connection",
    "sqlalchemy.ext.asyncio.AsyncEngine.connect": "sqlalchemy.ext.asyncio.AsyncConnection",
    "sqlalchemy.ext.asyncio.AsyncEngine.begin": "sqlalchemy.ext.asyncio.AsyncConnection",
    "sqlalchemy.ext.asyncio.async_sessionmaker.__call__": "sqlalchemy.ext.asyncio.AsyncSession",
    "sqlalchemy.orm.sessionmaker.__call__": "sqlalchemy.orm.Session",
    # redis
    "redis.Redis.from_url": "redis.Redis",
    "redis.from_url": "redis.Redis",
    "redis.StrictRedis": "redis.Redis",
    "redis.asyncio.from_url": "redis.asyncio.Redis",
    "redis.asyncio.Redis.from_url": "redis.asyncio.Redis",
    "redis.asyncio.StrictRedis": "redis.asyncio.Redis",
    "aioredis.from_url": "aioredis.Redis",
    "aioredis.Redis.from_url": "aioredis.Redis",
    "redis.Redis.pipeline": "redis.client.Pipeline",
    "redis.asyncio.Redis.pipeline": "redis.asyncio.client.Pipeline",
    "redis.asyncio.Redis.pubsub": "redis.asyncio.client.PubSub",
    # aio-pika
    "aio_pika.connect_robust": "aio_pika.RobustConnection",
    "aio_pika.connect": "aio_pika.Connection",
    # HTTP
    "aiohttp.ClientSession": "aiohttp.ClientSession",
    "requests.Session": "requests.Session",
    "requests.session": "requests.Session",
    # psycopg / sqlite
    "psycopg2.connect": "psycopg2.extensions.connection",
    "psycopg2.extensions.connection.cursor": "psycopg2.extensions.cursor",
    "psycopg.connect": "psycopg.Connection",
    "psycopg.AsyncConnection.connect": "psycopg.AsyncConnection",
    "pymysql.connect": "pymysql.connections.Connection",
    "pymysql.connections.Connection.cursor": "pymysql.cursors.Cursor",
    "sqlite3.connect": "sqlite3.Connection",
    "sqlite3.Connection.cursor": "sqlite3.Cursor",
    # motor
    "motor.motor_asyncio.AsyncIOMotorClient": "motor.motor_asyncio.AsyncIOMotorClient",
    # asyncio
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.create_task": "asyncio.Task",
    "asyncio.ensure_future": "asyncio.Task",
    "asyncio.Lock": "asyncio.Lock",
    "asyncio.Queue": "asyncio.Queue",
    "threading.Lock": "threading.Lock",
    "threading.RLock": "threading.RLock",
    "builtins.open": "io.TextIOWrapper",
}

# What `async with x as y` binds when x's type is a wrapper whose `__aenter__` returns another
# object: a project helper annotated `-> PoolAcquireContext` still yields a pooled Connection.
ENTERED_AS: dict[str, str] = {
    "asyncpg.pool.PoolAcquireContext": "asyncpg.Connection",
    "asyncpg.PoolAcquireContext": "asyncpg.Connection",
}
# Annotations whose subscript is the entered value: `-> AsyncContextManager[asyncpg.Connection]`.
CONTEXT_MANAGER_ANNOTATIONS = ("AsyncContextManager", "AbstractAsyncContextManager", "ContextManager",
                               "AbstractContextManager")
