from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends

from apron.deps import Principal, get_turnaround, scanner_principal
from apron.services.turnaround import TurnaroundService

router = APIRouter(prefix="/turnarounds", tags=["turnarounds"])


@router.get("/board")
async def task_board(airport: str, day: date, svc: TurnaroundService = Depends(get_turnaround)) -> dict[str, Any]:
    return await svc.board(airport.upper(), day)


@router.get("/flights/{flight_id}/tasks")
async def flight_tasks(flight_id: int, svc: TurnaroundService = Depends(get_turnaround)) -> list[dict[str, Any]]:
    return await svc.flight_tasks(flight_id)


@router.post("/tasks/{task_id}/claim", status_code=204)
async def claim_task(
    task_id: int, who: Principal = Depends(scanner_principal), svc: TurnaroundService = Depends(get_turnaround)
) -> None:
    await svc.claim(task_id, who.staff_id)


@router.post("/tasks/{task_id}/complete", status_code=204)
async def complete_task(
    task_id: int, who: Principal = Depends(scanner_principal), svc: TurnaroundService = Depends(get_turnaround)
) -> None:
    await svc.complete(task_id)


@router.get("/overdue")
async def overdue(svc: TurnaroundService = Depends(get_turnaround)) -> list[dict[str, Any]]:
    return await svc.overdue_summary()
