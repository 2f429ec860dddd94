"""Account routes."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, EmailStr, Field

from svc.api.deps import account_service, current_account_id
from svc.services.accounts import AccountService

router = APIRouter(prefix="/accounts", tags=["accounts"])


class RegisterIn(BaseModel):
    email: EmailStr
    display_name: str = Field(min_length=2, max_length=80)
    password: str = Field(min_length=10)
    role: str = Field(default="buyer", pattern="^(buyer|seller)$")


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class AmountIn(BaseModel):
    amount_cents: int = Field(gt=0)


@router.post("", status_code=201)
async def register(body: RegisterIn, svc: AccountService = Depends(account_service)) -> dict:
    account_id = await svc.register(body.email, body.display_name, body.password, body.role)
    return {"id": account_id}


@router.post("/login")
async def login(body: LoginIn, svc: AccountService = Depends(account_service)) -> dict:
    return {"token": await svc.login(body.email, body.password)}


@router.post("/me/deposit", status_code=204)
async def deposit(
    body: AmountIn,
    account_id: int = Depends(current_account_id),
    svc: AccountService = Depends(account_service),
) -> None:
    await svc.deposit(account_id, body.amount_cents)


@router.post("/me/withdraw", status_code=204)
async def withdraw(
    body: AmountIn,
    account_id: int = Depends(current_account_id),
    svc: AccountService = Depends(account_service),
) -> None:
    await svc.withdraw(account_id, body.amount_cents)
