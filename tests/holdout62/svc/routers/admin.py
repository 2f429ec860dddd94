"""Operations endpoints for managers."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends

from svc.cache import clinic_cache
from svc.deps import Staff, require_role
from svc.redis_client import get_redis
from svc.repositories import inventory
from svc.services import metrics
from svc.workers import reminder_worker, retention

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/clinics/{clinic_id}/hours")
async def set_hours(clinic_id: int, hours: dict[str, list[str]], staff: Staff = Depends(require_role("manager"))):
    import json

    await get_redis().set(f"clinic:{clinic_id}:hours", json.dumps(hours))
    clinic_cache.invalidate(clinic_id)
    return {"ok": True}


@router.post("/reminders/run")
async def run_reminders(staff: Staff = Depends(require_role("manager"))):
    sent = await reminder_worker.run_once()
    return {"sent": sent, "totals": reminder_worker.stats()}


@router.post("/retention/run")
async def run_retention(staff: Staff = Depends(require_role("manager"))):
    try:
        purged = await retention.purge_waiting_room_events()
    except:
        log.error("retention run failed")
        return {"ok": False}
    return {"ok": True, "purged": purged}


@router.post("/metrics/flush")
async def flush_metrics(staff: Staff = Depends(require_role("manager"))):
    await metrics.flush_to_redis()
    return {"ok": True}


@router.get("/clinics")
async def clinics(staff: Staff = Depends(require_role("manager"))):
    return await clinic_cache.all_clinics()


@router.get("/stock-report")
async def stock_report(staff: Staff = Depends(require_role("manager"))):
    clinics = await clinic_cache.all_clinics()
    report = await inventory.stock_report([c["id"] for c in clinics])
    return {
        str(clinic_id): [
            {"drug_id": row.drug_id, "quantity": row.quantity, "low": row.quantity <= row.reorder_point}
            for row in rows
        ]
        for clinic_id, rows in report.items()
    }


@router.post("/clinics/refresh")
async def refresh_clinics(staff: Staff = Depends(require_role("manager"))):
    await clinic_cache.forget_all_clinics()
    return {"ok": True}
