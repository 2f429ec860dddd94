"""Rider accounts and fare cards."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr, Field

from transit.auth import current_rider
from transit.container import Container, container
from transit.repos.accounts import AccountsRepository
from transit.services.fares import InvalidCredentials

router = APIRouter(prefix="/v1/account", tags=["accounts"])


class RegisterBody(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10)
    phone: str | None = None


class LoginBody(BaseModel):
    email: EmailStr
    password: str


@router.post("/register", status_code=201)
async def register(body: RegisterBody, c: Container = Depends(container)) -> dict[str, Any]:
    rider_id = await c.accounts.register(body.email, body.password, body.phone)
    return {"rider_id": rider_id}


@router.post("/login")
async def login(body: LoginBody, c: Container = Depends(container)) -> dict[str, Any]:
    try:
        token = await c.accounts.login(body.email, body.password)
    except InvalidCredentials:
        raise HTTPException(401, "invalid email or password")
    return {"access_token": token, "token_type": "bearer"}


@router.get("/cards")
async def my_cards(rider_id: int = Depends(current_rider), c: Container = Depends(container)) -> list[dict[str, Any]]:
    async with c.sessions() as session:
        rider = await AccountsRepository(session).rider_with_cards(rider_id)
        if rider is None:
            raise HTTPException(404, "rider not found")
        return [
            {"card_id": card.id, "number": card.card_number[-4:], "balance_cents": card.balance_cents, "status": card.status}
            for card in rider.cards
        ]


@router.put("/push-token")
async def set_push_token(token: str, rider_id: int = Depends(current_rider), c: Container = Depends(container)) -> dict[str, str]:
    await c.accounts.update_push_token(rider_id, token)
    return {"status": "ok"}
