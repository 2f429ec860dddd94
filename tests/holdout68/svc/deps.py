"""FastAPI dependencies shared by the routers."""
from __future__ import annotations

from typing import Annotated

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.connections import get_session
from svc.utils.security import decode_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]


def services(request: Request):
    return request.app.state.services


async def current_staff(authorization: Annotated[str | None, Header()] = None) -> dict:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        claims = decode_token(authorization.removeprefix("Bearer "))
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    if claims.get("role") not in ("vet", "nurse", "reception", "manager"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "staff only")
    return claims


StaffDep = Annotated[dict, Depends(current_staff)]
