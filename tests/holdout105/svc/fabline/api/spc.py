"""SPC endpoints: record points, charts, capability."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from fabline.core.deps import get_spc_service
from fabline.services.spc_charts import last_limits_snapshot
from fabline.services.spc_service import SpcService

router = APIRouter(prefix="/spc", tags=["spc"])


class PointIn(BaseModel):
    lot_id: int
    value: float
    measured_at: datetime


@router.post("/charts/{chart_id}/points")
async def record_point(chart_id: int, point: PointIn, svc: SpcService = Depends(get_spc_service)) -> dict:
    violated = await svc.record(chart_id, point.lot_id, point.value, point.measured_at)
    return {"violations": violated}


@router.get("/tools/{tool_id}/charts")
async def charts_for_tool(tool_id: int, svc: SpcService = Depends(get_spc_service)) -> list[dict]:
    return await svc.charts_for_tool(tool_id)


@router.get("/charts/{chart_id}/capability")
async def capability(
    chart_id: int, lsl: float, usl: float, svc: SpcService = Depends(get_spc_service)
) -> dict:
    return await svc.capability_report(chart_id, lsl, usl)


@router.get("/dashboard/limits")
async def dashboard_limits() -> dict:
    return last_limits_snapshot()
