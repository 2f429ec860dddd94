from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query
from pydantic import BaseModel

from dispensary.deps import ContainerDep, StaffDep, require_branch
from dispensary.repositories.prescriptions import PrescriptionRepository

router = APIRouter(prefix="/prescriptions", tags=["prescriptions"])


class IntakeRequest(BaseModel):
    exchange_rx_id: str
    branch_id: int


class CancelRequest(BaseModel):
    reason: str


@router.post("/intake", status_code=201)
async def intake(body: IntakeRequest, container: ContainerDep, staff: StaffDep) -> dict[str, int]:
    require_branch(staff, body.branch_id)
    rx_id = await container.prescriptions.intake(body.exchange_rx_id, body.branch_id)
    return {"prescription_id": rx_id}


@router.post("/{rx_id}/refill", status_code=201)
async def refill(rx_id: int, container: ContainerDep, staff: StaffDep) -> dict[str, int]:
    entry_id = await container.prescriptions.start_refill(rx_id)
    return {"queue_entry_id": entry_id}


@router.post("/{rx_id}/cancel", status_code=204)
async def cancel(rx_id: int, body: CancelRequest, container: ContainerDep, staff: StaffDep) -> None:
    await container.prescriptions.cancel(rx_id, body.reason)


@router.get("/received")
async def received_on(
    container: ContainerDep, staff: StaffDep, day: date = Query(default_factory=date.today)
) -> list[dict]:
    async with container.sessions() as session:
        return await PrescriptionRepository(session).received_on(day)
