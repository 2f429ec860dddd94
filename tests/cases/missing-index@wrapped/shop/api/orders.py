"""Order endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from shop.db import get_session
from shop.repositories.orders import OrderRepository

router = APIRouter(prefix="/orders")


@router.get("/by-ref/{ref}")
async def by_ref(ref: str, session: AsyncSession = Depends(get_session)) -> dict:
    order = await OrderRepository(session).by_external_ref(ref)
    return {"id": order.id if order else None}
