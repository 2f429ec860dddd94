from __future__ import annotations

import json
import uuid

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from seqcore.api.auth import Principal, require_principal, require_staff
from seqcore.api.deps import run_service
from seqcore.errors import NotFound
from seqcore.repositories.runs import RunRepository
from seqcore.schemas import RunIn
from seqcore.services.qc import current_thresholds, summarize_lanes
from seqcore.services.runs import RunService

router = APIRouter(prefix="/runs", tags=["runs"])


class LaneAssignment(BaseModel):
    pool_id: uuid.UUID
    lane: int


class QcPreviewIn(BaseModel):
    lanes: dict[int, dict[str, list[int]]]


@router.post("", status_code=201)
async def register_run(body: RunIn, _: Principal = Depends(require_staff),
                       service: RunService = Depends(run_service)) -> dict:
    return await service.register_run(body)


@router.get("")
async def list_runs(request: Request, after: uuid.UUID | None = None, limit: int = Query(50, le=200),
                    _: Principal = Depends(require_principal)) -> list[dict]:
    rows = await RunRepository(request.app.state.pg).list_page(after, limit)
    return [{k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in dict(r).items()} for r in rows]


@router.get("/{run_id}")
async def get_run(run_id: uuid.UUID, _: Principal = Depends(require_principal),
                  service: RunService = Depends(run_service)) -> dict:
    return await service.get_summary(run_id)


@router.post("/{run_id}/lanes")
async def assign_lane(run_id: uuid.UUID, body: LaneAssignment, _: Principal = Depends(require_staff),
                      service: RunService = Depends(run_service)) -> dict:
    await service.assign_pool(run_id, body.pool_id, body.lane)
    return {"run_id": str(run_id), "lane": body.lane, "pool_id": str(body.pool_id)}


@router.post("/{run_id}/qc-preview")
async def qc_preview(run_id: uuid.UUID, body: QcPreviewIn, _: Principal = Depends(require_staff)) -> dict:
    return summarize_lanes(str(run_id), body.lanes, current_thresholds())


@router.get("/{run_id}/qc")
async def qc_report(run_id: uuid.UUID, request: Request, _: Principal = Depends(require_principal)) -> dict:
    raw = await request.app.state.redis.get(f"seqcore:qc:report:{run_id}")
    if raw is None:
        raise NotFound(f"no QC report for run {run_id} yet")
    return json.loads(raw)
