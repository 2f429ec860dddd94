from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, WebSocket, status

from ..config import Settings, get_settings

PBKDF2_ROUNDS = 310_000


@dataclass(frozen=True)
class Principal:
    user_id: int
    tenant_id: str
    roles: frozenset[str]

    def can(self, role: str) -> bool:
        return role in self.roles or "admin" in self.roles


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(secret: str, user_id: int, tenant_id: str, roles: list[str], ttl: int = 3600) -> str:
    payload = _b64(json.dumps({"u": user_id, "t": tenant_id, "r": roles, "exp": int(time.time()) + ttl}).encode())
    sig = _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{sig}"


def verify_token(secret: str, token: str) -> Principal | None:
    try:
        payload, sig = token.split(".", 1)
    except ValueError:
        return None
    expected = _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, sig):
        return None
    data = json.loads(_unb64(payload))
    if data["exp"] < time.time():
        return None
    return Principal(user_id=int(data["u"]), tenant_id=data["t"], roles=frozenset(data["r"]))


def hash_api_key(raw: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", raw.encode(), salt, PBKDF2_ROUNDS)


async def check_partner_key(raw: str, salt: bytes, stored: bytes) -> bool:
    digest = await asyncio.to_thread(hash_api_key, raw, salt)
    return hmac.compare_digest(digest, stored)


async def current_principal(
    authorization: str = Header(default=""), settings: Settings = Depends(get_settings)
) -> Principal:
    scheme, _, token = authorization.partition(" ")
    principal = verify_token(settings.token_secret, token) if scheme.lower() == "bearer" else None
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return principal


def require(role: str):
    async def _dep(principal: Principal = Depends(current_principal)) -> Principal:
        if not principal.can(role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"requires {role}")
        return principal

    return _dep


def principal_from_ws(websocket: WebSocket, settings: Settings) -> Principal | None:
    token = websocket.query_params.get("token", "")
    return verify_token(settings.token_secret, token)
