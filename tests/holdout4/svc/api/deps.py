from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.container import Container
from svc.db.engine import get_session
from svc.errors import Forbidden
from svc.services.auth import decode_token

API_KEY_ITERATIONS = 120_000


@dataclass(frozen=True)
class CurrentUser:
    id: int
    workspace_id: int
    plan: str = "free"


def container(request: Request) -> Container:
    return request.app.state.container


async def session_dep() -> AsyncIterator[AsyncSession]:
    async for session in get_session():
        yield session


async def current_user(authorization: str = Header(default="")) -> CurrentUser:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Forbidden("missing bearer token")
    claims = decode_token(token)
    if "ws" not in claims:
        raise Forbidden("token is not scoped to a workspace")
    return CurrentUser(id=int(claims["sub"]), workspace_id=int(claims["ws"]), plan=claims.get("plan", "free"))


def integration_key_digest(x_api_key: str = Header(default="")) -> str:
    if not x_api_key.startswith("chk_"):
        raise Forbidden("invalid api key")
    digest = hashlib.pbkdf2_hmac("sha256", x_api_key.encode(), settings.jwt_secret.encode(), API_KEY_ITERATIONS)
    return digest.hex()


SessionDep = Depends(session_dep)
UserDep = Depends(current_user)
ContainerDep = Depends(container)
