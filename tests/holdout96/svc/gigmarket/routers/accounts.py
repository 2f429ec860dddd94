from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, EmailStr, Field

from ..dependencies import account_service, current_user, identity_service
from ..models import User
from ..services.accounts import AccountService, IdentityService


router = APIRouter(prefix="/accounts", tags=["accounts"])


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10)
    display_name: str = Field(max_length=120)
    role: str


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class VerificationIn(BaseModel):
    document_type: str
    document_key: str


@router.post("/register", status_code=201)
async def register(body: RegisterIn, svc: AccountService = Depends(account_service)) -> dict[str, int]:
    user = await svc.register(body.email, body.password, body.display_name, body.role)
    return {"id": user.id}


@router.post("/login")
async def login(body: LoginIn, svc: AccountService = Depends(account_service)) -> dict[str, str]:
    return {"access_token": await svc.login(body.email, body.password), "token_type": "bearer"}


@router.post("/me/verification")
async def start_verification(
    body: VerificationIn,
    user: User = Depends(current_user),
    svc: IdentityService = Depends(identity_service),
) -> dict[str, str]:
    check_id = await svc.start_verification(user.id, body.document_type, body.document_key)
    return {"check_id": check_id}


@router.get("/me/verification")
async def verification_status(
    user: User = Depends(current_user), svc: IdentityService = Depends(identity_service)
) -> dict[str, str]:
    return {"status": await svc.status(user.id)}
