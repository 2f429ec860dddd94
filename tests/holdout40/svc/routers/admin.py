"""Operations control endpoints (gate agents, duty managers)."""
from __future__ import annotations

import csv
import io
import logging
from datetime import date, timedelta

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ..config import Settings, get_settings
from ..db.engine import get_session
from ..errors import NotFound
from ..repositories import bookings as bookings_repo
from ..repositories import flights as flights_repo
from ..repositories import outbox as outbox_repo
from ..security import Principal, require_role
from ..services import fare_rules
from ..services.schedule import ScheduleService
from ..workers.miles_reconciler import MilesReconciler
from ..ws.endpoints import push_ops_update
from ..ws.manager import GateChangeHub

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


class GateChangeRequest(BaseModel):
    gate: str = Field(min_length=1, max_length=6)


class DelayRequest(BaseModel):
    delay_min: int = Field(gt=0, le=1440)
    reason: str | None = None


class EquipmentChange(BaseModel):
    aircraft_type: str
    tail_number: str | None = None
    removed_seats: list[str] = []


class FareOverride(BaseModel):
    fare_class: str = Field(min_length=1, max_length=1)
    rate: float = Field(ge=0, le=5)


def _schedule(request: Request) -> ScheduleService:
    return request.app.state.schedule


@router.post("/flights/{flight_id}/gate")
async def change_gate(
    flight_id: int,
    body: GateChangeRequest,
    request: Request,
    session: AsyncSession = Depends(get_session),
    principal: Principal = Depends(require_role("ops-controller")),
) -> dict:
    flight = await flights_repo.get(session, flight_id)
    if flight is None:
        raise NotFound("flight not found", flight_id=flight_id)
    change = await flights_repo.set_gate(session, flight, body.gate.upper())
    await session.commit()
    hub: GateChangeHub = request.app.state.gate_hub
    event = {
        "type": "gate_change",
        "airport": flight.origin,
        "flight_id": flight.id,
        "flight_no": flight.flight_no,
        "old_gate": change.old_gate,
        "new_gate": change.new_gate,
    }
    await hub.publish(event)
    await push_ops_update(flight.origin, event)
    log.info("gate change %s %s -> %s by %s", flight.flight_no, change.old_gate, change.new_gate, principal.subject)
    return event


@router.post("/flights/{flight_id}/delay")
async def record_delay(
    flight_id: int,
    body: DelayRequest,
    session: AsyncSession = Depends(get_session),
    principal: Principal = Depends(require_role("ops-controller")),
) -> dict:
    flight = await flights_repo.get(session, flight_id)
    if flight is None:
        raise NotFound("flight not found", flight_id=flight_id)
    new_estimate = (flight.est_dep or flight.sched_dep) + timedelta(minutes=body.delay_min)
    await flights_repo.set_estimate(session, flight.id, new_estimate, "DELAYED")
    await session.commit()
    outbox_repo.record_delay(flight.id, body.delay_min, body.reason)
    return {"flight_id": flight.id, "est_dep": new_estimate.isoformat()}


@router.post("/flights/{flight_id}/equipment")
async def change_equipment(
    flight_id: int,
    body: EquipmentChange,
    schedule: ScheduleService = Depends(_schedule),
    principal: Principal = Depends(require_role("ops-controller")),
) -> dict:
    displaced = await schedule.change_aircraft(flight_id, body.aircraft_type, body.tail_number, body.removed_seats)
    return {"flight_id": flight_id, "displaced": displaced}


@router.post("/flights/{flight_id}/dcs-sync")
async def dcs_sync(
    flight_id: int,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
    principal: Principal = Depends(require_role("gate-agent")),
) -> dict:
    flight = await flights_repo.get(session, flight_id)
    if flight is None:
        raise NotFound("flight not found", flight_id=flight_id)
    async with httpx.AsyncClient(base_url=settings.legacy_dcs_http, timeout=5.0) as client:
        resp = await client.post("/flights/sync", json={"flight": flight.flight_no, "gate": flight.gate})
    return {"status": resp.status_code}


@router.get("/flights/{flight_id}/manifest.csv")
async def manifest_csv(
    flight_id: int,
    settings: Settings = Depends(get_settings),
    principal: Principal = Depends(require_role("gate-agent")),
) -> StreamingResponse:
    engine = create_async_engine(settings.database_url)
    try:
        async with AsyncSession(engine) as session:
            rows = await bookings_repo.manifest(session, flight_id)
    finally:
        await engine.dispose()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["pnr", "surname", "given", "cabin", "seat", "status"])
    for b in rows:
        writer.writerow([b.pnr, b.passenger.last_name, b.passenger.first_name, b.cabin, b.seat_no, b.status])
    buf.seek(0)
    return StreamingResponse(iter([buf.getvalue()]), media_type="text/csv")


@router.get("/bookings/search")
async def search_bookings(
    surname: str,
    session: AsyncSession = Depends(get_session),
    principal: Principal = Depends(require_role("agent")),
) -> list[dict]:
    rows = await bookings_repo.search_by_surname(session, surname)
    return [{"booking_id": b.id, "pnr": b.pnr, "flight_id": b.flight_id, "status": b.status} for b in rows]


@router.post("/fares/override")
async def fare_override(body: FareOverride, principal: Principal = Depends(require_role("revenue"))) -> dict:
    fare_rules.set_override(body.fare_class, body.rate)
    log.info("fare override %s=%s by %s", body.fare_class, body.rate, principal.subject)
    return {"fare_class": body.fare_class.upper(), "rate": body.rate}


@router.post("/schedule/sync")
async def schedule_sync(
    day: date,
    schedule: ScheduleService = Depends(_schedule),
    principal: Principal = Depends(require_role("ops-controller")),
) -> dict:
    created = await schedule.sync_day(day)
    mismatches = await schedule.reconcile(day)
    return {"created": created, "mismatches": mismatches}


@router.post("/loyalty/reconcile")
async def reconcile_partner_miles(request: Request, principal: Principal = Depends(require_role("loyalty-ops"))) -> dict:
    stats = await MilesReconciler(request.app.state.partner_loyalty).run_once()
    log.info("partner miles reconciliation run by %s: %s", principal.subject, stats)
    return stats
