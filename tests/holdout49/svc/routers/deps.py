from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
from fastapi import Depends, Header, HTTPException, Request, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.fraud import FraudClient
from svc.db.engine import get_session, sessionmaker
from svc.services.auth import decode_token
from svc.services.bidding import BidService
from svc.services.fraud_service import FraudService

SessionDep = Annotated[AsyncSession, Depends(get_session)]


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


RedisDep = Annotated[Redis, Depends(get_redis)]


async def current_user(authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing token")
    claims = decode_token(authorization[7:])
    if claims is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return claims


UserDep = Annotated[dict[str, Any], Depends(current_user)]


async def seller_user(user: UserDep) -> dict[str, Any]:
    if not user.get("seller"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "sellers only")
    return user


async def get_fraud_client() -> AsyncIterator[FraudClient]:
    async with httpx.AsyncClient() as client:
        yield FraudClient(client)


async def get_bid_service(
    request: Request, fraud_client: Annotated[FraudClient, Depends(get_fraud_client)]
) -> BidService:
    state = request.app.state
    return BidService(state.redis, state.hub, FraudService(fraud_client, sessionmaker()), state.notifier)
