"""Staff login."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.orm import get_session
from ..security import login

router = APIRouter(prefix="/v1/auth", tags=["auth"])


class LoginIn(BaseModel):
    email: str
    password: str


@router.post("/login")
async def do_login(body: LoginIn, session: AsyncSession = Depends(get_session)) -> dict:
    token = await login(body.email.lower(), body.password, session)
    return {"access_token": token, "token_type": "bearer"}
