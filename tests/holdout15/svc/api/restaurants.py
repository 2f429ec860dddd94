"""Restaurant discovery, menus, and the partner (restaurant-side) API."""
from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, UploadFile
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import (
    get_menu_importer,
    get_menu_service,
    get_order_repo,
    get_order_service,
    get_partner,
    get_restaurant_repo,
)
from svc.config import get_settings
from svc.db.session import get_session
from svc.repositories.menus import MenuRepository
from svc.repositories.orders import OrderRepository
from svc.repositories.restaurants import RestaurantRepository
from svc.services import menus
from svc.services.auth import verify_signature
from svc.services.menus import MenuImporter, MenuService
from svc.services.orders import OrderService

logger = logging.getLogger(__name__)
router = APIRouter()

Restaurants = Annotated[RestaurantRepository, Depends(get_restaurant_repo)]
Partner = Annotated[int, Depends(get_partner)]


class PosItemUpdate(BaseModel):
    sku: str
    available: bool


@router.get("/restaurants")
async def list_restaurants(
    repo: Restaurants, city: str, after_id: int = 0, limit: Annotated[int, Query(le=100)] = 20
) -> list[dict[str, Any]]:
    return [asdict(r) for r in await repo.list_open_in_city(city, after_id, limit)]


@router.get("/restaurants/search")
async def search_restaurants(repo: Restaurants, q: Annotated[str, Query(min_length=2)]) -> list[dict[str, Any]]:
    return [asdict(r) for r in await repo.search(q)]


@router.get("/restaurants/{slug}/menu")
async def restaurant_menu(
    slug: str, repo: Restaurants, service: Annotated[MenuService, Depends(get_menu_service)]
) -> dict[str, Any]:
    restaurant = await repo.get_by_slug(slug)
    return await service.menu_for_customer(restaurant.id)


@router.get("/restaurants/{slug}/logo")
def restaurant_logo(slug: str) -> Response:
    path = Path(get_settings().assets_dir) / "logos" / f"{slug}.png"
    if not path.is_file():
        raise HTTPException(404, "no logo")
    return Response(content=path.read_bytes(), media_type="image/png")


@router.post("/partner/orders/{order_id}/accept", status_code=204)
async def partner_accept(
    order_id: int,
    restaurant_id: Partner,
    orders: Annotated[OrderRepository, Depends(get_order_repo)],
    service: Annotated[OrderService, Depends(get_order_service)],
) -> None:
    order = await orders.get(order_id)
    if order["restaurant_id"] != restaurant_id:
        raise HTTPException(404, "order not found")
    await service.accept(order_id)


@router.get("/partner/orders")
async def partner_history(
    restaurant_id: Partner,
    orders: Annotated[OrderRepository, Depends(get_order_repo)],
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(le=100)] = 50,
) -> list[dict[str, Any]]:
    return await orders.restaurant_history(restaurant_id, page, page_size)


@router.get("/partner/menu")
async def partner_menu(
    restaurant_id: Partner, service: Annotated[MenuService, Depends(get_menu_service)]
) -> list[dict[str, Any]]:
    return await service.partner_menu(restaurant_id)


@router.post("/partner/menu/import")
async def import_menu(
    restaurant_id: Partner, file: UploadFile, importer: Annotated[MenuImporter, Depends(get_menu_importer)]
) -> dict[str, int]:
    raw = await file.read()
    return {"imported": await importer.import_csv(restaurant_id, raw)}


@router.post("/pos/webhooks/item-availability", status_code=204)
async def pos_item_availability(
    request: Request, session: Annotated[AsyncSession, Depends(get_session)]
) -> None:
    body = await request.body()
    if not verify_signature(get_settings().pos_webhook_secret, body, request.headers.get("X-Pos-Signature", "")):
        raise HTTPException(401, "bad signature")
    update = PosItemUpdate.model_validate_json(body)
    repo = MenuRepository(session)
    item = await repo.by_external_sku(update.sku)
    if item is None:
        logger.info("POS update for unknown sku", extra={"sku": update.sku})
        return
    await repo.set_availability(item, update.available)
    menus.invalidate(item.restaurant_id)
