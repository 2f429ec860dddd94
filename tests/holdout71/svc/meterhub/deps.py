from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .models import Customer
from .utils.security import decode_portal_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def current_customer(
    session: SessionDep, authorization: Annotated[str | None, Header()] = None
) -> Customer:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    claims = decode_portal_token(authorization[7:])
    customer = await session.get(Customer, int(claims["sub"]))
    if customer is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown customer")
    return customer


CustomerDep = Annotated[Customer, Depends(current_customer)]


def require_staff(x_staff_role: Annotated[str | None, Header()] = None) -> str:
    # the internal gateway strips this header from public traffic and sets it from SSO
    if x_staff_role not in {"billing", "dispatcher", "supervisor"}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "staff only")
    return x_staff_role


def app_state(request: Request):
    return request.app.state
