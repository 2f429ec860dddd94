"""FastAPI dependencies: authentication and per-request service wiring."""
from __future__ import annotations

import asyncio
import hmac
from typing import Any

import bcrypt
from fastapi import Depends, Header, Request
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import ApiKey, Buyer, Seller
from svc.db.session import get_session
from svc.errors import AuthenticationError, PermissionDeniedError
from svc.repositories.ledger import LedgerRepository
from svc.services.ledger import LedgerService, StatementService
from svc.services.listings import ListingService
from svc.services.orders import OrderService
from svc.services.payouts import PayoutService
from svc.services.sellers import SellerService


def app_state(request: Request) -> Any:
    return request.app.state


def _bearer(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthenticationError("expected a bearer token")
    return token


async def current_seller(
    authorization: str = Header(...), session: AsyncSession = Depends(get_session)
) -> Seller:
    prefix, _, secret = _bearer(authorization).partition(".")
    key = await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None)))
    if key is None or not secret:
        raise AuthenticationError("unknown API key")
    valid = await asyncio.to_thread(bcrypt.checkpw, secret.encode(), key.secret_hash.encode())
    if not valid:
        raise AuthenticationError("invalid API key")
    seller = await session.get(Seller, key.seller_id)
    if seller is None or seller.status == "suspended":
        raise PermissionDeniedError("seller account is not active")
    return seller


async def current_buyer(
    request: Request, authorization: str = Header(...), session: AsyncSession = Depends(get_session)
) -> Buyer:
    token = _bearer(authorization)
    buyer_id = await request.app.state.session_redis.get(f"session:{token}")
    if buyer_id is None:
        raise AuthenticationError("session expired")
    buyer = await session.get(Buyer, int(buyer_id))
    if buyer is None:
        raise AuthenticationError("unknown buyer")
    return buyer


async def require_admin(request: Request, x_admin_token: str = Header(...)) -> None:
    expected = request.app.state.settings.admin_token.get_secret_value()
    if not expected or not hmac.compare_digest(expected, x_admin_token):
        raise PermissionDeniedError("admin token required")


async def ws_token_subject(redis: Redis, kind: str, token: str) -> int | None:
    """Websocket auth: short-lived tokens minted by the REST API, one use each."""
    value = await redis.getdel(f"wstoken:{kind}:{token}")
    return int(value) if value is not None else None


def get_ledger_repo(request: Request) -> LedgerRepository:
    st = request.app.state
    return LedgerRepository(st.ledger_db.pool, acquire_timeout=st.settings.ledger_acquire_timeout)


def get_ledger_service(
    session: AsyncSession = Depends(get_session), repo: LedgerRepository = Depends(get_ledger_repo)
) -> LedgerService:
    return LedgerService(repo, session)


def get_seller_service(request: Request, session: AsyncSession = Depends(get_session)) -> SellerService:
    return SellerService(session, request.app.state.kyc)


def get_listing_service(request: Request, session: AsyncSession = Depends(get_session)) -> ListingService:
    return ListingService(session, request.app.state.recs)


def get_statement_service(repo: LedgerRepository = Depends(get_ledger_repo)) -> StatementService:
    return StatementService(repo)


def get_order_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    ledger: LedgerService = Depends(get_ledger_service),
) -> OrderService:
    st = request.app.state
    return OrderService(
        session,
        payments=st.payments,
        tax=st.tax,
        fees=st.fees,
        ledger=ledger,
        checkout=st.checkout,
        carts=st.carts,
        notifications=st.notifications,
    )


def get_payout_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    ledger: LedgerService = Depends(get_ledger_service),
    ledger_repo: LedgerRepository = Depends(get_ledger_repo),
) -> PayoutService:
    st = request.app.state
    return PayoutService(
        session,
        ledger=ledger,
        ledger_repo=ledger_repo,
        provider=st.payments,
        redis=st.redis,
        audit=st.audit,
        metrics=st.metrics,
        notifications=st.notifications,
    )
