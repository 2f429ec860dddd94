from __future__ import annotations

import logging
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.clients.search import search_client
from docflow.db.raw import raw_pool
from docflow.repos.documents import DocumentRepo
from docflow.utils.retry import CircuitOpen
from docflow.utils.text import snippet

log = logging.getLogger(__name__)


class SearchService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.documents = DocumentRepo(session)

    async def search(self, workspace_id: uuid.UUID, text: str) -> dict:
        try:
            hits = await search_client.query(str(workspace_id), text)
            return {"mode": "fulltext", "results": [self._shape(h, text) for h in hits]}
        except (CircuitOpen, httpx.HTTPError) as exc:
            log.warning("search degraded to title match: %r", exc)
            docs = await self.documents.search_titles(workspace_id, text)
            return {
                "mode": "title",
                "results": [{"id": str(d.id), "title": d.title, "snippet": ""} for d in docs],
            }

    def _shape(self, hit: dict, text: str) -> dict:
        return {
            "id": hit["document_id"],
            "title": hit["title"],
            "snippet": snippet(hit.get("body", ""), text),
            "score": hit["score"],
        }

    async def suggest_titles(self, workspace_id: uuid.UUID, prefix: str) -> list[str]:
        hits = await search_client.query(str(workspace_id), prefix, size=8)
        return [h["title"] for h in hits]


async def enqueue_index(document_id: uuid.UUID) -> None:
    async with raw_pool.get().acquire(timeout=5) as conn:
        await conn.execute("INSERT INTO search_outbox (document_id) VALUES ($1)", document_id)


async def claim_batch(worker: str, limit: int = 100) -> list[uuid.UUID]:
    async with raw_pool.get().acquire(timeout=5) as conn:
        rows = await conn.fetch(
            """
            UPDATE search_outbox SET claimed_by = $1, claimed_at = now()
            WHERE id IN (
                SELECT id FROM search_outbox WHERE claimed_by IS NULL
                ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
            )
            RETURNING document_id
            """,
            worker,
            limit,
        )
    return list({r["document_id"] for r in rows})


async def ack(worker: str) -> None:
    async with raw_pool.get().acquire(timeout=5) as conn:
        await conn.execute("DELETE FROM search_outbox WHERE claimed_by = $1", worker)


async def release_stale(minutes: int = 10) -> None:
    async with raw_pool.get().acquire(timeout=5) as conn:
        await conn.execute(
            "UPDATE search_outbox SET claimed_by = NULL WHERE claimed_at < now() - make_interval(mins => $1)",
            minutes,
        )
