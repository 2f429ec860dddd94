"""RA511's example matches the client it replaces (sync or asyncio, its library) and the program
that builds it (a web app's lifespan, or once per worker process)."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

WORKER = '''
import redis
from celery import Celery

celery_app = Celery("jobs", broker="redis://localhost:6379/0")


class Queue:
    def __init__(self, url: str):
        self.db = redis.Redis.from_url(url, max_connections=20)

    def push(self, item: str):
        self.db.lpush("jobs", item)


@celery_app.task
def enqueue(item: str):
    Queue("redis://localhost:6379/1").push(item)
'''

WEB = '''
import redis.asyncio
from fastapi import FastAPI

app = FastAPI()


@app.get("/hits/{key}")
async def hits(key: str):
    db = redis.asyncio.Redis.from_url("redis://localhost:6379/0", max_connections=20)
    return await db.incr(key)
'''


def _ra511(tmp_path: Path, source: str):
    (tmp_path / "app.py").write_text(source)
    return [f for f in assess(tmp_path).findings if f.rule == "RA511"]


def test_worker_client_example_is_per_process_and_sync(tmp_path: Path) -> None:
    found = _ra511(tmp_path, WORKER)
    assert found, "a redis client built per celery task run is reported"
    text = found[0].recommendation
    assert "redis.Redis.from_url(" in text and "per process" in text
    assert "lifespan" not in text and "httpx" not in text and "await" not in text


def test_web_client_example_is_lifespan_and_async(tmp_path: Path) -> None:
    found = _ra511(tmp_path, WEB)
    assert found, "an asyncio redis client built per request is reported"
    text = found[0].recommendation
    assert "lifespan" in text and "redis.asyncio.Redis.from_url(" in text and "await app.state.cache.aclose()" in text
    assert "httpx" not in text


AIOHTTP = '''
import redis.asyncio
from aiohttp import web


async def hits(request: web.Request) -> web.Response:
    db = redis.asyncio.Redis.from_url("redis://localhost:6379/0", max_connections=20)
    return web.json_response(await db.incr(request.match_info["key"]))


app = web.Application()
app.router.add_get("/hits/{key}", hits)
'''


def test_aiohttp_client_example_is_cleanup_ctx(tmp_path: Path) -> None:
    """An aiohttp app has no `lifespan` nor `app.state`: its example opens the client in a
    `cleanup_ctx` generator."""
    found = _ra511(tmp_path, AIOHTTP)
    assert found, "an asyncio redis client built per aiohttp request is reported"
    text = found[0].recommendation
    assert "app.cleanup_ctx.append(" in text and 'await app["cache"].aclose()' in text
    assert "lifespan" not in text and "app.state" not in text


CACHED_CLIENTS = '''
from functools import cached_property

import boto3
from fastapi import FastAPI

app = FastAPI()


class Store:
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket

    @cached_property
    def client(self):
        return boto3.client("s3")

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.bucket, Key=key)


class Scratch:
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket

    @cached_property
    def client(self):
        return boto3.client("s3")

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.bucket, Key=key)


store = Store("docs")


@app.get("/docs/{key}")
def doc(key: str) -> dict:
    return store.head(key)


@app.get("/scratch/{key}")
def scratch(key: str) -> dict:
    return Scratch("scratch").head(key)
'''


def test_client_kept_by_a_cached_property_is_built_once_per_instance(tmp_path: Path) -> None:
    """A `cached_property` keeps the client it builds on the instance: read per request on the
    module's one `Store`, it is built once; on a `Scratch` built per request it is built per request."""
    (tmp_path / "app.py").write_text(CACHED_CLIENTS, encoding="utf-8")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA511"]
    assert len(found) == 1 and found[0].location.start_line == CACHED_CLIENTS.splitlines().index(
        '        return boto3.client("s3")', CACHED_CLIENTS.splitlines().index("class Scratch:")) + 1
    assert "`Scratch` is instantiated for" in found[0].description
