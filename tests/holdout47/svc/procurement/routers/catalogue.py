from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.engine import get_session
from procurement.security import Principal, current_principal
from procurement.services import catalogue_service, fx_service

router = APIRouter(prefix="/catalogue", tags=["catalogue"])


@router.get("/search")
async def search(
    q: str = Query(min_length=2, max_length=100),
    display_currency: str | None = Query(default=None, min_length=3, max_length=3),
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
):
    items = await catalogue_service.search(session, q)
    if display_currency:
        target = display_currency.upper()
        for item in items:
            item["unit_price"] = await fx_service.convert(item["unit_price"], item["currency"], target)
            item["currency"] = target
    return items[:100]
