"""Staff tokens for host stands and back-office users."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import asyncpg
from fastapi import Depends, Header, HTTPException, status, APIRouter
from pydantic import BaseModel

from svc.config import settings
from svc.db import pg
from svc.utils.signing import hash_pin


@dataclass(frozen=True, slots=True)
class StaffClaims:
    staff_id: int
    role: str
    restaurant_ids: frozenset[int]
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def issue_staff_token(staff_id: int, role: str, restaurant_ids: list[int], ttl_s: int = 12 * 3600) -> str:
    body = json.dumps({"sid": staff_id, "role": role, "rids": restaurant_ids, "exp": int(time.time()) + ttl_s})
    payload = _b64(body.encode())
    mac = hmac.new(settings.staff_token_secret.encode(), payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(mac)}"


def decode_staff_token(token: str) -> StaffClaims | None:
    payload, _, sig = token.partition(".")
    if not payload or not sig:
        return None
    expected = hmac.new(settings.staff_token_secret.encode(), payload.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _unb64(sig)):
        return None
    data = json.loads(_unb64(payload))
    if data["exp"] < time.time():
        return None
    return StaffClaims(data["sid"], data["role"], frozenset(data["rids"]), data["exp"])


async def require_staff(authorization: str = Header(default="")) -> StaffClaims:
    scheme, _, token = authorization.partition(" ")
    claims = decode_staff_token(token) if scheme.lower() == "bearer" else None
    if claims is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid staff token")
    return claims


async def require_manager(claims: StaffClaims = Depends(require_staff)) -> StaffClaims:
    if claims.role not in ("manager", "admin"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "manager role required")
    return claims

router = APIRouter(prefix="/staff", tags=["staff"])


class PinLogin(BaseModel):
    restaurant_id: int
    staff_code: str
    pin: str


class PinChange(BaseModel):
    staff_code: str
    old_pin: str
    new_pin: str


async def _staff_row(conn: asyncpg.Connection, staff_code: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT id, role, pin_hash, pin_salt, restaurant_ids FROM staff WHERE code = $1 AND active", staff_code
    )


@router.post("/login")
async def login(body: PinLogin) -> dict:
    async with pg.pool().acquire() as conn:
        row = await _staff_row(conn, body.staff_code)
    if row is None or body.restaurant_id not in row["restaurant_ids"]:
        raise HTTPException(401, "invalid credentials")
    candidate = hash_pin(body.pin, base64.b64decode(row["pin_salt"]))
    if not hmac.compare_digest(candidate, row["pin_hash"]):
        raise HTTPException(401, "invalid credentials")
    return {"token": issue_staff_token(row["id"], row["role"], list(row["restaurant_ids"]))}


@router.post("/pin")
async def change_pin(body: PinChange) -> dict:
    async with pg.pool().acquire() as conn:
        row = await _staff_row(conn, body.staff_code)
        if row is None:
            raise HTTPException(401, "invalid credentials")
        salt = base64.b64decode(row["pin_salt"])
        current = await asyncio.to_thread(hash_pin, body.old_pin, salt)
        if not hmac.compare_digest(current, row["pin_hash"]):
            raise HTTPException(401, "invalid credentials")
        new_hash = await asyncio.to_thread(hash_pin, body.new_pin, salt)
        await conn.execute("UPDATE staff SET pin_hash = $2 WHERE id = $1", row["id"], new_hash)
    return {"ok": True}
