"""Request dependencies: DB session, staff identity."""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.redis_client import get_redis


@dataclass(frozen=True)
class Staff:
    user_id: str
    clinic_id: int
    role: str


async def db() -> AsyncIterator[AsyncSession]:
    async for session in get_session():
        yield session


async def current_staff(authorization: str = Header(...)) -> Staff:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    raw = await get_redis().hgetall(f"staff-session:{token}")
    if not raw:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "session expired")
    return Staff(user_id=raw["user_id"], clinic_id=int(raw["clinic_id"]), role=raw["role"])


def require_role(*roles: str):
    async def _check(staff: Staff = Depends(current_staff)) -> Staff:
        if staff.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient role")
        return staff

    return _check
