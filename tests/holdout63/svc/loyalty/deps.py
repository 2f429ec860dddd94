from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.db.engine import session_factory
from loyalty.security import AuthError, Principal, decode_member_token, try_decode_staff_token

_last_seen: dict[int, float] = {}


async def db_session() -> AsyncIterator[AsyncSession]:
    async with session_factory()() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(db_session)]


async def current_member(authorization: Annotated[str, Header()] = "") -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        principal = decode_member_token(token)
    except AuthError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    _last_seen[principal.member_id] = time.time()
    return principal


MemberDep = Annotated[Principal, Depends(current_member)]


async def staff(authorization: Annotated[str, Header()] = "") -> Principal:
    _, _, token = authorization.partition(" ")
    principal = try_decode_staff_token(token)
    if principal is None or "loyalty:admin" not in principal.scopes:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "staff only")
    return principal


StaffDep = Annotated[Principal, Depends(staff)]


def services(request: Request):
    return request.app.state.services
