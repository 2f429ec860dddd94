from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr

from ..deps import CustomerDep, SessionDep, require_staff
from ..repositories.accounts import AccountRepository
from ..repositories.invoices import InvoiceRepository
from ..services import auth_service

router = APIRouter(tags=["customers"])
log = logging.getLogger(__name__)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class PasswordIn(BaseModel):
    current: str
    new: str


@router.post("/portal/login")
async def portal_login(body: LoginIn, session: SessionDep) -> dict:
    token = await auth_service.login(session, body.email, body.password)
    return {"access_token": token, "token_type": "bearer"}


@router.post("/portal/password", status_code=204)
async def portal_password(body: PasswordIn, customer: CustomerDep, session: SessionDep) -> None:
    await auth_service.change_password(session, customer, body.new)


@router.get("/portal/me")
async def portal_me(customer: CustomerDep, session: SessionDep) -> dict:
    accounts = await AccountRepository(session).for_customer(customer.id)
    invoices = InvoiceRepository(session)
    balances = {}
    for account in accounts:
        balances[account.id] = str(account.balance)
    return {
        "id": customer.id,
        "name": customer.full_name,
        "email": customer.email,
        "accounts": [
            {
                "id": a.id,
                "tariff": a.tariff_code,
                "balance": balances[a.id],
                "meters": [{"id": m.id, "serial": m.serial, "commodity": m.commodity.value} for m in a.meters],
            }
            for a in accounts
        ],
        "open_balance": str(await invoices.open_balance(accounts[0].id)) if accounts else "0.00",
    }


@router.get("/staff/customers/search", dependencies=[Depends(require_staff)])
async def staff_search(q: str, session: SessionDep) -> list[dict]:
    if len(q) < 3:
        raise HTTPException(422, "query too short")
    customers = await AccountRepository(session).search_customers(q)
    return [{"id": c.id, "name": c.full_name, "email": c.email} for c in customers]
