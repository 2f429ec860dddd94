"""FastAPI dependencies: shared clients from app.state, services, and callers' identities."""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from svc.config import get_settings
from svc.db.session import get_session
from svc.db.stores import Database
from svc.repositories.couriers import CourierRepository
from svc.repositories.menus import MenuRepository
from svc.repositories.orders import OrderRepository
from svc.repositories.restaurants import RestaurantRepository
from svc.services.auth import hash_api_key, verify_token
from svc.services.carts import CartService
from svc.services.dispatch import DispatchService
from svc.services.menus import MenuImporter, MenuService
from svc.services.orders import OrderEvents, OrderService
from svc.services.pricing import PromoService
from svc.services.receipts import ReceiptService


def get_db(conn: HTTPConnection) -> Database:
    return conn.app.state.db


def get_redis(conn: HTTPConnection) -> Redis:
    return conn.app.state.redis


def get_restaurant_repo(db: Annotated[Database, Depends(get_db)]) -> RestaurantRepository:
    return RestaurantRepository(db)


def get_order_repo(db: Annotated[Database, Depends(get_db)]) -> OrderRepository:
    return OrderRepository(db)


def get_courier_repo(db: Annotated[Database, Depends(get_db)]) -> CourierRepository:
    return CourierRepository(db)


def get_dispatch(conn: HTTPConnection) -> DispatchService:
    return conn.app.state.dispatch


def get_menu_service(
    conn: HTTPConnection, session: Annotated[AsyncSession, Depends(get_session)]
) -> MenuService:
    state = conn.app.state
    return MenuService(MenuRepository(session), RestaurantRepository(state.db), state.pos_http)


def get_menu_importer(session: Annotated[AsyncSession, Depends(get_session)]) -> MenuImporter:
    return MenuImporter(session)


def build_order_service(state: Any, session: AsyncSession) -> OrderService:
    settings = get_settings()
    db: Database = state.db
    return OrderService(
        db, OrderRepository(db), RestaurantRepository(db), CartService(state.redis, MenuRepository(session)),
        PromoService(db), state.payments, state.notifier,
        ReceiptService(Path(settings.receipts_dir), Path(settings.assets_dir)),
        state.kitchen, state.dispatch, OrderEvents(state.events_redis),
    )


def get_order_service(
    conn: HTTPConnection, session: Annotated[AsyncSession, Depends(get_session)]
) -> OrderService:
    return build_order_service(conn.app.state, session)


def get_cart_service(
    redis: Annotated[Redis, Depends(get_redis)], session: Annotated[AsyncSession, Depends(get_session)]
) -> CartService:
    return CartService(redis, MenuRepository(session))


def _bearer(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    return token


def current_customer(authorization: Annotated[str, Header()]) -> int:
    customer_id = verify_token(_bearer(authorization), get_settings().customer_token_secret)
    if customer_id is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return customer_id


def current_courier(authorization: Annotated[str, Header()]) -> int:
    courier_id = verify_token(_bearer(authorization), get_settings().courier_token_secret)
    if courier_id is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return courier_id


def require_admin(x_admin_token: Annotated[str, Header()]) -> None:
    if not hmac.compare_digest(x_admin_token, get_settings().admin_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")


async def get_partner(
    x_partner_key: Annotated[str, Header()], db: Annotated[Database, Depends(get_db)]
) -> int:
    """Partner (restaurant) API keys are stored as salted PBKDF2 hashes."""
    digest = hash_api_key(x_partner_key, get_settings().partner_key_salt.encode())
    async with db.connection() as conn:
        restaurant_id = await conn.fetchval(
            "SELECT restaurant_id FROM partner_keys WHERE key_hash = $1 AND revoked_at IS NULL", digest
        )
    if restaurant_id is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown partner key")
    return int(restaurant_id)
