from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse

from svc.container import Services, services
from svc.deps import SessionDep, StaffDep
from svc.repositories import invoices as invoices_repo
from svc.services.invoicing import InvoiceError

router = APIRouter(prefix="/invoices", tags=["invoices"])
ServicesDep = Annotated[Services, Depends(services)]


@router.post("/reservation/{reservation_id}")
async def issue(reservation_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep) -> dict:
    try:
        invoice = await svc.invoicing.issue(session, reservation_id)
    except InvoiceError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"number": invoice.number, "status": invoice.status}


@router.post("/reservation/{reservation_id}/proforma")
async def proforma(reservation_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep) -> FileResponse:
    try:
        path = await svc.invoicing.issue_proforma(session, reservation_id)
    except InvoiceError as exc:
        raise HTTPException(409, str(exc)) from exc
    return FileResponse(path, media_type="application/pdf")


@router.get("/reservation/{reservation_id}")
async def list_for_reservation(reservation_id: int, session: SessionDep, staff: StaffDep) -> list[dict]:
    return [
        {"number": inv.number, "status": inv.status, "total": str(inv.total), "currency": inv.currency}
        for inv in await invoices_repo.for_reservation(session, reservation_id)
    ]
