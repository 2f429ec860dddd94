from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import SessionDep
from svc.cache.redis_client import jobs_redis
from svc.repositories.users import UserRepository
from svc.services.auth import AuthService, LoginThrottle

router = APIRouter(prefix="/auth", tags=["auth"])


class RegisterIn(BaseModel):
    email: EmailStr
    handle: str = Field(pattern=r"^[a-z0-9_.-]{2,64}$")
    display_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=10, max_length=200)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


def _service(session: AsyncSession = SessionDep) -> AuthService:
    return AuthService(UserRepository(session), LoginThrottle(jobs_redis))


@router.post("/register", status_code=201)
async def register(body: RegisterIn, session: AsyncSession = SessionDep,
                   service: AuthService = Depends(_service)) -> dict:
    user = await service.register(body.email, body.handle, body.display_name, body.password)
    await session.commit()
    return {"id": user.id, "handle": user.handle}


@router.post("/login")
async def login(body: LoginIn, service: AuthService = Depends(_service)) -> dict:
    return {"access_token": await service.login(body.email, body.password), "token_type": "bearer"}
