"""FastAPI dependencies shared by the routers."""

from __future__ import annotations

import asyncpg
from fastapi import Depends, Header, HTTPException, Request, status

from app.database import DataManager
from app.services.order_service import OrderService
from app.services.portfolio_service import PortfolioService
from app.services.ticker_client import TickerClient


def get_db(request: Request) -> DataManager:
    return request.app.state.dm


def get_ticker(request: Request) -> TickerClient:
    return request.app.state.ticker


def get_order_service(request: Request) -> OrderService:
    return request.app.state.order_service


def get_portfolio_service(request: Request) -> PortfolioService:
    return request.app.state.portfolio_service


async def get_current_user(
    x_api_key: str | None = Header(default=None),
    dm: DataManager = Depends(get_db),
) -> asyncpg.Record:
    if not x_api_key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing X-API-Key header")
    user = await dm.get_user_by_api_key(x_api_key)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key")
    return user


async def require_admin(user: asyncpg.Record = Depends(get_current_user)) -> asyncpg.Record:
    if not user["is_admin"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return user
