from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.db.models import User
from svc.deps import Principal, admin_user, services
from svc.promotions.service import Campaign, register_campaign
from svc.reporting import exports

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"])


class CampaignBody(BaseModel):
    code: str
    min_odds: Decimal
    reward: Decimal
    starts_at: datetime
    ends_at: datetime
    user_ids: list[int] = []


@router.post("/events/{event_id}/suspend")
async def suspend_event(event_id: int, admin: Principal = Depends(admin_user), svc=Depends(services)) -> dict:
    rows = await svc.odds_repo.selections_for_event(event_id)
    count = await svc.odds_repo.suspend_event(event_id)
    svc.odds.invalidate_event(event_id)
    svc.fanout.notify_suspended([r["id"] for r in rows])
    logger.warning("admin %s suspended event %s (%d selections)", admin.user_id, event_id, count)
    return {"suspended": count}


@router.post("/campaigns")
async def create_campaign(body: CampaignBody, admin: Principal = Depends(admin_user)) -> dict:
    if body.ends_at <= body.starts_at:
        raise HTTPException(422, "campaign ends before it starts")
    users = [type("U", (), {"id": uid})() for uid in body.user_ids]
    register_campaign(Campaign(body.code, body.min_odds, body.reward, body.starts_at, body.ends_at, users))
    return {"code": body.code, "users": len(users)}


@router.post("/exports/bets/{day}")
async def export_bets(day: date, admin: Principal = Depends(admin_user)) -> FileResponse:
    path = await exports.export_daily_bets(day)
    return FileResponse(path, media_type="text/csv", filename=path.name)


@router.post("/exports/ggr/{day}")
async def export_ggr(day: date, admin: Principal = Depends(admin_user)) -> FileResponse:
    path = await exports.export_ggr_summary(day)
    return FileResponse(path, media_type="text/csv", filename=path.name)


@router.get("/ledger/{day}")
async def ledger(day: date, admin: Principal = Depends(admin_user), svc=Depends(services)) -> dict:
    totals = await svc.settlement_repo.ledger_totals(day)
    return {k: str(v) for k, v in totals.items()}


class ExclusionBody(BaseModel):
    until: datetime
    reason: str


@router.post("/events/{event_id}/void")
async def void_event(event_id: int, reason: str, admin: Principal = Depends(admin_user),
                     svc=Depends(services)) -> dict:
    rows = await svc.odds_repo.selections_for_event(event_id)
    if not rows:
        raise HTTPException(404, "no selections for event")
    voided = await svc.settlement.void_event(event_id, [r["id"] for r in rows], reason)
    logger.warning("admin %s voided event %s: %s", admin.user_id, event_id, reason)
    return {"voided_selections": voided}


@router.put("/users/{user_id}/exclusion")
async def set_exclusion(user_id: int, body: ExclusionBody, admin: Principal = Depends(admin_user),
                        session: AsyncSession = Depends(get_session)) -> dict:
    user = await session.get(User, user_id)
    if user is None:
        raise HTTPException(404, "unknown user")
    if user.self_excluded_until is not None and body.until < user.self_excluded_until:
        raise HTTPException(409, "an exclusion can only be extended")
    user.self_excluded_until = body.until
    await session.commit()
    logger.warning("admin %s set exclusion for user %s until %s (%s)", admin.user_id, user_id,
                   body.until.isoformat(), body.reason)
    return {"user_id": user_id, "until": body.until.isoformat()}


@router.post("/webhooks/reload")
async def reload_webhooks(admin: Principal = Depends(admin_user), svc=Depends(services)) -> dict:
    await svc.webhooks.reload()
    return {"ok": True}
