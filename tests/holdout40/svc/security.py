from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
from dataclasses import dataclass

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .config import Settings, get_settings

_bearer = HTTPBearer(auto_error=False)

PIN_ITERATIONS = 310_000


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str]
    station: str | None = None

    def has(self, role: str) -> bool:
        return role in self.roles


def decode_token(token: str, settings: Settings) -> Principal:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(
        subject=str(claims["sub"]),
        roles=frozenset(claims.get("roles", [])),
        station=claims.get("station"),
    )


async def current_principal(
    creds: HTTPAuthorizationCredentials | None = Depends(_bearer),
    settings: Settings = Depends(get_settings),
) -> Principal:
    if creds is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing token")
    return decode_token(creds.credentials, settings)


def require_role(role: str):
    async def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if not principal.has(role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"requires {role}")
        return principal

    return checker


def hash_pin(pin: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or os.urandom(16)
    return salt, hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)


async def hash_pin_async(pin: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    return await asyncio.to_thread(hash_pin, pin, salt)


async def verify_kiosk_pin(pin: str, salt: bytes, expected: bytes) -> bool:
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
    return hmac.compare_digest(digest, expected)
