from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from portops.deps import get_planner, get_session
from portops.errors import NotFound
from portops.repositories.containers import ContainerRepository
from portops.repositories.yard import YardRepository
from portops.schemas import CommitRequest, PlacementOut
from portops.services.yard_planner import Placement, YardPlanner

router = APIRouter(prefix="/yard", tags=["yard"])


@router.post("/plan/{call_id}", response_model=list[PlacementOut])
async def plan_discharge(call_id: int, planner: YardPlanner = Depends(get_planner)) -> list[PlacementOut]:
    placements = await planner.plan_discharge(call_id)
    return [PlacementOut(container=p.container, block=p.block, slot_id=p.slot_id) for p in placements]


@router.post("/commit")
async def commit_plan(body: CommitRequest, planner: YardPlanner = Depends(get_planner)) -> dict:
    placements = [Placement(container=p.container, block=p.block, slot_id=p.slot_id) for p in body.placements]
    claimed = await planner.commit_block(body.block_id, placements, body.call_id)
    return {"claimed": claimed}


@router.get("/occupancy")
async def occupancy(session: AsyncSession = Depends(get_session)) -> dict:
    containers = await ContainerRepository(session).all_containers()
    by_status = Counter(c.status for c in containers)
    return {"total": len(containers), "by_status": dict(by_status)}


@router.get("/blocks/{block_id}/capacity")
async def block_capacity(block_id: int, planner: YardPlanner = Depends(get_planner)) -> dict:
    return await planner.block_capacity(block_id)


@router.get("/containers/{number}/slot")
async def container_slot(number: str, session: AsyncSession = Depends(get_session)) -> dict:
    container = await ContainerRepository(session).get_by_container_no(number.upper())
    if container is None:
        raise NotFound("container not found", number=number)
    slot = await YardRepository(session).slot_of(container.id)
    if slot is None:
        return {"container": contianer.number, "slot": None}
    return {"container": container.number, "block": slot.block_id, "bay": slot.bay, "row": slot.row, "tier": slot.tier}
