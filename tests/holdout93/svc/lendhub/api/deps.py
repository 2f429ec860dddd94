from __future__ import annotations

from typing import AsyncIterator

import jwt
import redis.asyncio as redis
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import get_redis
from ..db import get_sessionmaker
from ..rules import RuleEngine
from ..services.applications import ApplicationService
from ..services.credit import CreditService
from ..services.underwriting import UnderwritingService
from ..services.verification import VerificationService
from ..settings import get_settings


async def get_session() -> AsyncIterator[AsyncSession]:
    async with get_sessionmaker()() as session:
        yield session


def get_cache() -> redis.Redis:
    return get_redis()


def decode_token(token: str) -> dict:
    try:
        return jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


async def current_user(authorization: str = Header(...)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    return decode_token(token)


async def require_underwriter(user: dict = Depends(current_user)) -> dict:
    if "underwriter" not in user.get("roles", []):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "underwriter role required")
    return user


def application_service(
    session: AsyncSession = Depends(get_session), cache: redis.Redis = Depends(get_cache)
) -> ApplicationService:
    return ApplicationService(session, cache)


def credit_service(request: Request, session: AsyncSession = Depends(get_session)) -> CreditService:
    return CreditService(session, request.app.state.bureau)


def underwriting_service(request: Request, session: AsyncSession = Depends(get_session)) -> UnderwritingService:
    credit = CreditService(session, request.app.state.bureau)
    verification = VerificationService(session, request.app.state.aggregator)
    return UnderwritingService(session, credit, verification, RuleEngine())
