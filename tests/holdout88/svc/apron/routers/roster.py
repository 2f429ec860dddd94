from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from apron.deps import Principal, get_roster, scanner_principal, supervisor_principal
from apron.services.rostering import RosterService

router = APIRouter(prefix="/roster", tags=["roster"])


class DirectSwapIn(BaseModel):
    my_shift: int
    other_staff: int
    other_shift: int


@router.get("/me")
async def my_shifts(
    week_start: date, who: Principal = Depends(scanner_principal), svc: RosterService = Depends(get_roster)
) -> list[dict[str, Any]]:
    return await svc.my_shifts(who.staff_id, week_start)


@router.post("/swaps/direct", status_code=204)
async def direct_swap(
    body: DirectSwapIn, who: Principal = Depends(scanner_principal), svc: RosterService = Depends(get_roster)
) -> None:
    await svc.swap_shifts(who.staff_id, body.my_shift, body.other_staff, body.other_shift)


@router.post("/swaps/{swap_id}/approve", status_code=204)
async def approve_swap(
    swap_id: int, who: Principal = Depends(supervisor_principal), svc: RosterService = Depends(get_roster)
) -> None:
    await svc.approve_swap(swap_id, who.staff_id)


@router.post("/swaps/{swap_id}/decline", status_code=204)
async def decline_swap(
    swap_id: int, who: Principal = Depends(supervisor_principal), svc: RosterService = Depends(get_roster)
) -> None:
    await svc.decline_swap(swap_id, who.staff_id)


@router.get("/availability")
async def availability(
    who: Principal = Depends(supervisor_principal), svc: RosterService = Depends(get_roster)
) -> dict[int, dict[str, Any]]:
    return await svc.availability(who.airport)
