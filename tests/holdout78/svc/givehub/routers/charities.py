from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from ..container import Container
from ..deps import get_container, require_staff

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/charities", tags=["charities"])


class CharityIn(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    slug: str = Field(pattern=r"^[a-z0-9-]{3,120}$")
    registration_number: str = Field(min_length=4, max_length=32)


@router.get("/search")
async def search(q: str = Query(min_length=1, max_length=80), container: Container = Depends(get_container)) -> list[dict]:
    return await container.charity_service.search(q)


@router.get("/{slug}")
async def profile(slug: str, container: Container = Depends(get_container)) -> dict:
    return await container.charity_service.profile(slug)


@router.post("", status_code=201)
async def register(
    body: CharityIn, staff: str = Depends(require_staff), container: Container = Depends(get_container)
) -> dict:
    try:
        charity = await container.charity_service.register(body.name, body.slug, body.registration_number)
    except Exception:
        raise HTTPException(status_code=503, detail="charity register unavailable") from None
    logger.info("charity %s registered by %s", charity.slug, staff)
    return {"id": charity.id, "slug": charity.slug}


@router.get("/{charity_id}/totals")
async def totals(charity_id: int, staff: str = Depends(require_staff), container: Container = Depends(get_container)) -> dict:
    return await container.reports.charity_totals(charity_id)
