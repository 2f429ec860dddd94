from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.repos.bills import BillsRepo
from svc.routers.deps import account_service, db_session, readings_repo
from svc.services.accounts import AccountService
from svc.services.billing import BillingService

if TYPE_CHECKING:
    from svc.services.accounts import AccountView

router = APIRouter(tags=["accounts"])


class AddressIn(BaseModel):
    address: str = Field(min_length=5, max_length=300)


def _public(view: "AccountView") -> dict[str, Any]:
    return {
        "account_no": view.account_no,
        "name": view.customer_name,
        "postcode": view.postcode,
        "tariff": view.tariff_code,
        "meters": list(view.meter_serials),
    }


@router.get("/accounts/{account_id}")
async def get_account(account_id: int, svc: AccountService = Depends(account_service)) -> dict[str, Any]:
    return _public(await svc.view(account_id))


@router.get("/accounts/{account_id}/summary")
async def account_summary(account_id: int, svc: AccountService = Depends(account_service)) -> dict[str, Any]:
    return await svc.summary(account_id)


@router.put("/accounts/{account_id}/address")
async def change_address(account_id: int, body: AddressIn, svc: AccountService = Depends(account_service)) -> dict[str, str]:
    postcode = await svc.change_address(account_id, body.address)
    return {"postcode": postcode}


def _bill_out(bill: Any) -> dict[str, Any]:
    return {
        "id": bill.id,
        "period_start": bill.period_start,
        "period_end": bill.period_end,
        "kwh": str(bill.kwh),
        "total_cents": bill.total_cents,
        "status": bill.status,
        "estimated": bill.estimated,
        "due_date": bill.due_date,
    }


@router.get("/accounts/{account_id}/bills")
async def account_bills(
    account_id: int,
    limit: int = Query(12, ge=1, le=60),
    session: AsyncSession = Depends(db_session),
) -> list[dict[str, Any]]:
    bills = await BillsRepo(session).list_for_account(account_id, max_rows=limit)
    return [_bill_out(b) for b in bills]


@router.get("/bills/{bill_id}")
async def get_bill(bill_id: int, session: AsyncSession = Depends(db_session)) -> dict[str, Any]:
    bill = await BillsRepo(session).get(bill_id)
    if bill is None:
        raise HTTPException(404, "bill not found")
    return _bill_out(bill)


@router.get("/bills/{bill_id}/pdf")
async def bill_pdf(bill_id: int, session: AsyncSession = Depends(db_session)) -> Response:
    bill = await BillsRepo(session).get(bill_id)
    if bill is None:
        raise HTTPException(404, "no such bill")
    pdf = await BillingService(session, readings_repo()).bill_pdf(bill)
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": f"inline; filename=bill-{bill_id}.pdf"})
