from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from loyalty.db.models import Member
from loyalty.deps import SessionDep, StaffDep, services
from loyalty.repositories.ledger_repo import LedgerRepository

log = logging.getLogger(__name__)
STATS_CACHE_KEY = "loyalty:admin:stats"
STATS_TTL_SECONDS = 120
router = APIRouter(prefix="/v1/admin", tags=["admin"])

FEATURE_FLAGS: dict[str, bool] = {"double_points_weekend": False, "partner_vouchers": True}


@router.get("/ledger")
async def ledger_audit(_: StaffDep, session: SessionDep, page: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    entries = await LedgerRepository(session).audit_page(page)
    return [{"id": e.id, "member": e.member_id, "delta": e.delta, "kind": e.kind} for e in entries]


@router.put("/flags/{name}")
async def set_flag(name: str, enabled: bool, principal: StaffDep) -> dict[str, bool]:
    FEATURE_FLAGS[name] = enabled
    log.info("feature flag %s set to %s by staff token", name, enabled)
    return dict(FEATURE_FLAGS)


@router.post("/vouchers/reconcile/{member_id}")
async def reconcile_member_vouchers(request: Request, member_id: int, _: StaffDep) -> dict[str, int]:
    changed = await services(request).vouchers.reconcile_member(member_id)
    return {"changed": changed}


@router.post("/members/{member_id}/expire-now")
async def expire_member_now(request: Request, member_id: int, _: StaffDep) -> dict[str, int]:
    expired = await services(request).expiry.expire_member(member_id)
    return {"expired": expired}


@router.get("/stats")
async def program_stats(request: Request, _: StaffDep, session: SessionDep) -> dict[str, Any]:
    redis_client = request.app.state.redis
    cached = await redis_client.get(STATS_CACHE_KEY)
    if cached:
        return json.loads(cached)
    by_tier = (await session.execute(select(Member.tier, func.count()).group_by(Member.tier))).all()
    stats = {
        "members_by_tier": {tier.value: count for tier, count in by_tier},
        "points_issued": await LedgerRepository(session).total_issued(),
    }
    await redis_client.set(STATS_CACHE_KEY, json.dumps(stats), ex=STATS_TTL_SECONDS)
    return stats


@router.get("/receipts/{store_id}/{receipt_no}")
async def receipt_lookup(request: Request, store_id: str, receipt_no: str, _: StaffDep) -> dict[str, Any]:
    return await request.app.state.pos_gateway.lookup_receipt(store_id, receipt_no)
