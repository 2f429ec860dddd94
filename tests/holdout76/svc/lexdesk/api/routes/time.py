from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response

from lexdesk.api.deps import BillingAdmin, ContainerDep, PrincipalDep, RateLimit
from lexdesk.schemas import ApproveIn, TimeEntryIn, TimeEntryPatch
from lexdesk.settings import get_settings

router = APIRouter(tags=["time"])


@router.post("/time-entries", status_code=status.HTTP_201_CREATED, dependencies=[Depends(RateLimit("time", 120))])
async def create_time_entry(payload: TimeEntryIn, principal: PrincipalDep, container: ContainerDep) -> dict:
    entry = await container.billing.record_time(principal, payload)
    return {"id": entry.id, "minutes": entry.minutes, "rate_cents": entry.rate_cents}


@router.patch("/time-entries/{entry_id}")
async def update_time_entry(entry_id: int, patch: TimeEntryPatch, principal: PrincipalDep, container: ContainerDep) -> dict:
    entry = await container.billing.update_entry(principal, entry_id, patch)
    return {"id": entry.id, "minutes": entry.minutes, "narrative": entry.narrative}


@router.post("/time-entries/approve")
async def approve_time(payload: ApproveIn, principal: BillingAdmin, container: ContainerDep) -> dict:
    approved = await container.billing.approve_entries(principal, payload.entry_ids)
    return {"approved": [e.id for e in approved]}


@router.get("/reports/utilization")
async def utilization(month: date, principal: BillingAdmin, container: ContainerDep) -> dict:
    return await container.billing.utilization(principal, month)


@router.get("/reports/weekly")
async def weekly(week_start: date, principal: PrincipalDep, container: ContainerDep) -> dict:
    return await container.billing.weekly_summary(principal, week_start)


@router.get("/reports/exports/{name}")
def download_export(name: str, principal: BillingAdmin) -> Response:
    export_dir = Path(get_settings().export_dir) / str(principal.firm_id)
    path = (export_dir / name).resolve()
    if path.parent != export_dir.resolve() or not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "export not found")
    with open(path, "rb") as fh:
        body = fh.read()
    media = "text/csv" if path.suffix == ".csv" else "application/octet-stream"
    headers = {"Content-Disposition": f'attachment; filename="{os.path.basename(path)}"'}
    return Response(body, media_type=media, headers=headers)
