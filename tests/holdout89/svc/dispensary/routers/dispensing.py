from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from dispensary.deps import ContainerDep, PharmacistDep, StaffDep, require_branch

router = APIRouter(tags=["dispensing"])


class VerifyIn(BaseModel):
    pin: str
    payer_id: str
    amount: Decimal


@router.get("/branches/{branch_id}/queue")
async def branch_queue(branch_id: int, container: ContainerDep, staff: StaffDep) -> list[dict[str, Any]]:
    require_branch(staff, branch_id)
    return await container.dispensing.queue_view(branch_id)


@router.get("/branches/{branch_id}/queue/history")
async def queue_history(
    branch_id: int, container: ContainerDep, staff: StaffDep, before_id: int | None = None
) -> list[dict[str, Any]]:
    require_branch(staff, branch_id)
    from dispensary.repositories.dispensing import QueueRepository

    rows = await QueueRepository(container.pg_pool).history_page(branch_id, before_id)
    return [dict(row) for row in rows]


@router.post("/queue/{entry_id}/verify", status_code=204)
async def verify(entry_id: int, body: VerifyIn, container: ContainerDep, staff: PharmacistDep) -> None:
    await container.dispensing.verify(entry_id, staff.staff_id, body.pin, body.payer_id, body.amount)


@router.post("/queue/{entry_id}/ready", status_code=204)
async def ready(entry_id: int, container: ContainerDep, staff: StaffDep) -> None:
    await container.dispensing.mark_ready(entry_id)


@router.post("/queue/{entry_id}/label", status_code=204)
async def label(entry_id: int, container: ContainerDep, staff: StaffDep) -> None:
    await container.dispensing.print_label(entry_id)


@router.post("/queue/{entry_id}/collect", status_code=204)
async def collect(entry_id: int, container: ContainerDep, staff: StaffDep) -> None:
    await container.dispensing.complete(entry_id, staff.staff_id)
