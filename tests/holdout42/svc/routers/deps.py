from __future__ import annotations

from collections.abc import AsyncIterator
import hmac

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import SessionLocal
from svc.db.pg import pool
from svc.redis_client import get_redis
from svc.repos.accounts import AccountsRepo, MetersRepo
from svc.repos.bills import BillsRepo
from svc.repos.outages import OutagesRepo
from svc.repos.readings import ReadingsRepo
from svc.services.accounts import AccountService
from svc.services.ingestion import IngestionService
from svc.services.outages import OutageService
from svc.services.payments import PaymentsService
from svc.utils.crypto import hash_api_key

async def db_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise


def readings_repo() -> ReadingsRepo:
    return ReadingsRepo(pool())


async def require_operator(x_api_key: str = Header(...)) -> str:
    stored = await get_redis().hgetall("operator_keys")
    candidate = hash_api_key(x_api_key)
    for operator, digest in stored.items():
        if hmac.compare_digest(digest, candidate):
            return operator
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key")


async def require_gateway(gateway_id: str, authorization: str = Header(...)) -> str:
    token = authorization.removeprefix("Bearer ").strip()
    expected = await get_redis().get(f"gateway_token:{gateway_id}")
    if expected is None or not hmac.compare_digest(expected, token):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown gateway")
    return gateway_id


def ingestion_service(
    request: Request, session: AsyncSession = Depends(db_session)
) -> IngestionService:
    return IngestionService(MetersRepo(session), readings_repo(), request.app.state.publisher)


def payments_service(request: Request, session: AsyncSession = Depends(db_session)) -> PaymentsService:
    return PaymentsService(session, request.app.state.payment_client)


def account_service(request: Request, session: AsyncSession = Depends(db_session)) -> AccountService:
    return AccountService(
        AccountsRepo(session), BillsRepo(session), request.app.state.payment_client, request.app.state.geocoder
    )


def outage_service(request: Request, session: AsyncSession = Depends(db_session)) -> OutageService:
    state = request.app.state
    return OutageService(OutagesRepo(pool()), AccountsRepo(session), state.geocoder, state.sms, state.publisher)
