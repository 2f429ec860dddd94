from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass

import jwt
import redis.asyncio as redis
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.database import get_session


@dataclass(frozen=True)
class Principal:
    user_id: int
    roles: frozenset[str]

    @property
    def is_manager(self) -> bool:
        return "manager" in self.roles or "payroll_admin" in self.roles


@dataclass(frozen=True)
class KioskDevice:
    device_id: str
    location_id: int


def get_redis(request: Request) -> redis.Redis:
    return request.app.state.redis


def get_pg(request: Request):
    return request.app.state.pg


async def db_session() -> AsyncIterator[AsyncSession]:
    async for session in get_session():
        yield session


def decode_token(token: str) -> Principal:
    settings = get_settings()
    try:
        payload = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], leeway=30)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token") from exc
    return Principal(user_id=int(payload["sub"]), roles=frozenset(payload.get("roles", [])))


async def current_user(authorization: str = Header(...)) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bearer token required")
    return decode_token(token)


async def require_manager(user: Principal = Depends(current_user)) -> Principal:
    if not user.is_manager:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="manager role required")
    return user


async def require_payroll_admin(user: Principal = Depends(current_user)) -> Principal:
    if "payroll_admin" not in user.roles:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="payroll admin only")
    return user


async def kiosk_device(
    x_device_id: str = Header(...),
    x_device_token: str = Header(...),
    client: redis.Redis = Depends(get_redis),
) -> KioskDevice:
    record = await client.hgetall(f"kiosk:{x_device_id}")
    if not record:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="unknown device")
    presented = hashlib.sha256(x_device_token.encode()).hexdigest()
    if not hmac.compare_digest(presented, record.get("token_sha256", "")):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bad device token")
    try:
        location_id = int(record["location_id"])
    except:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="device not provisioned")
    return KioskDevice(device_id=x_device_id, location_id=location_id)
