"""A client whose address cannot be read names the store the others of its kind name, when
they name only one: superagi-like `redis.Redis.from_url("redis://" + url + "/0")` beside a
`Redis (redis_url)` client is one Redis, not two."""
from __future__ import annotations

from pathlib import Path

from test_app_model import build_model

_QUEUE = '''import os

import redis

redis_url = os.environ["REDIS_URL"]


class TaskQueue:
    def __init__(self) -> None:
        self.db = redis.Redis.from_url(redis_url, decode_responses=True)

    def push(self, task: str) -> None:
        self.db.lpush("q", task)
'''
_VECTORS = '''import redis

from .settings import get_config


class Vectors:
    def __init__(self) -> None:
        url = get_config("REDIS_URL")
        self.client = redis.Redis.from_url("redis://" + url + "/0")

    def add(self, key: str) -> None:
        self.client.set(key, "1")
'''
_SETTINGS = '''import os


def get_config(name: str) -> str:
    return os.environ.get(name, "")
'''
_CACHE = '''import os

import redis

CACHE_URL = os.environ["CACHE_URL"]
cache = redis.Redis.from_url(CACHE_URL)
'''


def _stores(root: Path, files: dict[str, str]) -> dict[str, str]:
    (root / "q").mkdir()
    (root / "q" / "__init__.py").write_text("")
    for name, text in files.items():
        (root / "q" / name).write_text(text)
    return {r.path: r.details["store"] for r in build_model(root).app.resources}


def test_unaddressed_client_joins_the_only_named_store(tmp_path):
    stores = _stores(tmp_path, {"queue.py": _QUEUE, "vectors.py": _VECTORS, "settings.py": _SETTINGS})
    assert stores == {"q/queue.py": "Redis (redis_url)", "q/vectors.py": "Redis (redis_url)"}


def test_unaddressed_client_stays_apart_among_two_named_stores(tmp_path):
    stores = _stores(tmp_path, {"queue.py": _QUEUE, "vectors.py": _VECTORS, "settings.py": _SETTINGS,
                                "cache.py": _CACHE})
    assert stores == {"q/queue.py": "Redis (redis_url)", "q/vectors.py": "Redis", "q/cache.py": "Redis (CACHE_URL)"}


_OTHER_SERVER = _VECTORS.replace('get_config("REDIS_URL")', 'get_config("VECTOR_DB_URL")')


def test_unaddressed_client_read_from_another_setting_stays_apart(tmp_path):
    """`url = get_config("VECTOR_DB_URL")` may be a second Redis server: not joined to `redis_url`."""
    stores = _stores(tmp_path, {"queue.py": _QUEUE, "vectors.py": _OTHER_SERVER, "settings.py": _SETTINGS})
    assert stores == {"q/queue.py": "Redis (redis_url)", "q/vectors.py": "Redis"}


_SUPERAGI_QUEUE = '''import redis

from .settings import get_config

redis_url = get_config("REDIS_URL") or "localhost:6379"


class TaskQueue:
    def __init__(self) -> None:
        self.db = redis.Redis.from_url("redis://" + redis_url + "/0", decode_responses=True)

    def push(self, task: str) -> None:
        self.db.lpush("q", task)
'''
_SUPERAGI_VECTORS = _VECTORS.replace('url = get_config("REDIS_URL")', 'redis_url = get_config("REDIS_URL")') \
    .replace('"redis://" + url', '"redis://" + redis_url')


def test_unaddressed_client_read_from_the_same_name_joins(tmp_path):
    """superagi: both build `"redis://" + redis_url`, one from a module name, one from a local."""
    stores = _stores(tmp_path, {"queue.py": _SUPERAGI_QUEUE, "vectors.py": _SUPERAGI_VECTORS,
                                "settings.py": _SETTINGS})
    assert stores == {"q/queue.py": "Redis (redis_url)", "q/vectors.py": "Redis (redis_url)"}


_GRAPH = '''import os

from neo4j import AsyncGraphDatabase

GRAPH_URL = os.environ["GRAPH_URL"]


class GraphStore:
    def __init__(self) -> None:
        self.driver = AsyncGraphDatabase.driver(GRAPH_URL, auth=("neo4j", "secret"))

    async def count(self) -> int:
        async with self.driver.session() as session:
            result = await session.run("MATCH (n) RETURN count(n) AS n")
            return (await result.single())["n"]
'''
_VECTOR = '''import lancedb


class VectorStore:
    def __init__(self, path: str) -> None:
        self.path = path
        self.connection = None

    async def connect(self):
        self.connection = await lancedb.connect_async(self.path)
        return self.connection
'''
_GRAPH_HELPER = '''class GraphDatabase:
    """A project class of the same name: no driver."""

    @staticmethod
    def driver(url: str) -> str:
        return url


store = GraphDatabase.driver("bolt://localhost:7687")
'''


def test_graph_and_vector_stores_are_named_stores(tmp_path):
    """A Neo4j driver and a LanceDB connection are stores of their own, named after the engine; a
    project class spelled like the driver's factory opens nothing."""
    stores = _stores(tmp_path, {"graph.py": _GRAPH, "vectors.py": _VECTOR, "helper.py": _GRAPH_HELPER})
    assert stores == {"q/graph.py": "Neo4j (GRAPH_URL)", "q/vectors.py": "LanceDB (self.path)"}
