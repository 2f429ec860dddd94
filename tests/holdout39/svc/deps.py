from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as redis
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.services.auth import Principal, resolve_token
from svc.services.notification_service import Notifier
from svc.services.order_service import OrderService
from svc.services.pricing import PricingService


def get_redis_dep(request: Request) -> redis.Redis:
    return request.app.state.redis


async def current_principal(
    request: Request, authorization: str | None = Header(default=None)
) -> Principal:
    token = authorization.removeprefix("Bearer ").strip() if authorization else None
    principal = await resolve_token(request.app.state.redis, token)
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or missing token")
    return principal


def require(kind: str):
    async def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.kind != kind:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{kind} token required")
        return principal

    return checker


async def order_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> AsyncIterator[OrderService]:
    state = request.app.state
    yield OrderService(
        session,
        state.redis,
        state.payments,
        state.geocoder,
        PricingService(state.routing),
        Notifier(state.sms, state.redis),
    )
