from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from svc.config import get_settings

bearer = HTTPBearer(auto_error=False)

PIN_ITERATIONS = 600_000


@dataclass(frozen=True)
class Principal:
    user_id: int
    roles: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles


def decode_token(token: str) -> Principal:
    try:
        claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(user_id=int(claims["sub"]), roles=frozenset(claims.get("roles", [])))


async def current_user(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Principal:
    if creds is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing token")
    return decode_token(creds.credentials)


async def admin_user(principal: Principal = Depends(current_user)) -> Principal:
    if not principal.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return principal


def hash_pin(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), PIN_ITERATIONS).hex()


def verify_pin(pin: str, salt: str, expected: str) -> bool:
    return hmac.compare_digest(hash_pin(pin, salt), expected)


def services(request: Request):
    return request.app.state.services
