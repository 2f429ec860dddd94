from __future__ import annotations

from fastapi import APIRouter, status

from lexdesk.api.deps import ContainerDep, PrincipalDep
from lexdesk.errors import NotFound
from lexdesk.schemas import ConflictCheckIn, DeadlineIn, MatterIn

router = APIRouter(tags=["matters"])


@router.post("/matters", status_code=status.HTTP_201_CREATED)
async def open_matter(payload: MatterIn, principal: PrincipalDep, container: ContainerDep, waive_conflicts: bool = False) -> dict:
    matter = await container.matters.open_matter(principal, payload, waive_conflicts=waive_conflicts)
    return {"id": matter.id, "number": matter.number}


@router.get("/matters/{matter_id}")
async def matter_overview(matter_id: int, principal: PrincipalDep, container: ContainerDep) -> dict:
    return await container.matters.overview(principal, matter_id)


@router.post("/conflicts/check")
async def conflict_check(payload: ConflictCheckIn, principal: PrincipalDep, container: ContainerDep) -> dict:
    report = await container.conflicts.check(
        principal,
        payload.names,
        prospective_client_id=payload.prospective_client_id,
        exclude_matter_id=payload.exclude_matter_id,
    )
    return report.as_dict()


@router.post("/matters/{matter_id}/deadlines", status_code=status.HTTP_201_CREATED)
async def add_deadline(matter_id: int, payload: DeadlineIn, principal: PrincipalDep, container: ContainerDep) -> dict:
    deadline = await container.calendar.create_deadline(principal, matter_id, payload)
    return {"id": deadline.id, "due_at": deadline.due_at.isoformat()}


@router.get("/deadlines/upcoming")
async def upcoming_deadlines(principal: PrincipalDep, container: ContainerDep, days: int = 14) -> list[dict]:
    return await container.calendar.upcoming_for_user(principal, days=min(days, 90))


@router.get("/deadlines/{deadline_id}")
async def get_deadline(deadline_id: int, principal: PrincipalDep, container: ContainerDep) -> dict:
    deadline = await container.calendar.get_deadline(principal, deadline_id)
    if deadline is None:
        return {"error": "deadline not found", "id": deadline_id}
    return {"id": deadline.id, "matter_id": deadline.matter_id, "title": deadline.title,
            "due_at": deadline.due_at.isoformat(), "status": deadline.status}


@router.get("/deadlines/{deadline_id}/computation")
async def deadline_computation(deadline_id: int, principal: PrincipalDep, container: ContainerDep) -> dict:
    deadline = await container.calendar.get_deadline(principal, deadline_id)
    if deadline is None:
        raise NotFound("deadline", deadline_id)
    return {"id": deadline.id, "court": deadline.court_code, "rule": deadline.rule_ref}
