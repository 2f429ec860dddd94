from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.exc import IntegrityError

from svc.auth.deps import Session
from svc.auth.tokens import hash_password, issue_token, verify_password
from svc.repositories import users_repo


router = APIRouter(prefix="/auth", tags=["auth"])

HANDLE_RE = re.compile(r"^[a-z0-9_]{3,32}$")


class SignupIn(BaseModel):
    handle: str
    email: EmailStr
    password: str = Field(min_length=10, max_length=128)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


@router.post("/signup", status_code=status.HTTP_201_CREATED)
async def signup(body: SignupIn, session: Session) -> dict:
    handle = body.handle.lower()
    if not HANDLE_RE.match(handle):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "invalid handle")
    password_hash = hash_password(body.password)
    try:
        user = await users_repo.create(session, handle=handle, email=body.email, password_hash=password_hash)
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, "handle or email already taken") from exc
    return {"id": user.id, "token": issue_token(user.id)}


@router.post("/login")
async def login(body: LoginIn, session: Session) -> dict:
    user = await users_repo.by_email(session, body.email)
    if user is None or not await verify_password(body.password, user.password_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    if user.is_banned:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "account suspended")
    return {"token": issue_token(user.id)}
