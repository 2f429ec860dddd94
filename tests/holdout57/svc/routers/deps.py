from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Depends, Header, HTTPException, Request, status

from svc.config import Settings, get_settings
from svc.utils.security import AuthError, Principal, decode_token, verify_pin

if TYPE_CHECKING:
    from svc.container import Services


def services(request: Request) -> Services:
    return request.app.state.services


def settings_dep() -> Settings:
    return get_settings()


async def current_principal(
    authorization: str = Header(default=""), settings: Settings = Depends(settings_dep)
) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return decode_token(token, settings.jwt_secret)
    except AuthError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def require_role(*roles: str):
    async def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient role")
        return principal

    return checker


async def portal_claimant(
    request: Request,
    x_claim_number: str = Header(...),
    x_portal_pin: str = Header(...),
    settings: Settings = Depends(settings_dep),
) -> str:
    redis = request.app.state.redis
    expected = await redis.hget("portal:pins", x_claim_number)
    if expected is None or not verify_pin(x_portal_pin, settings.portal_pin_salt, expected):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid claim number or PIN")
    return x_claim_number
