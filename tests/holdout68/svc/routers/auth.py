from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, EmailStr, Field

from svc.db.models import Owner
from svc.deps import SessionDep
from svc.repositories import pets_repo
from svc.utils.security import hash_password, issue_token, verify_password

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/auth", tags=["auth"])


class SignupIn(BaseModel):
    full_name: str = Field(min_length=2, max_length=200)
    email: EmailStr
    phone: str | None = None
    password: str = Field(min_length=10)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


@router.post("/owners/signup", status_code=201)
async def signup(body: SignupIn, session: SessionDep) -> dict:
    if await pets_repo.find_owner_by_email(session, body.email) is not None:
        raise HTTPException(409, "an account with that email exists")
    hashed = await asyncio.to_thread(hash_password, body.password)
    owner = Owner(full_name=body.full_name, email=body.email.lower(), phone=body.phone, password_hash=hashed)
    session.add(owner)
    await session.commit()
    return {"id": owner.id, "token": issue_token(str(owner.id), "owner")}


@router.post("/owners/login")
async def login(body: LoginIn, session: SessionDep) -> dict:
    owner = await pets_repo.find_owner_by_email(session, body.email)
    if owner is None or not owner.password_hash:
        raise HTTPException(401, "invalid credentials")
    if not verify_password(body.password, owner.password_hash):
        logger.info("failed owner login", extra={"owner_id": owner.id})
        raise HTTPException(401, "invalid credentials")
    return {"token": issue_token(str(owner.id), "owner")}
