"""FastAPI dependencies: the current principal and the service container."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .errors import AuthError, Forbidden
from .security import Principal, decode_token
from .wiring import Container

_bearer = HTTPBearer(auto_error=False)


async def get_principal(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise AuthError("missing bearer token")
    return decode_token(credentials.credentials)


async def require_admin(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.is_admin:
        raise Forbidden("admin scope required")
    return principal


def get_container(request: Request) -> Container:
    return request.app.state.container


def client_ip(request: Request) -> str | None:
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.client.host if request.client else None


CurrentUser = Annotated[Principal, Depends(get_principal)]
AdminUser = Annotated[Principal, Depends(require_admin)]
Services = Annotated[Container, Depends(get_container)]
ClientIP = Annotated[str | None, Depends(client_ip)]
