"""FastAPI dependencies."""
from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.redis import cache_redis
from svc.config import Settings, get_settings
from svc.db.session import get_session
from svc.errors import RateLimited, Unauthorized
from svc.realtime.hub import BidHub
from svc.repositories.bids import BidRepository
from svc.repositories.lots import LotRepository
from svc.services.accounts import AccountService, sessions
from svc.services.bidding import BiddingService
from svc.services.lots import LotService
from svc.services.shipping import ShippingService


def current_account_id(authorization: str = Header(default="")) -> int:
    scheme, _, token = authorization.partition(" ")
    account_id = sessions.resolve(token) if scheme.lower() == "bearer" else None
    if account_id is None:
        raise Unauthorized("missing or invalid token")
    return account_id


def lot_repo(request: Request) -> LotRepository:
    return request.app.state.lot_repo


def bid_repo(request: Request) -> BidRepository:
    return request.app.state.bid_repo


def bidding_service(request: Request) -> BiddingService:
    return request.app.state.bidding


def lot_service(request: Request) -> LotService:
    return request.app.state.lot_service


def shipping_service(request: Request) -> ShippingService:
    return request.app.state.shipping


def hub(request: Request) -> BidHub:
    return request.app.state.hub


async def account_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> AsyncIterator[AccountService]:
    yield AccountService(session, request.app.state.escrow)


async def bid_rate_limit(
    account_id: int = Depends(current_account_id),
    settings: Settings = Depends(get_settings),
) -> int:
    key = f"rl:bids:{account_id}"
    count = await cache_redis.incr(key)
    await cache_redis.expire(key, 60, nx=True)
    if count > 30:
        raise RateLimited("too many bids")
    return account_id
