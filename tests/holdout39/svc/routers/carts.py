from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import require
from svc.repos.menu_repo import MenuRepository
from svc.schemas import CartAdd
from svc.services.auth import Principal
from svc.services.cart_service import CartConflict, CartService

router = APIRouter(prefix="/cart", tags=["cart"])


def _service(request: Request, session: AsyncSession) -> CartService:
    return CartService(request.app.state.redis, MenuRepository(session))


@router.get("")
async def get_cart(
    request: Request, who: Principal = Depends(require("customer")), session: AsyncSession = Depends(get_session)
) -> dict:
    service = _service(request, session)
    cart = await service.get(who.id)
    return {**cart, "subtotal": str(await service.quote(who.id))}


@router.post("/items")
async def add_item(
    body: CartAdd,
    request: Request,
    who: Principal = Depends(require("customer")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        return await _service(request, session).add_item(who.id, body.item_id, body.quantity)
    except LookupError as exc:
        raise HTTPException(status_code=404, detail="item unavailable") from exc


@router.delete("/items/{item_id}")
async def remove_item(
    item_id: int,
    request: Request,
    who: Principal = Depends(require("customer")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        return await _service(request, session).remove_item(who.id, item_id)
    except CartConflict as exc:
        raise HTTPException(status_code=409, detail="cart changed, try again") from exc
