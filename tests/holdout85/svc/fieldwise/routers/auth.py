from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.auth import hash_password, issue_token, new_salt, verify_password
from fieldwise.db.models import User
from fieldwise.deps import Principal, current_principal, get_session
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.farms import UserRepository
from fieldwise.schemas.api import LoginIn, TokenOut

log = get_logger(__name__)
router = APIRouter(prefix="/v1/auth", tags=["auth"])


@router.post("/login", response_model=TokenOut)
async def login(body: LoginIn, session: AsyncSession = Depends(get_session)) -> TokenOut:
    user = await UserRepository(session).by_email(body.email)
    if user is None or not verify_password(body.password, user.salt, user.password_hash):
        log.info("auth.login_failed", email_domain=body.email.rpartition("@")[2])
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    return TokenOut(access_token=issue_token(user.id, list(user.farm_ids)))


@router.post("/password", status_code=204)
async def change_password(
    body: LoginIn,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> None:
    user: User | None = await UserRepository(session).get(principal.user_id)
    if user is None or user.email != body.email.lower():
        raise HTTPException(status.HTTP_403_FORBIDDEN, "cannot change another user's password")
    salt = new_salt()
    user.password_hash = await asyncio.to_thread(hash_password, body.password, salt)
    user.salt = salt
