"""Library knowledge about clients, pools and the timeouts they honour.

Which constructors create a database pool, a cache or broker client or an HTTP client;
which keyword configures which timeout; what each library does when the keyword is
absent; and which methods perform network I/O (and the per-call keyword that overrides
the client's timeout there). Names are canonical dotted names as the resolver produces
them (`httpx.AsyncClient`, `asyncpg.create_pool`, `redis.asyncio.Redis.get`); use
`canonical()` on a name before looking it up.

Defaults (seconds unless the keyword says MS), checked against the libraries' docs/sources:

- httpx: `timeout=` defaults to 5 s for each phase (connect, read, write, pool); only
  `timeout=None` disables it. `httpx.Timeout(10, connect=2)` sets phases separately.
- aiohttp: `ClientSession(timeout=ClientTimeout(...))`, default `total=300` and, since
  aiohttp 3.10.9, `sock_connect=30`; `connect` and `sock_read` default to None. A per-call
  `timeout=` on `session.get()` replaces the session's.
- requests: no timeout at all unless `timeout=` is given (number or (connect, read)).
- urllib.request.urlopen: the socket default, None (no limit) unless set process-wide.
- asyncpg: `create_pool(timeout=60)` / `connect(timeout=60)` is the *connect* timeout;
  `command_timeout` (per statement) defaults to None; `pool.acquire(timeout=None)` waits
  forever for a free connection; `fetch*/execute(timeout=)` default to `command_timeout`.
- SQLAlchemy: `pool_timeout=30` is how long to wait for a pooled connection (pool_size 5,
  max_overflow 10); connect/statement timeouts only through the driver (`connect_args`).
- psycopg 3: `connect_timeout` defaults to 130 s (psycopg's own default); psycopg_pool
  `timeout=30` waits for a connection. psycopg2: libpq waits without limit.
- redis-py / redis.asyncio / aioredis 2: `socket_timeout` and `socket_connect_timeout`
  default to None (no limit); BlockingConnectionPool `timeout=20`.
- motor / pymongo: serverSelectionTimeoutMS 30000, connectTimeoutMS 20000,
  socketTimeoutMS None (no limit), waitQueueTimeoutMS None.
- aiokafka: request_timeout_ms 40000. websockets.connect: open_timeout 10, close_timeout 10.
- elasticsearch 8: request_timeout 10. boto3: connect and read timeouts 60 (botocore Config).
- neo4j driver 5: connection_timeout 30 (TCP connect), connection_acquisition_timeout 60 (a
  session's wait for a pooled or new connection), max_transaction_retry_time 30 (how long a managed
  transaction is retried); max_connection_pool_size 100; a transaction itself has no client-side
  limit (the server's `db.transaction.timeout` applies).
- opensearch-py: `timeout=10` per request.
- LanceDB: `lancedb.connect(uri)` / `connect_async(uri)` open a directory on the local disk (or an
  object-store path) in process; only a `db://` URI talks to LanceDB Cloud over HTTP. Qdrant,
  Weaviate, Milvus and Chroma's HTTP clients talk to a server; their timeout defaults are not
  asserted here.

A default this module does not assert is `UNKNOWN`: consumers must not invent one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Union

from .factories import FACTORY_RETURNS

UNKNOWN = "unknown"
"""A default this module does not know (never treat it as "no timeout")."""

Seconds = Union[float, None, str]  # a number of seconds, None for "no limit", or UNKNOWN

# Phases a timeout bounds.
CONNECT = "connect"  # establishing a new connection
READ = "read"  # waiting for response data
WRITE = "write"
POOL = "pool"  # waiting for a free connection from the client's own pool
TOTAL = "total"  # the whole operation
ACQUIRE = "acquire"  # waiting for a free pooled DB connection
COMMAND = "command"  # one statement / command
SOCKET = "socket"  # each socket read/write
SELECTION = "server-selection"  # MongoDB server selection
OPEN = "open"  # websocket handshake


@dataclass(frozen=True)
class Timeout:
    """One timeout: the keyword that sets it, the phase it bounds and its default.

    `unit` converts the written value to seconds (0.001 for ...MS keywords). `none_disables`:
    passing None explicitly means "no limit" (true for every library listed here).
    """

    kwarg: str
    phase: str
    default: Seconds
    unit: float = 1.0
    none_disables: bool = True
    note: str = ""
    position: int | None = None  # where the signature also takes it positionally (`smtplib.SMTP(h, p, None, 10)`)


@dataclass(frozen=True)
class ClientSpec:
    """A constructor (or one-shot call) that opens connections to something outside.

    kind: "database", "cache", "broker", "http-client", "search", "storage", "websocket-client".
    creates: canonical type of what it returns ("" for one-shot calls such as requests.get).
    one_shot: the call itself does the I/O and keeps nothing (requests.get, httpx.post).
    url_kwargs/url_arg: where the target address is written (keyword names, positional index).
    size_kwargs: keywords that size a pool.
    pool_kwargs: keywords that hand in a pool built elsewhere (`redis.Redis(connection_pool=pool)`):
    a client given one opens no pool of its own, it borrows connections from the one passed.
    """

    factory: str
    library: str
    kind: str
    creates: str = ""
    is_async: bool = False
    timeouts: tuple[Timeout, ...] = ()
    one_shot: bool = False
    url_kwargs: tuple[str, ...] = ()
    url_arg: int | None = 0
    size_kwargs: tuple[str, ...] = ()
    pool_kwargs: tuple[str, ...] = ()
    note: str = ""

    @property
    def close(self) -> str:
        """The method that releases what it opened: an engine is disposed; the asyncio clients of
        httpx and redis-py close with `aclose()`, their sync clients (`httpx.Client`, `redis.Redis`)
        with `close()`."""
        method = _CLOSE_METHODS.get(self.library, "close")
        return "close" if method == "aclose" and not self.is_async else method


# how a library's clients are closed, where it is not `close()`
_CLOSE_METHODS = {"sqlalchemy": "dispose", "httpx": "aclose", "redis": "aclose"}


@dataclass(frozen=True)
class OperationSpec:
    """Methods of a client type that do network I/O, and their per-call timeout keywords.

    A per-call timeout with default `INHERIT` falls back to the client's configuration.
    """

    owner: str
    methods: frozenset[str]
    timeouts: tuple[Timeout, ...] = ()
    note: str = ""


INHERIT = "inherit"
"""Per-call default meaning: whatever the client/pool was configured with."""

# ----- timeouts, per library ---------------------------------------------------------------
_HTTPX = (Timeout("timeout", "all", 5.0, note="connect, read, write and pool: 5 s each; None disables"),)
_AIOHTTP = (
    Timeout("timeout", TOTAL, 300.0, note="ClientTimeout(total=300, sock_connect=30) by default"),
    Timeout("timeout", "sock_connect", 30.0, note="default since aiohttp 3.10.9 (None before)"),
)
_REQUESTS = (Timeout("timeout", "all", None, note="requests waits forever unless timeout= is given"),)
_URLLIB = (Timeout("timeout", "all", None, note="socket default: no limit unless socket.setdefaulttimeout"),)


def _socket_default(position: int) -> tuple[Timeout, ...]:
    """A stdlib network client whose `timeout=` defaults to the process-wide socket default (None:
    no limit unless `socket.setdefaulttimeout`); `position` is where its signature takes it
    positionally (the pre-3.12 one for the SSL variants, which later made it keyword-only)."""
    return (Timeout("timeout", "all", None, position=position,
                    note="socket default: no limit unless socket.setdefaulttimeout"),)


_ASYNCPG_POOL = (
    Timeout("timeout", CONNECT, 60.0, note="connect timeout for new connections, not the acquire wait"),
    Timeout("command_timeout", COMMAND, None, note="per-statement default; None means no limit"),
)
_SQLALCHEMY = (
    Timeout("pool_timeout", ACQUIRE, 30.0, note="wait for a pooled connection (QueuePool)"),
    Timeout("connect_args", CONNECT, UNKNOWN, note="driver connect timeout, e.g. {'timeout': 10} for asyncpg"),
)
_PSYCOPG3 = (Timeout("connect_timeout", CONNECT, 130.0, note="psycopg 3 default when not given"),)
_PSYCOPG2 = (Timeout("connect_timeout", CONNECT, None, note="libpq waits without limit"),)
_PSYCOPG_POOL = (Timeout("timeout", ACQUIRE, 30.0, note="wait for a connection from the pool"),)
_REDIS = (
    Timeout("socket_timeout", SOCKET, None, note="each command waits forever by default"),
    Timeout("socket_connect_timeout", CONNECT, None, note="falls back to socket_timeout (None)"),
)
_REDIS_BLOCKING_POOL = (Timeout("timeout", ACQUIRE, 20.0, note="BlockingConnectionPool wait for a connection"),)
_MONGO = (
    Timeout("serverSelectionTimeoutMS", SELECTION, 30.0, unit=0.001),
    Timeout("connectTimeoutMS", CONNECT, 20.0, unit=0.001),
    Timeout("socketTimeoutMS", SOCKET, None, unit=0.001, note="no limit by default"),
    Timeout("waitQueueTimeoutMS", ACQUIRE, None, unit=0.001, note="no limit by default"),
)
_AIOKAFKA = (Timeout("request_timeout_ms", COMMAND, 40.0, unit=0.001),)
_WEBSOCKETS = (Timeout("open_timeout", OPEN, 10.0), Timeout("close_timeout", "close", 10.0))
_ELASTIC = (Timeout("request_timeout", TOTAL, 10.0),)
_SQLITE = (Timeout("timeout", "lock", 5.0, note="wait for a database lock"),)
_NEO4J = (
    Timeout("connection_timeout", CONNECT, 30.0, note="TCP connect to a server"),
    Timeout("connection_acquisition_timeout", ACQUIRE, 60.0, note="a session's wait for a pooled or new connection"),
    Timeout("max_transaction_retry_time", "retry", 30.0, note="how long a managed transaction is retried"),
)
_OPENSEARCH = (Timeout("timeout", TOTAL, 10.0, note="per request"),)


def _spec(factory: str, library: str, kind: str, **kw: Any) -> ClientSpec:
    return ClientSpec(factory=factory, library=library, kind=kind, **kw)


_SPECS: list[ClientSpec] = [
    # HTTP clients
    _spec("httpx.AsyncClient", "httpx", "http-client", creates="httpx.AsyncClient", is_async=True,
          timeouts=_HTTPX, url_kwargs=("base_url",), url_arg=None, size_kwargs=("limits",)),
    _spec("httpx.Client", "httpx", "http-client", creates="httpx.Client", timeouts=_HTTPX,
          url_kwargs=("base_url",), url_arg=None, size_kwargs=("limits",)),
    _spec("aiohttp.ClientSession", "aiohttp", "http-client", creates="aiohttp.ClientSession", is_async=True,
          timeouts=_AIOHTTP, url_kwargs=("base_url",), url_arg=0, size_kwargs=("connector",)),
    _spec("requests.Session", "requests", "http-client", creates="requests.Session", timeouts=_REQUESTS,
          url_arg=None),
    _spec("requests.session", "requests", "http-client", creates="requests.Session", timeouts=_REQUESTS,
          url_arg=None),
    _spec("urllib3.PoolManager", "urllib3", "http-client", creates="urllib3.PoolManager", timeouts=_URLLIB,
          url_arg=None, size_kwargs=("maxsize", "num_pools")),
    # one-shot HTTP calls
    *[_spec(f"requests.{m}", "requests", "http-client", one_shot=True, timeouts=_REQUESTS,
            url_kwargs=("url",), url_arg=1 if m == "request" else 0)
      for m in ("get", "post", "put", "patch", "delete", "head", "options", "request")],
    *[_spec(f"httpx.{m}", "httpx", "http-client", one_shot=True, timeouts=_HTTPX,
            url_kwargs=("url",), url_arg=1 if m == "request" else 0)
      for m in ("get", "post", "put", "patch", "delete", "head", "options", "request", "stream")],
    _spec("aiohttp.request", "aiohttp", "http-client", one_shot=True, is_async=True, timeouts=_AIOHTTP,
          url_kwargs=("url",), url_arg=1),
    _spec("urllib.request.urlopen", "urllib", "http-client", one_shot=True, timeouts=_URLLIB,
          url_kwargs=("url",), url_arg=0),
    # stdlib network clients: the constructor connects (when given a host) and keeps its timeout for
    # every later exchange; none is set unless `timeout=` is passed
    *[_spec(name, name.split(".")[0], kind, one_shot=True, timeouts=_socket_default(position),
            url_kwargs=("host",), url_arg=0)
      for name, kind, position in (
          ("smtplib.SMTP", "mail", 3), ("smtplib.SMTP_SSL", "mail", 5),
          ("poplib.POP3", "mail", 2), ("poplib.POP3_SSL", "mail", 4),
          ("imaplib.IMAP4", "mail", 2), ("imaplib.IMAP4_SSL", "mail", 5),
          ("ftplib.FTP", "file-transfer", 4), ("ftplib.FTP_TLS", "file-transfer", 7),
          ("http.client.HTTPConnection", "socket-client", 2), ("http.client.HTTPSConnection", "socket-client", 4),
          ("telnetlib.Telnet", "socket-client", 2))],
    # PostgreSQL
    _spec("asyncpg.create_pool", "asyncpg", "database", creates="asyncpg.Pool", is_async=True,
          timeouts=_ASYNCPG_POOL, url_kwargs=("dsn",), size_kwargs=("min_size", "max_size")),
    _spec("asyncpg.connect", "asyncpg", "database", creates="asyncpg.Connection", is_async=True,
          timeouts=_ASYNCPG_POOL, url_kwargs=("dsn",)),
    _spec("psycopg.connect", "psycopg", "database", creates="psycopg.Connection", timeouts=_PSYCOPG3,
          url_kwargs=("conninfo",)),
    _spec("psycopg.AsyncConnection.connect", "psycopg", "database", creates="psycopg.AsyncConnection",
          is_async=True, timeouts=_PSYCOPG3, url_kwargs=("conninfo",)),
    _spec("psycopg_pool.ConnectionPool", "psycopg_pool", "database", creates="psycopg_pool.ConnectionPool",
          timeouts=_PSYCOPG_POOL, url_kwargs=("conninfo",), size_kwargs=("min_size", "max_size")),
    _spec("psycopg_pool.AsyncConnectionPool", "psycopg_pool", "database",
          creates="psycopg_pool.AsyncConnectionPool", is_async=True, timeouts=_PSYCOPG_POOL,
          url_kwargs=("conninfo",), size_kwargs=("min_size", "max_size")),
    _spec("psycopg2.connect", "psycopg2", "database", creates="psycopg2.extensions.connection",
          timeouts=_PSYCOPG2, url_kwargs=("dsn",)),
    _spec("psycopg2.pool.SimpleConnectionPool", "psycopg2", "database",
          creates="psycopg2.pool.SimpleConnectionPool", timeouts=_PSYCOPG2, url_arg=None,
          size_kwargs=("minconn", "maxconn")),
    _spec("psycopg2.pool.ThreadedConnectionPool", "psycopg2", "database",
          creates="psycopg2.pool.ThreadedConnectionPool", timeouts=_PSYCOPG2, url_arg=None,
          size_kwargs=("minconn", "maxconn")),
    # SQLAlchemy (and SQLModel, which re-exports create_engine)
    _spec("sqlalchemy.create_engine", "sqlalchemy", "database", creates="sqlalchemy.Engine",
          timeouts=_SQLALCHEMY, url_kwargs=("url",), size_kwargs=("pool_size", "max_overflow")),
    _spec("sqlmodel.create_engine", "sqlalchemy", "database", creates="sqlalchemy.Engine",
          timeouts=_SQLALCHEMY, url_kwargs=("url",), size_kwargs=("pool_size", "max_overflow")),
    _spec("sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy", "database",
          creates="sqlalchemy.ext.asyncio.AsyncEngine", is_async=True, timeouts=_SQLALCHEMY,
          url_kwargs=("url",), size_kwargs=("pool_size", "max_overflow")),
    _spec("databases.Database", "databases", "database", creates="databases.Database", is_async=True,
          url_kwargs=("url",), size_kwargs=("min_size", "max_size")),
    # other databases
    _spec("motor.motor_asyncio.AsyncIOMotorClient", "motor", "database",
          creates="motor.motor_asyncio.AsyncIOMotorClient", is_async=True, timeouts=_MONGO,
          url_kwargs=("host",), size_kwargs=("maxPoolSize", "minPoolSize")),
    _spec("pymongo.MongoClient", "pymongo", "database", creates="pymongo.MongoClient", timeouts=_MONGO,
          url_kwargs=("host",), size_kwargs=("maxPoolSize", "minPoolSize")),
    _spec("sqlite3.connect", "sqlite3", "database", creates="sqlite3.Connection", timeouts=_SQLITE,
          url_kwargs=("database",)),
    _spec("aiosqlite.connect", "aiosqlite", "database", creates="aiosqlite.Connection", is_async=True,
          timeouts=_SQLITE, url_kwargs=("database",)),
    # Redis
    *[_spec(name, "redis", "cache", creates=creates, is_async=name.startswith("redis.asyncio"),
            timeouts=_REDIS, url_kwargs=("url",), url_arg=0 if "from_url" in name else None,
            size_kwargs=("max_connections",),
            pool_kwargs=("connection_pool",) if name.rsplit(".", 1)[-1] in ("Redis", "StrictRedis") else ())
      for name, creates in (
          ("redis.Redis", "redis.Redis"), ("redis.StrictRedis", "redis.Redis"),
          ("redis.from_url", "redis.Redis"), ("redis.Redis.from_url", "redis.Redis"),
          ("redis.asyncio.Redis", "redis.asyncio.Redis"), ("redis.asyncio.StrictRedis", "redis.asyncio.Redis"),
          ("redis.asyncio.from_url", "redis.asyncio.Redis"), ("redis.asyncio.Redis.from_url", "redis.asyncio.Redis"),
          ("redis.ConnectionPool", "redis.ConnectionPool"),
          ("redis.ConnectionPool.from_url", "redis.ConnectionPool"),
          ("redis.asyncio.ConnectionPool", "redis.asyncio.ConnectionPool"),
          ("redis.asyncio.ConnectionPool.from_url", "redis.asyncio.ConnectionPool"),
          # a Sentinel-managed master: its keywords (with the Sentinel's own) configure the connection
          ("redis.sentinel.Sentinel.master_for", "redis.Redis"),
          ("redis.asyncio.sentinel.Sentinel.master_for", "redis.asyncio.Redis"),
          ("redis.sentinel.Sentinel.slave_for", "redis.Redis"),
          ("redis.asyncio.sentinel.Sentinel.slave_for", "redis.asyncio.Redis"))],
    _spec("redis.BlockingConnectionPool", "redis", "cache", creates="redis.BlockingConnectionPool",
          timeouts=_REDIS + _REDIS_BLOCKING_POOL, url_arg=None, size_kwargs=("max_connections",)),
    _spec("redis.asyncio.BlockingConnectionPool", "redis", "cache",
          creates="redis.asyncio.BlockingConnectionPool", is_async=True,
          timeouts=_REDIS + _REDIS_BLOCKING_POOL, url_arg=None, size_kwargs=("max_connections",)),
    *[_spec(name, "aioredis", "cache", creates="aioredis.Redis", is_async=True, timeouts=_REDIS,
            url_kwargs=("url",), url_arg=0 if "from_url" in name else None, size_kwargs=("max_connections",),
            pool_kwargs=("connection_pool",) if name.rsplit(".", 1)[-1] in ("Redis", "StrictRedis") else ())
      for name in ("aioredis.from_url", "aioredis.Redis", "aioredis.Redis.from_url", "aioredis.StrictRedis")],
    _spec("aioredis.create_redis_pool", "aioredis", "cache", creates="aioredis.Redis", is_async=True,
          url_kwargs=("address",), size_kwargs=("minsize", "maxsize"), note="aioredis 1.x"),
    # brokers
    _spec("aiokafka.AIOKafkaProducer", "aiokafka", "broker", creates="aiokafka.AIOKafkaProducer",
          is_async=True, timeouts=_AIOKAFKA, url_kwargs=("bootstrap_servers",), url_arg=None),
    _spec("aiokafka.AIOKafkaConsumer", "aiokafka", "broker", creates="aiokafka.AIOKafkaConsumer",
          is_async=True, timeouts=_AIOKAFKA, url_kwargs=("bootstrap_servers",), url_arg=None),
    _spec("kafka.KafkaProducer", "kafka-python", "broker", creates="kafka.KafkaProducer",
          url_kwargs=("bootstrap_servers",), url_arg=None),
    _spec("kafka.KafkaConsumer", "kafka-python", "broker", creates="kafka.KafkaConsumer",
          url_kwargs=("bootstrap_servers",), url_arg=None),
    _spec("confluent_kafka.Producer", "confluent-kafka", "broker", creates="confluent_kafka.Producer"),
    _spec("confluent_kafka.Consumer", "confluent-kafka", "broker", creates="confluent_kafka.Consumer"),
    _spec("aio_pika.connect_robust", "aio-pika", "broker", creates="aio_pika.RobustConnection", is_async=True,
          url_kwargs=("url",)),
    _spec("aio_pika.connect", "aio-pika", "broker", creates="aio_pika.Connection", is_async=True,
          url_kwargs=("url",)),
    _spec("pika.BlockingConnection", "pika", "broker", creates="pika.BlockingConnection"),
    _spec("nats.connect", "nats", "broker", creates="nats.aio.client.Client", is_async=True,
          url_kwargs=("servers",)),
    _spec("celery.Celery", "celery", "broker", creates="celery.Celery", url_kwargs=("broker",), url_arg=None,
          note="the broker Celery sends tasks through"),
    # search, storage, websockets
    _spec("elasticsearch.Elasticsearch", "elasticsearch", "search", creates="elasticsearch.Elasticsearch",
          timeouts=_ELASTIC, url_kwargs=("hosts",)),
    _spec("elasticsearch.AsyncElasticsearch", "elasticsearch", "search",
          creates="elasticsearch.AsyncElasticsearch", is_async=True, timeouts=_ELASTIC, url_kwargs=("hosts",)),
    *[_spec(f"opensearchpy.{name}", "opensearch-py", "search", creates=f"opensearchpy.{name}",
            is_async=name.startswith("Async"), timeouts=_OPENSEARCH, url_kwargs=("hosts",))
      for name in ("OpenSearch", "AsyncOpenSearch")],
    # graph and vector stores
    *[_spec(f"neo4j.{root}.driver", "neo4j", "database", creates=f"neo4j.{creates}", is_async=root.startswith("Async"),
            timeouts=_NEO4J, url_kwargs=("uri",), size_kwargs=("max_connection_pool_size",))
      for root, creates in (("GraphDatabase", "Driver"), ("AsyncGraphDatabase", "AsyncDriver"))],
    *[_spec(f"lancedb.{name}", "lancedb", "search", creates=f"lancedb.{creates}", is_async=name.endswith("async"),
            url_kwargs=("uri",), note="a local directory opened in process; a `db://` URI is LanceDB Cloud")
      for name, creates in (("connect", "DBConnection"), ("connect_async", "AsyncConnection"))],
    *[_spec(f"qdrant_client.{name}", "qdrant-client", "search", creates=f"qdrant_client.{name}",
            is_async=name.startswith("Async"), url_kwargs=("url", "host", "location"))
      for name in ("QdrantClient", "AsyncQdrantClient")],
    *[_spec(f"weaviate.{name}", "weaviate", "search", creates="weaviate.WeaviateClient", url_arg=None,
            url_kwargs=("url", "host", "http_host", "cluster_url"))
      for name in ("Client", "connect_to_local", "connect_to_custom", "connect_to_weaviate_cloud")],
    _spec("pymilvus.MilvusClient", "pymilvus", "search", creates="pymilvus.MilvusClient", url_kwargs=("uri",)),
    *[_spec(f"chromadb.{name}", "chromadb", "search", creates=f"chromadb.{name}", is_async=name.startswith("Async"),
            url_kwargs=("host",), url_arg=None)
      for name in ("HttpClient", "AsyncHttpClient")],
    _spec("boto3.client", "boto3", "storage", creates="boto3.client", url_kwargs=("endpoint_url",),
          url_arg=None, timeouts=(Timeout("config", "all", 60.0, note="botocore connect/read timeouts 60 s"),)),
    _spec("boto3.resource", "boto3", "storage", creates="boto3.resource", url_kwargs=("endpoint_url",),
          url_arg=None, timeouts=(Timeout("config", "all", 60.0, note="botocore connect/read timeouts 60 s"),)),
    # aioboto3: `session.client("s3")` is an async context manager that opens its own connection pool
    *[_spec(f"{root}.client", "aioboto3", "storage", creates=f"{root}.client", is_async=True,
            url_kwargs=("endpoint_url",), url_arg=None,
            timeouts=(Timeout("config", "all", 60.0, note="botocore connect/read timeouts 60 s"),))
      for root in ("aioboto3.Session", "aioboto3.session.Session")],
    _spec("websockets.connect", "websockets", "websocket-client", creates="websockets.ClientConnection",
          is_async=True, timeouts=_WEBSOCKETS, url_kwargs=("uri",)),
]

SOCKET_DEFAULT_LIBRARIES = frozenset({"urllib", "smtplib", "poplib", "imaplib", "ftplib", "http", "telnetlib"})
"""Libraries whose sockets `socket.setdefaulttimeout(n)` bounds when the call sets no timeout.
Not requests: it hands urllib3 an explicit `Timeout(connect=None, read=None)` when no timeout is
given, which sets the socket blocking and ignores the process-wide default (psf/requests #2555)."""

SOCKET_DEFAULT_IGNORED = frozenset({"requests"})
"""Libraries that override `socket.setdefaulttimeout(n)` with no limit when the call sets none."""

LOCAL_FILE_DRIVERS = ("sqlite3.", "aiosqlite.", "sqlean.", "pysqlite3.")
"""Database drivers that open a file on the local disk (SQLite and its builds): no server or
network stands behind the connection, so an engine over them has no remote side to stall."""

LOCAL_FILE_URLS = ("sqlite",)
"""URL schemes of such databases (`sqlite:///app.db`, `sqlite+aiosqlite://`)."""

CLIENTS: dict[str, ClientSpec] = {spec.factory: spec for spec in _SPECS}
"""Constructor (or one-shot call) -> what it creates. Keys are canonical dotted names."""

# calls that send an email: a message that goes out once per call, to a person
MAIL_SENDS = frozenset({"smtplib.SMTP.send_message", "smtplib.SMTP.sendmail", "smtplib.SMTP_SSL.send_message",
                        "smtplib.SMTP_SSL.sendmail", "aiosmtplib.send", "aiosmtplib.SMTP.send_message",
                        "aiosmtplib.SMTP.sendmail"})
_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send"})
_PG_QUERY = frozenset({"fetch", "fetchrow", "fetchval", "execute", "executemany", "copy_records_to_table",
                       "copy_to_table", "copy_from_query", "copy_from_table", "cursor"})
_SA_QUERY = frozenset({"execute", "scalar", "scalars", "scalar_one", "get", "stream", "stream_scalars",
                       "commit", "flush", "refresh", "exec", "run_sync"})

_OPERATIONS: list[OperationSpec] = [
    OperationSpec("httpx.AsyncClient", _HTTP_VERBS, (Timeout("timeout", "all", INHERIT),)),
    OperationSpec("httpx.Client", _HTTP_VERBS, (Timeout("timeout", "all", INHERIT),)),
    OperationSpec("aiohttp.ClientSession", _HTTP_VERBS | {"ws_connect"}, (Timeout("timeout", TOTAL, INHERIT),)),
    OperationSpec("requests.Session", _HTTP_VERBS, (Timeout("timeout", "all", None),),
                  note="Session has no default timeout; only the per-call timeout= counts"),
    OperationSpec("urllib3.PoolManager", frozenset({"request", "urlopen"}), (Timeout("timeout", "all", INHERIT),)),
    OperationSpec("asyncpg.Pool", _PG_QUERY, (Timeout("timeout", COMMAND, INHERIT),)),
    OperationSpec("asyncpg.Pool", frozenset({"acquire"}), (Timeout("timeout", ACQUIRE, None),),
                  note="pool.acquire() without timeout= waits forever for a free connection"),
    OperationSpec("asyncpg.Connection", _PG_QUERY | {"prepare"}, (Timeout("timeout", COMMAND, INHERIT),)),
    OperationSpec("sqlalchemy.Engine", frozenset({"connect", "begin"}), ()),
    OperationSpec("sqlalchemy.Connection", _SA_QUERY, ()),
    OperationSpec("sqlalchemy.orm.Session", _SA_QUERY, ()),
    OperationSpec("sqlalchemy.ext.asyncio.AsyncEngine", frozenset({"connect", "begin"}), ()),
    OperationSpec("sqlalchemy.ext.asyncio.AsyncConnection", _SA_QUERY, ()),
    OperationSpec("sqlalchemy.ext.asyncio.AsyncSession", _SA_QUERY, ()),
    OperationSpec("psycopg_pool.ConnectionPool", frozenset({"connection", "getconn"}),
                  (Timeout("timeout", ACQUIRE, INHERIT),)),
    OperationSpec("psycopg_pool.AsyncConnectionPool", frozenset({"connection", "getconn"}),
                  (Timeout("timeout", ACQUIRE, INHERIT),)),
]

OPERATIONS: dict[str, list[OperationSpec]] = {}
for _op in _OPERATIONS:
    OPERATIONS.setdefault(_op.owner, []).append(_op)

# Spellings that name the same thing as a canonical key.
ALIASES: dict[str, str] = {
    "httpx._client.AsyncClient": "httpx.AsyncClient",
    "httpx._client.Client": "httpx.Client",
    "aiohttp.client.ClientSession": "aiohttp.ClientSession",
    "requests.sessions.Session": "requests.Session",
    "requests.api.get": "requests.get",
    "requests.api.post": "requests.post",
    "asyncpg.pool.create_pool": "asyncpg.create_pool",
    "asyncpg.pool.Pool": "asyncpg.Pool",
    "asyncpg.connection.Connection": "asyncpg.Connection",
    "sqlalchemy.engine.create_engine": "sqlalchemy.create_engine",
    "sqlalchemy.engine.Engine": "sqlalchemy.Engine",
    "sqlalchemy.ext.asyncio.engine.create_async_engine": "sqlalchemy.ext.asyncio.create_async_engine",
    "sqlalchemy.ext.asyncio.session.AsyncSession": "sqlalchemy.ext.asyncio.AsyncSession",
    "sqlalchemy.orm.session.Session": "sqlalchemy.orm.Session",
    "sqlmodel.Session": "sqlalchemy.orm.Session",
    # fastapi-sqlalchemy's `db.session`: the SQLAlchemy Session its middleware opens for each request
    "fastapi_sqlalchemy.db.session": "sqlalchemy.orm.Session",
    "fastapi_sqlalchemy.middleware.db.session": "sqlalchemy.orm.Session",
    "sqlmodel.ext.asyncio.session.AsyncSession": "sqlalchemy.ext.asyncio.AsyncSession",
    "redis.client.Redis": "redis.Redis",
    "redis.Sentinel": "redis.sentinel.Sentinel",
    "redis.asyncio.Sentinel": "redis.asyncio.sentinel.Sentinel",
    "redis.client.StrictRedis": "redis.Redis",
    "redis.asyncio.client.Redis": "redis.asyncio.Redis",
    "redis.asyncio.client.StrictRedis": "redis.asyncio.Redis",
    "motor.AsyncIOMotorClient": "motor.motor_asyncio.AsyncIOMotorClient",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "psycopg_pool.pool.ConnectionPool": "psycopg_pool.ConnectionPool",
    "psycopg_pool.pool_async.AsyncConnectionPool": "psycopg_pool.AsyncConnectionPool",
    "elasticsearch.client.Elasticsearch": "elasticsearch.Elasticsearch",
    "neo4j._async.driver.AsyncGraphDatabase": "neo4j.AsyncGraphDatabase",
    "neo4j._sync.driver.GraphDatabase": "neo4j.GraphDatabase",
    "qdrant_client.qdrant_client.QdrantClient": "qdrant_client.QdrantClient",
    "qdrant_client.async_qdrant_client.AsyncQdrantClient": "qdrant_client.AsyncQdrantClient",
    "pymilvus.milvus_client.MilvusClient": "pymilvus.MilvusClient",
}


@lru_cache(maxsize=65536)  # asked for every external call site by many passes
def canonical(name: str) -> str:
    """The canonical spelling of a dotted name (longest alias prefix replaced)."""
    if name in ALIASES:
        return ALIASES[name]
    head, _, tail = name.rpartition(".")
    while head:
        if head in ALIASES:
            return f"{ALIASES[head]}.{tail}"
        head, _, more = head.rpartition(".")
        tail = f"{more}.{tail}"
    return name


@lru_cache(maxsize=65536)  # asked for every external call site by many passes
def client_spec(name: str) -> ClientSpec | None:
    """The spec of a constructor or one-shot call, e.g. "httpx.AsyncClient", "requests.post"."""
    return CLIENTS.get(canonical(name))


@lru_cache(maxsize=65536)  # asked for every external call site by many passes
def operation_spec(name: str) -> tuple[OperationSpec, str] | None:
    """For a method call like "asyncpg.Pool.acquire": its OperationSpec and the method name."""
    owner, _, method = canonical(name).rpartition(".")
    for spec in OPERATIONS.get(owner, ()):
        if method in spec.methods:
            return spec, method
    return None


def _derived_types() -> dict[str, set[str]]:
    """Types reachable from a type through its factory methods (Pool -> Connection -> Transaction)."""
    direct: dict[str, set[str]] = {}
    for key, value in FACTORY_RETURNS.items():
        owner, _, _method = key.rpartition(".")
        if owner and owner != value:
            direct.setdefault(canonical(owner), set()).add(canonical(value))
    for engine, session in (("sqlalchemy.Engine", "sqlalchemy.orm"), ("sqlalchemy.ext.asyncio.AsyncEngine",
                                                                   "sqlalchemy.ext.asyncio")):
        # sessions and session factories bound to an engine use its pool
        maker = "async_sessionmaker" if "asyncio" in session else "sessionmaker"
        kind = "AsyncSession" if "asyncio" in session else "Session"
        direct.setdefault(engine, set()).update({f"{session}.{maker}", f"{session}.{kind}"})
    closed: dict[str, set[str]] = {}
    for start in direct:
        seen: set[str] = set()
        stack = [start]
        while stack:
            for nxt in direct.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        closed[start] = seen
    return closed


DERIVED: dict[str, set[str]] = _derived_types()


def family(type_name: str) -> set[str]:
    """The type and every type derived from it (a pool's connections, an engine's sessions)."""
    name = canonical(type_name)
    return {name, *DERIVED.get(name, ())}


@dataclass
class EffectiveTimeout:
    """A timeout as the code sets it: written value (literal form), default, effective seconds."""

    kwarg: str
    phase: str
    written: Any = None  # the literal form as written, None when absent
    present: bool = False
    default: Seconds = UNKNOWN
    effective: Seconds = UNKNOWN  # seconds, None = no limit, UNKNOWN, or INHERIT
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kwarg": self.kwarg, "phase": self.phase, "present": self.present, "written": self.written,
                "default": self.default, "effective": self.effective, "note": self.note}


def effective(timeout: Timeout, kwargs: dict[str, Any], literal_none: bool = False) -> EffectiveTimeout:
    """Apply one Timeout to the keywords of a call (literal forms from the facts).

    `literal_none`: the keyword is present and its value is the literal None (the facts
    store None for both "None" and "an expression they cannot represent", and mark the
    first in `CallSite.none_kwargs`). A number is converted with the keyword's unit; any other
    expression gives UNKNOWN (configured, value not known statically).
    """
    result = EffectiveTimeout(timeout.kwarg, timeout.phase, default=timeout.default, note=timeout.note)
    if timeout.kwarg not in kwargs:
        result.effective = timeout.default
        return result
    value = kwargs[timeout.kwarg]
    result.present, result.written = True, value
    if value is None:
        result.effective = None if literal_none and timeout.none_disables else UNKNOWN
    elif isinstance(value, bool):
        result.effective = UNKNOWN
    elif isinstance(value, (int, float)):
        result.effective = float(value) * timeout.unit
    elif isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
        result.effective = float(max(value)) * timeout.unit  # requests' (connect, read) tuple
    else:
        result.effective = UNKNOWN
    return result


def describe_seconds(value: Seconds) -> str:
    """Human text for a seconds value: "5 s", "no limit", "unknown", "client default"."""
    if value is None:
        return "no limit"
    if value == UNKNOWN:
        return "unknown"
    if value == INHERIT:
        return "client default"
    number = float(value)
    return f"{number:g} s"


# Objects that carry timeouts per phase, passed as `timeout=`.
TIMEOUT_OBJECTS: dict[str, tuple[str, ...]] = {
    "httpx.Timeout": ("connect", "read", "write", "pool"),
    "aiohttp.ClientTimeout": ("total", "connect", "sock_read", "sock_connect"),
}


def expand_timeout_object(name: str, args: tuple, kwargs: dict[str, Any]) -> dict[str, Seconds]:
    """Per-phase seconds of `httpx.Timeout(...)` / `aiohttp.ClientTimeout(...)` as written.

    httpx.Timeout(10, connect=2): every phase 10 except connect 2; httpx.Timeout(None)
    disables all. aiohttp.ClientTimeout(total=10): the fields not given are None (no
    limit), so `ClientTimeout(connect=5)` has no total limit at all.
    """
    name = canonical(name)
    phases = TIMEOUT_OBJECTS.get(name)
    if phases is None:
        return {}

    def seconds(value: Any) -> Seconds:
        if value is None or isinstance(value, bool):
            return UNKNOWN if value is not None else None
        return float(value) if isinstance(value, (int, float)) else UNKNOWN

    if name == "httpx.Timeout":
        base: Any = args[0] if args else kwargs.get("timeout", UNKNOWN)
        return {p: seconds(kwargs[p]) if p in kwargs else (UNKNOWN if base == UNKNOWN else seconds(base))
                for p in phases}
    positional = dict(zip(phases, args))
    return {p: seconds(kwargs[p]) if p in kwargs else seconds(positional.get(p)) for p in phases}


BOUND_TO: dict[str, tuple[str, int]] = {
    "sqlalchemy.orm.sessionmaker": ("bind", 0),
    "sqlalchemy.ext.asyncio.async_sessionmaker": ("bind", 0),
    "sqlalchemy.orm.scoped_session": ("session_factory", 0),
    "sqlalchemy.ext.asyncio.async_scoped_session": ("session_factory", 0),
    "sqlalchemy.orm.Session": ("bind", 0),
    "sqlalchemy.ext.asyncio.AsyncSession": ("bind", 0),
    "sqlmodel.Session": ("bind", 0),
    "sqlmodel.ext.asyncio.session.AsyncSession": ("bind", 0),
}
"""Wrappers that use a resource passed to them: constructor -> (keyword, position) of it.
A session made by `sessionmaker(bind=engine)` uses `engine`'s pool."""

# ----- asyncio streams ------------------------------------------------------------------------
# `asyncio.open_connection()` hands out a (StreamReader, StreamWriter) pair; neither has a timeout of its own.
STREAM_CONNECTS = frozenset({"asyncio.open_connection", "asyncio.open_unix_connection"})
# A connect over the network waits for the kernel's SYN retries; one to a local unix socket
# succeeds or fails at once (nobody listening is ECONNREFUSED), so only the former needs a limit.
NETWORK_CONNECTS = frozenset({"asyncio.open_connection"})
STREAM_READS = frozenset({"read", "readline", "readexactly", "readuntil"})  # StreamReader: wait for the peer
STREAM_SENDS = frozenset({"write", "writelines", "drain"})  # StreamWriter


# libraries whose calls fail when a database, cache, broker or remote service does
IO_LIBRARIES = frozenset({"sqlalchemy", "asyncpg", "redis", "aioredis", "aiohttp", "httpx", "motor", "aiokafka",
                          "aio_pika", "psycopg", "databases", "elasticsearch", "aiobotocore"})
