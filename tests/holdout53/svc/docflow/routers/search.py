from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import require_member
from docflow.cache import cached_json
from docflow.db.engine import get_session
from docflow.db.models import Membership
from docflow.services.search_service import SearchService

router = APIRouter(prefix="/workspaces/{workspace_id}/search", tags=["search"])


@router.get("")
async def search(
    workspace_id: uuid.UUID,
    q: str = Query(min_length=2, max_length=200),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    return await SearchService(session).search(workspace_id, q)


@router.get("/suggest")
async def suggest(
    workspace_id: uuid.UUID,
    prefix: str = Query(min_length=1, max_length=60),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[str]:
    return await cached_json(
        f"suggest:{prefix.lower()}",
        ttl=30,
        loader=lambda: SearchService(session).suggest_titles(workspace_id, prefix),
    )
