from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import Principal, db_session, require_payroll_admin
from app.repositories.audit import AuditRepository
from app.repositories.punches import PunchRepository

router = APIRouter(prefix="/admin", tags=["admin"])

FEATURE_FLAGS: dict[str, bool] = {
    "require_mobile_photo": False,
    "strict_geofence": True,
    "auto_lock_periods": True,
}

KNOWN_FLAGS = frozenset(FEATURE_FLAGS)


class FlagUpdate(BaseModel):
    enabled: bool


@router.get("/flags")
async def list_flags(_: Principal = Depends(require_payroll_admin)) -> dict[str, bool]:
    return dict(FEATURE_FLAGS)


@router.put("/flags/{name}")
async def set_flag(
    name: str,
    body: FlagUpdate,
    request: Request,
    admin: Principal = Depends(require_payroll_admin),
) -> dict[str, bool]:
    if name not in KNOWN_FLAGS:
        raise HTTPException(status_code=404, detail="unknown flag")
    FEATURE_FLAGS[name] = body.enabled
    await request.app.state.audit.record(admin.user_id, "flag.set", "flag", name, enabled=body.enabled)
    return dict(FEATURE_FLAGS)


@router.get("/audit")
async def audit_page(
    request: Request,
    before_id: int | None = Query(None, ge=1),
    limit: int = Query(100, ge=1, le=500),
    _: Principal = Depends(require_payroll_admin),
) -> list[dict]:
    rows = await AuditRepository(request.app.state.pg).page(before_id, limit)
    return [dict(r) for r in rows]


@router.get("/audit/{entity_type}/{entity_id}")
async def audit_history(
    entity_type: str,
    entity_id: str,
    request: Request,
    _: Principal = Depends(require_payroll_admin),
) -> list[dict]:
    rows = await AuditRepository(request.app.state.pg).history(entity_type, entity_id)
    return [dict(r) for r in rows]


@router.post("/kiosks/{device_id}/reload")
async def reload_kiosk(
    device_id: str,
    request: Request,
    admin: Principal = Depends(require_payroll_admin),
) -> dict[str, str]:
    from app.routes.ws_kiosk import KIOSK_SESSIONS

    socket = KIOSK_SESSIONS.get(device_id)
    if socket is None:
        raise HTTPException(status_code=404, detail="kiosk is not connected")
    await socket.send_json({"type": "reload_config"})
    await request.app.state.audit.record(admin.user_id, "kiosk.reload", "kiosk", device_id)
    return {"status": "sent"}


@router.get("/reports/punches")
async def punches_report(
    day: date,
    location_id: int | None = None,
    session: AsyncSession = Depends(db_session),
    _: Principal = Depends(require_payroll_admin),
) -> list[dict]:
    punches = await PunchRepository(session).on_day(day, location_id)
    return [
        {
            "employee_id": p.employee_id,
            "direction": p.direction,
            "at": p.punched_at.isoformat(),
            "source": p.source,
            "device_id": p.device_id,
        }
        for p in punches
    ]
