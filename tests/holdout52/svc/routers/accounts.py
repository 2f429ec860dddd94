from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..repositories import accounts as accounts_repo
from ..schemas import AccountSummary, CustomerCreate
from ..services import kyc, portfolio, transfers
from ..services import quotes as quote_service
from .deps import current_customer_id

router = APIRouter(prefix="/v1", tags=["accounts"])


@router.post("/customers", status_code=201)
async def create_customer(body: CustomerCreate, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        customer = await kyc.onboard_customer(session, body.email, body.full_name)
    except kyc.DuplicateCustomer:
        raise HTTPException(409, "a customer with this email already exists") from None
    return {"id": customer.id, "kyc_status": customer.kyc_status.value}


@router.get("/accounts/{account_id}/summary", response_model=AccountSummary)
async def account_summary(
    account_id: int,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> AccountSummary:
    account = await accounts_repo.get_account(session, account_id)
    if account is None or account.customer_id != customer_id:
        raise HTTPException(404, "account not found")
    summary = await portfolio.account_summary(session, account_id)
    assert summary is not None
    return summary


@router.get("/me/cash")
async def my_cash(customer_id: int = Depends(current_customer_id), session: AsyncSession = Depends(get_session)) -> dict:
    return {"balances": await portfolio.customer_cash_overview(session, customer_id)}


@router.get("/me/positions")
async def my_positions(customer_id: int = Depends(current_customer_id), session: AsyncSession = Depends(get_session)) -> dict:
    return {"accounts": await portfolio.customer_positions_overview(session, customer_id)}


@router.get("/me")
async def me(customer_id: int = Depends(current_customer_id), session: AsyncSession = Depends(get_session)) -> dict:
    customer = await accounts_repo.get_customer_with_accounts(session, customer_id)
    if customer is None:
        raise HTTPException(404, "customer not found")
    return {
        "id": customer.id,
        "email": customer.email,
        "kyc_status": customer.kyc_status.value,
        "accounts": [{"id": a.id, "number": a.account_number, "type": a.account_type} for a in customer.accounts],
    }


class WithdrawalRequest(BaseModel):
    amount: Decimal = Field(gt=0)


class JournalRequest(BaseModel):
    source_account_id: int
    target_account_id: int
    amount: Decimal = Field(gt=0)
    memo: str = Field(default="", max_length=140)


@router.post("/accounts/{account_id}/withdrawals", status_code=202)
async def request_withdrawal(
    account_id: int,
    body: WithdrawalRequest,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> dict:
    customer = await accounts_repo.get_customer_with_accounts(session, customer_id)
    if customer is None:
        raise HTTPException(404, "customer not found")
    kyc.require_approved(customer)
    try:
        reference = await transfers.withdraw(session, customer_id, account_id, body.amount)
    except transfers.TransferError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"reference": reference}


@router.post("/journals", status_code=201)
async def create_journal(
    body: JournalRequest,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> dict:
    owned = {a.id for a in await accounts_repo.accounts_for_customer(session, customer_id)}
    if body.source_account_id not in owned or body.target_account_id not in owned:
        raise HTTPException(404, "account not found")
    try:
        reference = await transfers.journal(body.source_account_id, body.target_account_id, body.amount, body.memo)
    except transfers.TransferError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"reference": reference}


@router.get("/me/watchlist")
async def my_watchlist(customer_id: int = Depends(current_customer_id)) -> dict:
    return {"quotes": [q.model_dump() for q in await quote_service.watchlist_quotes(customer_id)]}


@router.put("/me/watchlist/{symbol}", status_code=204)
async def watch(symbol: str, customer_id: int = Depends(current_customer_id)) -> None:
    if not await quote_service.add_to_watchlist(customer_id, symbol):
        raise HTTPException(409, f"watchlists are limited to {quote_service.WATCHLIST_LIMIT} symbols")


@router.delete("/me/watchlist/{symbol}", status_code=204)
async def unwatch(symbol: str, customer_id: int = Depends(current_customer_id)) -> None:
    await quote_service.remove_from_watchlist(customer_id, symbol)


@router.get("/accounts/{account_id}/pnl")
async def account_pnl(
    account_id: int,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> dict:
    account = await accounts_repo.get_account(session, account_id)
    if account is None or account.customer_id != customer_id:
        raise HTTPException(404, "account not found")
    return await portfolio.daily_pnl(account_id)


@router.get("/accounts/{account_id}/allocation")
async def account_allocation(
    account_id: int,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> dict:
    account = await accounts_repo.get_account(session, account_id)
    if account is None or account.customer_id != customer_id:
        raise HTTPException(404, "account not found")
    summary = await portfolio.account_summary(session, account_id)
    assert summary is not None
    return {"allocation": portfolio.allocation(summary)}


class OpenAccountRequest(BaseModel):
    account_type: str = Field(default="cash", pattern="^(cash|margin)$")


@router.post("/accounts", status_code=201)
async def open_account(
    body: OpenAccountRequest,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> dict:
    customer = await accounts_repo.get_customer_with_accounts(session, customer_id)
    if customer is None:
        raise HTTPException(404, "customer not found")
    kyc.require_approved(customer)
    if len(customer.accounts) >= 5:
        raise HTTPException(409, "account limit reached")
    account = await accounts_repo.open_account(session, customer_id, body.account_type)
    await session.commit()
    return {"id": account.id, "account_number": account.account_number, "type": account.account_type}
