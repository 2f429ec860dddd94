"""Keyless unlock/lock for customers and fleet views for the ops desk."""
from __future__ import annotations

import logging
import uuid

from fastapi import APIRouter, Depends, HTTPException, Request

from ...clients.telematics import TelematicsError
from ...models import Customer
from ...repositories import TelemetryRepository
from ...services.errors import TooManyAttempts
from ...services.positions import FleetSnapshotService
from ...services.unlock import UnlockService
from ...utils.resilience import CircuitOpen
from ..deps import current_customer, require_ops, snapshot_service, unlock_service

logger = logging.getLogger(__name__)
router = APIRouter(tags=["vehicles"])


@router.post("/reservations/{res_id}/unlock")
async def unlock_vehicle(
    res_id: uuid.UUID,
    customer: Customer = Depends(current_customer),
    service: UnlockService = Depends(unlock_service),
) -> dict:
    try:
        return await service.unlock(res_id, customer)
    except TooManyAttempts as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from exc
    except CircuitOpen as exc:
        raise HTTPException(status_code=503, detail="keyless access is temporarily unavailable") from exc
    except TelematicsError:
        raise HTTPException(status_code=502, detail="the car did not respond, try again") from None


@router.post("/reservations/{res_id}/lock")
async def lock_vehicle(
    res_id: uuid.UUID,
    customer: Customer = Depends(current_customer),
    service: UnlockService = Depends(unlock_service),
) -> dict:
    try:
        return await service.lock(res_id, customer)
    except CircuitOpen as exc:
        raise HTTPException(status_code=503, detail="keyless access is temporarily unavailable") from exc
    except TelematicsError as exc:
        logger.warning("lock failed for reservation %s (vin %s, status %s)", res_id, exc.vin, exc.status, exc_info=True)
        raise HTTPException(status_code=502, detail="the car did not respond, try again") from exc


@router.get("/ops/branches/{branch_id}/fleet")
async def branch_fleet(
    branch_id: str,
    _ops: str = Depends(require_ops),
    snapshots: FleetSnapshotService = Depends(snapshot_service),
) -> list[dict]:
    return await snapshots.branch_snapshot(branch_id)


@router.get("/ops/vehicles/{vehicle_id}/telemetry")
async def vehicle_telemetry(vehicle_id: uuid.UUID, request: Request, _ops: str = Depends(require_ops)) -> dict:
    latest = await TelemetryRepository(request.app.state.pg_pool).latest_for_vehicle(vehicle_id)
    if latest is None:
        raise HTTPException(status_code=404, detail="no telemetry yet")
    return dict(latest)
