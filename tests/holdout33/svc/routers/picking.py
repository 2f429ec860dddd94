"""Waves and picker devices."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from ..deps import ContainerDep, SessionDep, api_rate_limit
from ..schemas import DevicePushIn, WavePlanIn, ZoneIn
from ..services.wave_planner import compute_wave_metrics

router = APIRouter(prefix="/picking", tags=["picking"], dependencies=[Depends(api_rate_limit)])


@router.post("/waves/plan")
async def plan_wave(body: WavePlanIn, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    plan = await container.planner.plan(session, body.warehouse_id)
    return {"draft_id": plan.draft_id, "orders": len(plan.order_ids), "tasks": len(plan.tasks)}


@router.get("/waves/drafts/{draft_id}/metrics")
async def draft_metrics(draft_id: int, container: ContainerDep) -> dict[str, Any]:
    plan = container.planner.get_draft(draft_id)
    return await compute_wave_metrics(plan)


@router.post("/waves/drafts/{draft_id}/release")
async def release_wave(draft_id: int, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    wave = await container.planner.release(session, draft_id)
    await container.hub.publish({"type": "wave.released", "wave_id": wave.id})
    return {"wave_id": wave.id, "status": wave.status}


@router.get("/waves/{wave_id}/progress")
async def wave_progress(wave_id: int, session: SessionDep, container: ContainerDep) -> dict[str, int]:
    return await container.planner.progress(session, wave_id)


@router.post("/devices/{device_id}/push")
async def push_to_device(device_id: str, body: DevicePushIn, container: ContainerDep) -> dict[str, bool]:
    return {"delivered": await container.picking.push_to_device(device_id, {"type": body.kind, **body.body})}


@router.post("/zones")
async def register_zone(body: ZoneIn, container: ContainerDep) -> dict[str, list[str]]:
    return {"zones": container.picking.register_zone(body.zone)}
