from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.exc import IntegrityError

from svc.repos.users import UserRepo
from svc.routers.deps import SessionDep, UserDep
from svc.services import auth

router = APIRouter(prefix="/auth", tags=["auth"])


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10, max_length=128)
    display_name: str = Field(min_length=2, max_length=80)


class PasswordIn(BaseModel):
    old_password: str
    new_password: str = Field(min_length=10, max_length=128)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


@router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(body: RegisterIn, session: SessionDep) -> dict:
    try:
        user_id = await auth.register(UserRepo(session), body.email, body.password, body.display_name)
    except IntegrityError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered") from exc
    return {"id": user_id}


@router.post("/login")
async def login(body: LoginIn, session: SessionDep) -> dict:
    try:
        token = await auth.login(UserRepo(session), body.email, body.password)
    except auth.AuthError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials") from exc
    return {"access_token": token, "token_type": "bearer"}


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(body: PasswordIn, user: UserDep, session: SessionDep) -> None:
    try:
        await auth.change_password(UserRepo(session), user["sub"], body.old_password, body.new_password)
    except auth.AuthError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
