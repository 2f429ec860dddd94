from __future__ import annotations

from fastapi import APIRouter, Depends

from stacks.deps import get_circulation, get_patron_service
from stacks.schemas import PinIn
from stacks.services.circulation import CirculationService
from stacks.services.patrons import PatronService

router = APIRouter(prefix="/patrons", tags=["patrons"])


@router.get("/by-card/{card_number}")
async def patron_by_card(card_number: str, svc: PatronService = Depends(get_patron_service)) -> dict:
    patron = await svc.by_card(card_number)
    return await svc.account_summary(patron)


@router.put("/{patron_id}/pin", status_code=204)
async def set_pin(patron_id: int, body: PinIn, svc: PatronService = Depends(get_patron_service)) -> None:
    await svc.set_pin(patron_id, body.pin)


@router.get("/{patron_id}/loans")
async def patron_loans(patron_id: int, circ: CirculationService = Depends(get_circulation)) -> list[dict]:
    return await circ.patron_loans(patron_id)
