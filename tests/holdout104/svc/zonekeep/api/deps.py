from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.container import Container
from zonekeep.core.db import get_session
from zonekeep.core.ratelimit import hit_sync
from zonekeep.core.security import decode_session_jwt
from zonekeep.models import Account
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository
from zonekeep.services.auth import AuthService

API_RATE_PER_MINUTE = 600

# account / token of the request being served, read by the audit log helper
REQUEST_CONTEXT: dict[str, Any] = {}

SessionDep = Annotated[AsyncSession, Depends(get_session)]


def get_container(request: Request) -> Container:
    return request.app.state.container


ContainerDep = Annotated[Container, Depends(get_container)]


async def current_account(
    session: SessionDep,
    authorization: Annotated[str | None, Header()] = None,
) -> Account:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="missing bearer token")
    raw = authorization.removeprefix("Bearer ").strip()
    if raw.startswith("zk_"):
        resolved = await AuthService(AccountRepository(session), TokenRepository(session)).resolve_token(raw)
        if resolved is None:
            raise HTTPException(status_code=401, detail="invalid token")
        account, token = resolved
        REQUEST_CONTEXT["token_id"] = token.id
    else:
        try:
            account_id = decode_session_jwt(raw)
        except Exception as exc:
            raise HTTPException(status_code=401, detail="invalid session") from exc
        account = await AccountRepository(session).get(account_id)
        if account is None:
            raise HTTPException(status_code=401, detail="invalid session")
    if not hit_sync("api", str(account.id), API_RATE_PER_MINUTE):
        raise HTTPException(status_code=429, detail="rate limited")
    REQUEST_CONTEXT["account_id"] = account.id
    return account


AccountDep = Annotated[Account, Depends(current_account)]


def audit_fields() -> dict[str, Any]:
    return {"account_id": REQUEST_CONTEXT.get("account_id"), "token_id": REQUEST_CONTEXT.get("token_id")}
