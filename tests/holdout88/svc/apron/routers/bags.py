from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from apron.deps import Principal, get_baggage, scanner_principal
from apron.services.baggage import BaggageService

router = APIRouter(prefix="/bags", tags=["baggage"])


class ScanIn(BaseModel):
    tag: str = Field(min_length=10, max_length=10)
    location: str
    device_id: str
    at: datetime


class ReconcileIn(BaseModel):
    tags: list[str]


@router.post("/scans", status_code=201)
async def record_scan(
    scan: ScanIn, who: Principal = Depends(scanner_principal), svc: BaggageService = Depends(get_baggage)
) -> dict[str, Any]:
    bag = await svc.record_scan(scan.tag, scan.location, scan.device_id, scan.at)
    return {"known": bag is not None, "status": bag.status if bag else None}


@router.get("/{tag}/history")
async def tag_history(tag: str, svc: BaggageService = Depends(get_baggage)) -> Any:
    history = await svc.tag_history(tag)
    if history is None:
        return {"error": "unknown tag", "tag": tag}
    return history


@router.get("/transfers/{flight_id}/at-risk")
async def transfers_at_risk(flight_id: int, svc: BaggageService = Depends(get_baggage)) -> dict[str, Any]:
    tags = await svc.check_transfers(flight_id)
    return {"flight_id": flight_id, "at_risk": tags}


@router.post("/flights/{flight_id}/reconcile")
async def reconcile(flight_id: int, body: ReconcileIn, svc: BaggageService = Depends(get_baggage)) -> dict[str, Any]:
    return await svc.reconcile_loaded(flight_id, body.tags)


@router.get("/flights/{flight_id}/manifest.csv")
async def manifest(flight_id: int, svc: BaggageService = Depends(get_baggage)) -> FileResponse:
    path = await svc.export_manifest(flight_id)
    return FileResponse(path, media_type="text/csv", filename=path.name)


@router.post("/{tag}/transfer", status_code=204)
async def transfer(tag: str, from_flight: int, to_flight: int, svc: BaggageService = Depends(get_baggage)) -> None:
    await svc.transfer_bag(tag, from_flight, to_flight)
