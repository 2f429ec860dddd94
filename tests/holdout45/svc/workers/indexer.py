"""Search indexer: drains the outbox (publish/unpublish) and the edit queue."""
from __future__ import annotations

import asyncio
import logging

import httpx
from sqlalchemy import select

from ..clients.search import SearchClient
from ..db.connections import sessionmaker
from ..db.models import Article
from ..repos.articles import ArticleRepository
from ..services.indexing import IndexOutbox, IndexQueue, build_document
from ..utils.resilience import retry_async

log = logging.getLogger(__name__)


class Indexer:
    def __init__(self, search: SearchClient, outbox: IndexOutbox, queue: IndexQueue) -> None:
        self.search = search
        self.outbox = outbox
        self.queue = queue
        self._client: httpx.AsyncClient | None = None
        self._stopping = asyncio.Event()

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0),
                                         limits=httpx.Limits(max_connections=20))

    async def stop(self) -> None:
        self._stopping.set()
        if self._client is not None:
            await self._client.aclose()

    async def drain_outbox_once(self) -> int:
        batch = await self.outbox.claim_batch(100)
        if not batch:
            return 0
        by_tenant: dict[str, list[int]] = {}
        deletes: list[tuple[str, int]] = []
        for row in batch:
            if row["op"] == "delete":
                deletes.append((row["tenant_id"], row["article_id"]))
            else:
                by_tenant.setdefault(row["tenant_id"], []).append(row["article_id"])
        try:
            async with sessionmaker()() as session:
                repo = ArticleRepository(session)
                for tenant_id, ids in by_tenant.items():
                    articles = (await session.execute(select(Article).where(Article.id.in_(ids)))).scalars().all()
                    tags = await repo.tags_for(ids)
                    docs = [build_document(a, tags.get(a.id, [])) for a in articles]
                    await retry_async(lambda: self.search.bulk(self._client, tenant_id, docs), attempts=4)
            for tenant_id, article_id in deletes:
                await retry_async(lambda: self.search.delete_document(self._client, tenant_id, article_id))
        except Exception:
            log.exception("outbox batch failed; releasing %d rows", len(batch))
            await self.outbox.release([r["id"] for r in batch])
            raise
        return len(batch)

    async def handle_edit(self, item: dict) -> None:
        async with sessionmaker()() as session:
            article = await session.get(Article, item["id"])
            if article is None or article.status != "published":
                return
            tags = (await ArticleRepository(session).tags_for([article.id])).get(article.id, [])
        try:
            await self.search.index_document(self._client, item["tenant"], build_document(article, tags))
        except httpx.HTTPError as exc:
            log.warning("index update for article %s failed: %s", item["id"], exc)

    async def run(self) -> None:
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                drained = await self.drain_outbox_once()
                item = await self.queue.pop(timeout=1)
                if item is not None:
                    await self.handle_edit(item)
                backoff = 1.0
                if not drained and item is None:
                    await asyncio.sleep(0.5)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("indexer iteration failed; backing off %.1fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
