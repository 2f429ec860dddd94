"""Public and desk search."""
from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.search import SearchClient, SearchUnavailable
from ..config import TenantSettings
from ..db.connections import get_session
from ..deps import tenant
from ..repos.articles import ArticleRepository
from ..utils.auth import Principal, require


log = logging.getLogger(__name__)

_recent_queries: dict[tuple[str, str], tuple[float, list[dict]]] = {}
QUERY_TTL = 60.0


class SearchService:
    def __init__(self, client: SearchClient) -> None:
        self.client = client

    async def public(self, tenant_id: str, q: str) -> list[dict]:
        q = q.strip().lower()
        hit = _recent_queries.get((tenant_id, q))
        if hit and hit[0] > time.monotonic():
            return hit[1]
        results = await self.client.query(tenant_id, q, size=20)
        _recent_queries[(tenant_id, q)] = (time.monotonic() + QUERY_TTL, results)
        return results

    async def desk(self, session: AsyncSession, tenant_id: str, q: str) -> list[dict]:
        rows = await ArticleRepository(session).search_text(tenant_id, q, limit=25)
        return [{"id": a.id, "title": a.title, "status": a.status} for a in rows]


router = APIRouter(prefix="/search", tags=["search"])


def search_service(request: Request) -> SearchService:
    return SearchService(request.app.state.search)


@router.get("")
async def public_search(
    q: str = Query(min_length=2, max_length=200),
    pub: TenantSettings = Depends(tenant),
    service: SearchService = Depends(search_service),
) -> list[dict]:
    try:
        return await service.public(pub.tenant_id, q)
    except SearchUnavailable as exc:
        raise HTTPException(503, "search is temporarily unavailable") from exc


@router.get("/desk")
async def desk_search(
    q: str = Query(min_length=2, max_length=200),
    pub: TenantSettings = Depends(tenant),
    _: Principal = Depends(require("writer")),
    session: AsyncSession = Depends(get_session),
    service: SearchService = Depends(search_service),
) -> list[dict]:
    return await service.desk(session, pub.tenant_id, q)
