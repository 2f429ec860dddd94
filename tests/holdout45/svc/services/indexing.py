"""Search index operations: the transactional outbox, the edit queue and the document builder."""
from __future__ import annotations

import json
import logging

import asyncpg
from redis.asyncio import Redis

from ..db.models import Article
from ..utils.text import excerpt, plain_text


log = logging.getLogger(__name__)

QUEUE_KEY = "index:queue"
DEAD_KEY = "index:dead"
MAX_QUEUE = 50_000


class IndexQueue:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def enqueue(self, tenant_id: str, article_id: int, op: str) -> None:
        item = json.dumps({"tenant": tenant_id, "id": article_id, "op": op})
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.lpush(QUEUE_KEY, item)
            pipe.ltrim(QUEUE_KEY, 0, MAX_QUEUE - 1)
            await pipe.execute()

    async def pop(self, timeout: int = 5) -> dict | None:
        got = await self._redis.brpop(QUEUE_KEY, timeout=timeout)
        if got is None:
            return None
        return json.loads(got[1])

    async def dead_letter(self, item: dict, reason: str) -> None:
        await self._redis.lpush(DEAD_KEY, json.dumps({**item, "reason": reason}))


def build_document(article: Article, tags: list[str]) -> dict:
    return {
        "id": article.id,
        "slug": article.slug,
        "title": article.title,
        "standfirst": article.standfirst or "",
        "body": plain_text(article.body),
        "excerpt": excerpt(article.body),
        "section": article.section,
        "tags": tags,
        "published_at": article.published_at.isoformat() if article.published_at else None,
    }


class IndexOutbox:
    """Transactional outbox feeding the search indexer."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def push(self, conn: asyncpg.Connection, tenant_id: str, article_id: int, op: str) -> None:
        await conn.execute(
            "INSERT INTO index_outbox (tenant_id, article_id, op) VALUES ($1, $2, $3)",
            tenant_id,
            article_id,
            op,
        )

    async def claim_batch(self, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "UPDATE index_outbox SET processed_at = now() WHERE id IN ("
                " SELECT id FROM index_outbox WHERE processed_at IS NULL"
                " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED"
                ") RETURNING id, tenant_id, article_id, op",
                limit,
            )

    async def release(self, ids: list[int]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE index_outbox SET processed_at = NULL WHERE id = ANY($1::bigint[])", ids)
