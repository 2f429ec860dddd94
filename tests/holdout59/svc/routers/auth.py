from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, EmailStr

from svc.deps import PrincipalDep, SessionDep
from svc.db.models import Student
from svc.security import AuthError, authenticate, change_password
from svc.utils.ratelimit import SlidingWindowLimiter

router = APIRouter(prefix="/auth", tags=["auth"])

login_limiter = SlidingWindowLimiter(limit=5, window_seconds=300)


class LoginRequest(BaseModel):
    email: EmailStr
    password: str


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"


class PasswordChange(BaseModel):
    new_password: str


@router.post("/login", response_model=TokenResponse)
async def login(body: LoginRequest, session: SessionDep) -> TokenResponse:
    if not login_limiter.allow(body.email.lower()):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many login attempts, try again later")
    try:
        token = await authenticate(session, body.email, body.password)
    except AuthError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid email or password") from exc
    login_limiter.forget(body.email.lower())
    return TokenResponse(access_token=token)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
async def set_password(body: PasswordChange, principal: PrincipalDep, session: SessionDep) -> None:
    if len(body.new_password) < 12:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "password too short")
    student = await session.get(Student, principal.student_id)
    if student is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "account not found")
    await change_password(session, student, body.new_password)
