"""FastAPI dependencies: sessions, auth principals and service wiring."""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import bcrypt
import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.config import get_settings
from freightline.db.engine import get_session
from freightline.db.models import Shipper


@dataclass(frozen=True)
class Principal:
    kind: str
    subject_id: int
    scopes: frozenset[str]


_token_cache: dict[str, Principal] = {}


def _decode(token: str) -> Principal:
    claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    return Principal(kind=claims["typ"], subject_id=int(claims["sub"]), scopes=frozenset(claims.get("scp", [])))


async def current_principal(authorization: str = Header(...)) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    principal = _token_cache.get(token)
    if principal is None:
        try:
            principal = _decode(token)
        except jwt.PyJWTError as exc:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
        _token_cache[token] = principal
    return principal


async def shipper_from_api_key(
    x_api_key: str = Header(...),
    x_shipper_id: int = Header(...),
    session: AsyncSession = Depends(get_session),
) -> Principal:
    shipper = (await session.execute(select(Shipper).where(Shipper.id == x_shipper_id))).scalar_one_or_none()
    if shipper is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown shipper")
    if not bcrypt.checkpw(x_api_key.encode(), shipper.api_key_hash.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad api key")
    return Principal(kind="shipper", subject_id=shipper.id, scopes=frozenset({"loads:write", "tracking:read"}))


def verify_device_signature(body: bytes, signature: str, secret: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def require(kind: str):
    async def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.kind != kind:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{kind} token required")
        return principal

    return checker


def services(request: Request):
    return request.app.state.services
