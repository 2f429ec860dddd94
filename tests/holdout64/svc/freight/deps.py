from __future__ import annotations

import hashlib
import uuid

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .config import settings
from .db import get_session
from .models import Carrier, Shipper


async def current_shipper(
    x_api_key: str = Header(..., alias="X-Api-Key"),
    session: AsyncSession = Depends(get_session),
) -> Shipper:
    digest = hashlib.pbkdf2_hmac("sha256", x_api_key.encode(), settings.api_key_salt.encode(), 390_000).hex()
    shipper = await session.scalar(select(Shipper).where(Shipper.api_key_hash == digest))
    if shipper is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid api key")
    return shipper


def decode_carrier_token(token: str) -> uuid.UUID:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], options={"require": ["sub", "exp"]})
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return uuid.UUID(claims["sub"])


async def current_carrier(
    authorization: str = Header(...),
    session: AsyncSession = Depends(get_session),
) -> Carrier:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    carrier = await session.get(Carrier, decode_carrier_token(token))
    if carrier is None or carrier.suspended:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "carrier not permitted")
    return carrier


def get_redis(request: Request):
    return request.app.state.redis


def get_tracking_pool(request: Request):
    return request.app.state.tracking_pool


def get_services(request: Request):
    return request.app.state.services
