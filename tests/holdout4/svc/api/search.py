from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import ContainerDep, CurrentUser, SessionDep, UserDep
from svc.cache.redis_client import cache_redis
from svc.container import Container
from svc.services.search import SearchService

router = APIRouter(prefix="/search", tags=["search"])


@router.get("")
async def search(q: str = Query(min_length=1, max_length=200), session: AsyncSession = SessionDep,
                 c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict:
    results = await SearchService(session, c.store, cache_redis).search(user.id, q)
    return {"results": results, "count": len(results)}
