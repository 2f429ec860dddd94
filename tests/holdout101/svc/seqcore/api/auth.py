from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass

from fastapi import Header, HTTPException, Request


@dataclass(frozen=True)
class Principal:
    lab_id: uuid.UUID
    user: str
    staff: bool = False


def _verify(token: str, secret: str) -> Principal | None:
    try:
        lab, user, staff, sig = token.split(".")
    except ValueError:
        return None
    expected = hmac.new(secret.encode(), f"{lab}.{user}.{staff}".encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig):
        return None
    return Principal(lab_id=uuid.UUID(lab), user=user, staff=staff == "1")


def principal_from_token(request_or_ws, token: str | None) -> Principal | None:
    if not token:
        return None
    return _verify(token, request_or_ws.app.state.settings.instrument_shared_secret + ":portal")


async def require_principal(request: Request, authorization: str | None = Header(default=None)) -> Principal:
    token = authorization.removeprefix("Bearer ").strip() if authorization else None
    principal = principal_from_token(request, token)
    if principal is None:
        raise HTTPException(status_code=401, detail="invalid or missing token")
    return principal


async def require_staff(request: Request, authorization: str | None = Header(default=None)) -> Principal:
    principal = await require_principal(request, authorization)
    if not principal.staff:
        raise HTTPException(status_code=403, detail="core staff only")
    return principal
