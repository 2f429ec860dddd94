from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, EmailStr, Field

from zonekeep.api.deps import AccountDep, SessionDep
from zonekeep.core import ratelimit
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository
from zonekeep.services.accounts import AccountService
from zonekeep.services.auth import AuthService

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=12)
    display_name: str = ""


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class TokenIn(BaseModel):
    name: str
    scopes: list[str]


@router.post("", status_code=201)
async def register(body: RegisterIn, session: SessionDep) -> dict:
    account = await AccountService(session).register(body.email, body.password, body.display_name)
    return {"id": account.id, "email": account.email}


@router.post("/login")
async def login(body: LoginIn, request: Request, session: SessionDep) -> dict:
    ip = request.client.host if request.client else "unknown"
    if not await ratelimit.hit("login", ip, limit=20):
        raise HTTPException(status_code=429, detail="too many attempts")
    token = await AuthService(AccountRepository(session), TokenRepository(session)).login(body.email, body.password)
    return {"access_token": token, "token_type": "bearer"}


@router.get("/me")
async def me(account: AccountDep) -> dict:
    return {"id": account.id, "email": account.email, "balance": str(account.balance)}


@router.get("/me/tokens")
async def list_tokens(account: AccountDep, session: SessionDep) -> list[dict]:
    tokens = await AccountService(session).list_tokens(account.id)
    return [{"id": t.id, "name": t.name, "scopes": t.scopes.split(), "revoked": t.revoked} for t in tokens]


@router.post("/me/tokens", status_code=201)
async def create_token(body: TokenIn, account: AccountDep, session: SessionDep) -> dict:
    raw, token = await AccountService(session).create_token(account.id, body.name, body.scopes)
    return {"id": token.id, "token": raw}


@router.delete("/me/tokens/{token_id}", status_code=204)
async def revoke_token(token_id: int, account: AccountDep, session: SessionDep) -> None:
    await AccountService(session).revoke_token(account.id, token_id)
