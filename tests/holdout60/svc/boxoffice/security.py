from __future__ import annotations

import asyncio
from dataclasses import dataclass

import bcrypt
import jwt
from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from .config import get_settings
from .routers.deps import db_session

_bearer = HTTPBearer(auto_error=False)


@dataclass(frozen=True)
class Principal:
    subject: int
    role: str
    event_ids: frozenset[int] = frozenset()


def decode_token(token: str) -> Principal | None:
    try:
        claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return None
    return Principal(int(claims["sub"]), claims.get("role", "customer"), frozenset(claims.get("events", ())))


def issue_token(subject: int, role: str, event_ids: list[int] | None = None, ttl_seconds: int = 3600) -> str:
    import time

    now = int(time.time())
    claims = {"sub": str(subject), "role": role, "events": event_ids or [], "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, get_settings().jwt_secret, algorithm="HS256")


async def current_principal(creds: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Principal:
    principal = decode_token(creds.credentials) if creds else None
    if principal is None:
        raise HTTPException(status_code=401, detail="invalid or missing token")
    return principal


async def require_staff(principal: Principal = Depends(current_principal)) -> Principal:
    if principal.role not in {"staff", "admin"}:
        raise HTTPException(status_code=403, detail="staff only")
    return principal


async def require_admin(principal: Principal = Depends(current_principal)) -> Principal:
    if principal.role != "admin":
        raise HTTPException(status_code=403, detail="admin only")
    return principal


async def require_promoter(principal: Principal = Depends(current_principal)) -> Principal:
    if principal.role not in {"promoter", "admin"}:
        raise HTTPException(status_code=403, detail="promoter only")
    return principal


router = APIRouter(prefix="/auth", tags=["auth"])


class StaffLogin(BaseModel):
    badge: str
    pin: str


@router.post("/staff")
async def staff_login(body: StaffLogin, session: AsyncSession = Depends(db_session)) -> dict[str, str]:
    row = (
        await session.execute(
            text("SELECT id, pin_hash, role, event_ids FROM staff WHERE badge = :badge AND active"),
            {"badge": body.badge},
        )
    ).first()
    if row is None:
        raise HTTPException(status_code=401, detail="invalid credentials")
    ok = await asyncio.to_thread(bcrypt.checkpw, body.pin.encode(), row.pin_hash.encode())
    if not ok:
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"token": issue_token(row.id, row.role, list(row.event_ids), ttl_seconds=12 * 3600)}
