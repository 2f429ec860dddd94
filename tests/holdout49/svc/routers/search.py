from __future__ import annotations

from fastapi import APIRouter, Query, Request

from svc.services.search import SearchService
from svc.utils.ratelimit import check_search_rate

router = APIRouter(prefix="/search", tags=["search"])


@router.get("")
async def search(request: Request, q: str = Query(min_length=1, max_length=120),
                 category: str | None = None, page: int = Query(0, ge=0, le=50)) -> list[dict]:
    redis = request.app.state.redis
    await check_search_rate(redis, request)
    return await SearchService(redis).search(q, category, page)


@router.get("/suggest")
async def suggest(request: Request, prefix: str = Query(min_length=2, max_length=40)) -> list[str]:
    return await SearchService(request.app.state.redis).suggest(prefix)


@router.get("/facets")
async def facets(request: Request) -> dict[str, int]:
    return await SearchService(request.app.state.redis).facets()
