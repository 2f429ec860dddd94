from __future__ import annotations

import asyncio

import bcrypt
from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.auth.deps import current_user, issue_token
from pricewatch.db.engine import get_session
from pricewatch.db.models import User
from pricewatch.repositories import users as users_repo
from pricewatch.schemas import LoginRequest, SignupRequest

router = APIRouter(prefix="/api/users", tags=["users"])


@router.post("/signup", status_code=status.HTTP_201_CREATED)
async def signup(body: SignupRequest, session: AsyncSession = Depends(get_session)):
    hashed = await asyncio.to_thread(bcrypt.hashpw, body.password.encode(), bcrypt.gensalt(rounds=12))
    try:
        user = await users_repo.create(session, body.email, hashed.decode(), body.currency.upper())
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered") from None
    return {"token": issue_token(user.id)}


@router.post("/login")
async def login(body: LoginRequest, session: AsyncSession = Depends(get_session)):
    user = await users_repo.by_email(session, body.email)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad credentials")
    ok = await asyncio.to_thread(bcrypt.checkpw, body.password.encode(), user.password_hash.encode())
    if not ok:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad credentials")
    return {"token": issue_token(user.id)}


@router.get("/me")
async def me(user: User = Depends(current_user)):
    return {"id": user.id, "email": user.email, "plan": user.plan, "currency": user.currency}


@router.put("/me/push-token")
async def set_push_token(token: str, user: User = Depends(current_user), session: AsyncSession = Depends(get_session)):
    merged = await session.merge(user)
    merged.push_token = token
    await session.commit()
    return {"ok": True}
