from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, EmailStr, Field

from pulsewatch.api.deps import current_principal, get_auth_service
from pulsewatch.errors import Unauthorized
from pulsewatch.services.auth import AuthService, Principal

router = APIRouter(prefix="/v1/auth", tags=["auth"])


class RegisterIn(BaseModel):
    organisation: str = Field(min_length=2, max_length=100)
    slug: str = Field(pattern=r"^[a-z0-9-]{3,40}$")
    email: EmailStr
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=10, max_length=128)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class PasswordChangeIn(BaseModel):
    current: str
    new: str = Field(min_length=10, max_length=128)


class ResetRequestIn(BaseModel):
    email: EmailStr


class ResetConfirmIn(BaseModel):
    token: str
    new: str = Field(min_length=10, max_length=128)


@router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(body: RegisterIn, auth: AuthService = Depends(get_auth_service)) -> dict:
    return await auth.register(body.organisation, body.slug, body.email, body.name, body.password)


@router.post("/login")
async def login(body: LoginIn, auth: AuthService = Depends(get_auth_service)) -> dict:
    return {"token": await auth.login(body.email, body.password)}


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(
    body: PasswordChangeIn,
    principal: Principal = Depends(current_principal),
    auth: AuthService = Depends(get_auth_service),
) -> None:
    if principal.user_id is None:
        raise Unauthorized("password change requires a user session")
    await auth.change_password(principal.user_id, body.current, body.new)


@router.post("/password-reset", status_code=status.HTTP_202_ACCEPTED)
async def request_reset(body: ResetRequestIn, request: Request) -> dict:
    await request.app.state.password_reset.request_reset(body.email)
    return {"status": "sent-if-registered"}


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_reset(body: ResetConfirmIn, request: Request) -> None:
    user_id = request.app.state.password_reset.consume(body.token)
    if user_id is None:
        raise Unauthorized("reset link is invalid or has expired")
    await request.app.state.auth_service.change_password_unchecked(user_id, body.new)
