"""Driver-facing sessions and reservations."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.notifications import NotificationService
from svc.db.repositories.telemetry import TelemetryRepository
from svc.deps import current_driver_id, get_db, get_notifier, get_receipts, get_registry, get_telemetry_repo
from svc.services.documents import ReceiptService
from svc.services.reservations import ReservationService
from svc.services.session_service import SessionHistoryService, SessionSummary
from svc.ws.routing import ConnectionRegistry

router = APIRouter(prefix="/v1", tags=["sessions"])


class ReservationIn(BaseModel):
    chargepoint_id: str = Field(min_length=1, max_length=48)
    connector_no: int = Field(ge=1, le=16)


class ReservationOut(BaseModel):
    id: int
    connector_id: int
    status: str


@router.get("/drivers/me/sessions", response_model=list[SessionSummary])
async def my_sessions(
    before_id: int | None = None,
    limit: int = Query(50, ge=1, le=100),
    driver_id: int = Depends(current_driver_id),
    db: AsyncSession = Depends(get_db),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> list[SessionSummary]:
    return await SessionHistoryService(db, telemetry).history_for_driver(driver_id, before_id=before_id, limit=limit)


@router.get("/drivers/me/sessions/detailed", response_model=list[SessionSummary])
async def my_sessions_detailed(
    before_id: int | None = None,
    limit: int = Query(50, ge=1, le=100),
    driver_id: int = Depends(current_driver_id),
    db: AsyncSession = Depends(get_db),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> list[SessionSummary]:
    return await SessionHistoryService(db, telemetry).history_with_costs(driver_id, before_id=before_id, limit=limit)


@router.get("/sessions/{session_id}/receipt", response_class=HTMLResponse)
async def session_receipt(
    session_id: int,
    driver_id: int = Depends(current_driver_id),
    db: AsyncSession = Depends(get_db),
    receipts: ReceiptService = Depends(get_receipts),
) -> HTMLResponse:
    return HTMLResponse(await receipts.build(db, session_id, driver_id=driver_id))


@router.post("/reservations", status_code=201, response_model=ReservationOut)
async def create_reservation(
    body: ReservationIn,
    driver_id: int = Depends(current_driver_id),
    db: AsyncSession = Depends(get_db),
    registry: ConnectionRegistry = Depends(get_registry),
    notifier: NotificationService = Depends(get_notifier),
) -> ReservationOut:
    service = ReservationService(db, registry=registry, notifier=notifier)
    reservation = await service.reserve(
        driver_id=driver_id, chargepoint_id=body.chargepoint_id, connector_no=body.connector_no
    )
    return ReservationOut(id=reservation.id, connector_id=reservation.connector_id, status=reservation.status)
