"""FastAPI dependency providers."""
from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.core.container import Container
from fabline.services.hold_service import HoldService
from fabline.services.lot_service import LotService
from fabline.services.recipe_service import RecipeService
from fabline.services.route_service import RouteService
from fabline.services.spc_service import SpcService
from fabline.repositories.route_repo import RouteRepository


def get_container(request: Request) -> Container:
    return request.app.state.container


def get_redis(container: Container = Depends(get_container)) -> aioredis.Redis:
    return container.redis


async def get_db(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        try:
            yield session
        except Exception:
            await session.rollback()
            raise


def get_lot_service(
    session: AsyncSession = Depends(get_db), redis: aioredis.Redis = Depends(get_redis)
) -> LotService:
    return LotService(session, redis)


def get_route_service(session: AsyncSession = Depends(get_db)) -> RouteService:
    return RouteService(RouteRepository(session))


def get_hold_service(
    session: AsyncSession = Depends(get_db), container: Container = Depends(get_container)
) -> HoldService:
    return HoldService(session, container.redis, container.audit)


def get_recipe_service(
    session: AsyncSession = Depends(get_db), container: Container = Depends(get_container)
) -> RecipeService:
    return RecipeService(session, container.redis, container.tool_state, container.gateway, container.audit)


def get_spc_service(
    session: AsyncSession = Depends(get_db), container: Container = Depends(get_container)
) -> SpcService:
    return SpcService(session, container.alarms, container.settings.spc_window)
