from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException

from ..deps import CustomerDep, SessionDep, require_staff
from ..errors import NotFound
from ..repositories.accounts import AccountRepository
from ..repositories.invoices import InvoiceRepository
from ..services.billing_run import BillingRun

router = APIRouter(tags=["billing"])


def _line(line) -> dict:
    return {"description": line.description, "quantity": str(line.quantity), "unit_price": str(line.unit_price), "amount": str(line.amount)}


async def _owned_account(session, customer_id: int, account_id: int):
    account = await AccountRepository(session).get(account_id)
    if account is None or account.customer_id != customer_id:
        raise NotFound("account not found", account_id=account_id)
    return account


@router.get("/portal/accounts/{account_id}/invoices")
async def list_invoices(account_id: int, customer: CustomerDep, session: SessionDep) -> list[dict]:
    await _owned_account(session, customer.id, account_id)
    repo = InvoiceRepository(session)
    result = []
    for inv in await repo.list_for_account(account_id):
        lines = await repo.lines_for(inv.id)
        result.append(
            {
                "id": inv.id,
                "number": inv.number,
                "period": [inv.period_start.isoformat(), inv.period_end.isoformat()],
                "total": str(inv.total),
                "status": inv.status.value,
                "due": inv.due_date.isoformat(),
                "lines": [_line(l) for l in lines],
            }
        )
    return result


@router.get("/portal/accounts/{account_id}/statement")
async def statement(account_id: int, customer: CustomerDep, session: SessionDep, year: int) -> dict:
    await _owned_account(session, customer.id, account_id)
    repo = InvoiceRepository(session)
    invoices = [i for i in await repo.list_for_account(account_id, limit=60) if i.period_end.year == year]
    lines = await repo.lines_for_many([i.id for i in invoices])
    return {
        "year": year,
        "invoices": [{"number": i.number, "total": str(i.total), "lines": [_line(l) for l in lines[i.id]]} for i in invoices],
    }


@router.post("/staff/billing/runs", dependencies=[Depends(require_staff)])
async def start_run(billing_day: int, run_date: date | None = None) -> dict:
    if not 1 <= billing_day <= 28:
        raise HTTPException(422, "billing_day must be 1..28")
    return await BillingRun().run_cycle(billing_day, run_date or date.today())
