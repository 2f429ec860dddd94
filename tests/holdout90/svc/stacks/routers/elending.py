from __future__ import annotations

from fastapi import APIRouter, Depends

from stacks.deps import get_elending
from stacks.schemas import DigitalCheckoutIn
from stacks.services.elending import ELendingService

router = APIRouter(prefix="/digital", tags=["digital"])


@router.post("/checkout", status_code=201)
async def digital_checkout(body: DigitalCheckoutIn, svc: ELendingService = Depends(get_elending)) -> dict:
    return await svc.checkout(body.card_number, body.title_id)


@router.delete("/loans/{loan_id}", status_code=204)
async def digital_return(loan_id: int, patron_id: int, svc: ELendingService = Depends(get_elending)) -> None:
    await svc.early_return(loan_id, patron_id)
