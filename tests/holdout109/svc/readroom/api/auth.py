from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from readroom.api.deps import current_user, db_session
from readroom.models import User
from readroom.services.auth_service import AuthService

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginRequest(BaseModel):
    username: str
    password: str


class PasswordChange(BaseModel):
    new_password: str = Field(min_length=12)


@router.post("/login")
async def login(body: LoginRequest, session=Depends(db_session)) -> dict:
    return await AuthService(session).login(body.username, body.password)


@router.post("/password")
async def change_password(body: PasswordChange, user: User = Depends(current_user), session=Depends(db_session)) -> dict:
    await AuthService(session).set_password(user, body.new_password)
    return {"changed": True}


@router.get("/me")
async def me(user: User = Depends(current_user)) -> dict:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "subspecialties": user.subspecialties or [],
    }
