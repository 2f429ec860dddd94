"""Charge point catalogue, live power and fault search."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import ChargePoint
from svc.db.repositories.catalog import ChargePointRepository
from svc.db.repositories.telemetry import TelemetryRepository
from svc.deps import get_db, get_telemetry_repo
from svc.services.telemetry import import_meter_log
from svc.utils.timeutil import utcnow

router = APIRouter(prefix="/v1", tags=["chargepoints"])


class ChargePointOut(BaseModel):
    id: str
    site_id: int
    vendor: str
    model: str
    status: str
    connectors: int

    @classmethod
    def build(cls, cp: ChargePoint, connectors: int) -> ChargePointOut:
        return cls(id=cp.id, site_id=cp.site_id, vendor=cp.vendor, model=cp.model, status=cp.status, connectors=connectors)


@router.get("/chargepoints", response_model=list[ChargePointOut])
async def list_chargepoints(
    after: str | None = None,
    limit: int = Query(100, ge=1, le=500),
    db: AsyncSession = Depends(get_db),
) -> list[ChargePointOut]:
    repo = ChargePointRepository(db)
    chargepoints = await repo.list_page(after=after, limit=limit)
    return [ChargePointOut.build(cp, await repo.connector_count(cp.id)) for cp in chargepoints]


@router.get("/chargepoints/search", response_model=list[ChargePointOut])
async def search_chargepoints(q: str = Query(min_length=2, max_length=80), db: AsyncSession = Depends(get_db)) -> list[ChargePointOut]:
    repo = ChargePointRepository(db)
    chargepoints = await repo.search(q)
    counts = await repo.connector_counts(cp.id for cp in chargepoints)
    return [ChargePointOut.build(cp, counts.get(cp.id, 0)) for cp in chargepoints]


@router.get("/sites/{site_id}/chargepoints", response_model=list[ChargePointOut])
async def site_chargepoints(site_id: int, db: AsyncSession = Depends(get_db)) -> list[ChargePointOut]:
    repo = ChargePointRepository(db)
    chargepoints = await repo.list_for_site(site_id)
    counts = await repo.connector_counts([cp.id for cp in chargepoints])
    return [ChargePointOut.build(site_cp, counts.get(site_cp.id, 0)) for site_cp in chargepoints]


@router.get("/sites/{site_id}/power")
async def site_power(
    site_id: int,
    db: AsyncSession = Depends(get_db),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> dict[str, Any]:
    chargepoints = await ChargePointRepository(db).list_for_site(site_id)
    power = await telemetry.latest_power([cp.id for cp in chargepoints])
    return {"site_id": site_id, "total_kw": round(sum(power.values()), 1), "chargepoints": power}


@router.get("/chargepoints/faults")
async def recent_faults(
    code: str = Query(min_length=2, max_length=48),
    hours: int = Query(24, ge=1, le=168),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> list[dict[str, Any]]:
    return await telemetry.faults_by_code(code, since=utcnow() - timedelta(hours=hours))


@router.get("/chargepoints/{chargepoint_id}/connectors/{connector_no}/readings")
async def connector_readings(
    chargepoint_id: str,
    connector_no: int,
    minutes: int = Query(60, ge=1, le=24 * 60),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> list[dict[str, Any]]:
    return await telemetry.recent_for_connector(chargepoint_id, connector_no, utcnow() - timedelta(minutes=minutes))


@router.post("/chargepoints/{chargepoint_id}/meter-log", status_code=202)
async def upload_meter_log(
    chargepoint_id: str,
    file: UploadFile = File(...),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> dict[str, int]:
    raw = await file.read()
    imported = await import_meter_log(telemetry, chargepoint_id, raw)
    return {"imported": imported}
