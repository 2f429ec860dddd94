from __future__ import annotations

from fastapi import APIRouter, Depends

from stacks.deps import get_circulation, require_staff
from stacks.schemas import CheckinIn, CheckoutIn
from stacks.services.circulation import CirculationService

router = APIRouter(prefix="/circulation", tags=["circulation"])


@router.post("/checkout", status_code=201)
async def checkout(body: CheckoutIn, staff: str = Depends(require_staff), circ: CirculationService = Depends(get_circulation)) -> dict:
    loan = await circ.checkout(body.card_number, body.rfid_tag, body.branch_id)
    return {"loan_id": loan.id, "due_at": loan.due_at.isoformat()}


@router.post("/checkin")
async def checkin(body: CheckinIn, staff: str = Depends(require_staff), circ: CirculationService = Depends(get_circulation)) -> dict:
    return await circ.checkin(body.rfid_tag, body.branch_id)


@router.post("/loans/{loan_id}/renew")
async def renew(loan_id: int, patron_id: int, circ: CirculationService = Depends(get_circulation)) -> dict:
    loan = await circ.renew(loan_id, patron_id)
    return {"loan_id": loan.id, "due_at": loan.due_at.isoformat(), "renewals": loan.renewals}


@router.get("/branches/{branch_id}/dashboard")
async def dashboard(branch_id: int, staff: str = Depends(require_staff), circ: CirculationService = Depends(get_circulation)) -> dict:
    return await circ.branch_dashboard(branch_id)
