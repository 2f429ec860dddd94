from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.security import verify_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def current_staff(authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return await verify_token(authorization[7:])
    except (PermissionError, ValueError) as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from exc


StaffDep = Annotated[dict[str, Any], Depends(current_staff)]


def http_client(request: Request):
    return request.app.state.http
