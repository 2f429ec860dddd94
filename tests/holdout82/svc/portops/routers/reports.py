from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from portops.deps import get_billing
from portops.errors import NotFound
from portops.repositories.telemetry import TelemetryStore
from portops.services.billing import BillingService

router = APIRouter(prefix="/reports", tags=["reports"])


@router.post("/invoices/{call_id}")
async def export_invoice(call_id: int, billing: BillingService = Depends(get_billing)) -> dict:
    path = await billing.export_invoice(call_id)
    return {"file": path.name}


@router.get("/invoices")
def list_invoices(request: Request) -> list[str]:
    directory = request.app.state.settings.report_dir
    return sorted(name for name in os.listdir(directory) if name.startswith("invoice-"))


@router.get("/invoices/{name}/download")
async def download_invoice(name: str, request: Request) -> Response:
    path = Path(request.app.state.settings.report_dir) / Path(name).name
    if not path.is_file():
        raise NotFound("report not found", name=name)
    data = await asyncio.to_thread(path.read_bytes)
    return Response(data, media_type="application/gzip")


@router.get("/equipment/{equipment_id}/trail")
async def trail(equipment_id: str, start: datetime, end: datetime, request: Request) -> list[dict]:
    store = TelemetryStore(request.app.state.pg)
    rows = await store.trail(equipment_id, start, end)
    return [dict(r) for r in rows]
