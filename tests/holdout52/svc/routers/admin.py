from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.redis_client import get_redis
from ..db.engine import get_session
from ..repositories import margin as margin_repo
from ..repositories import accounts as accounts_repo
from ..repositories import orders as orders_repo
from ..utils.ratelimit import admin_throttle
from ..workers import eod_statements
from ..workers.order_reconciler import reconcile_positions
from .deps import admin_user

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/customers/search")
async def search_customers(
    q: str,
    request: Request,
    user: str = Depends(admin_user),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    admin_throttle(request)
    customers = await accounts_repo.search_customers(session, q)
    log.info("admin %s searched customers (%d results)", user, len(customers))
    return [{"id": c.id, "email": c.email, "name": c.full_name, "kyc": c.kyc_status.value} for c in customers]


@router.get("/reports/volume/{day}")
async def volume_report(day: date, request: Request, user: str = Depends(admin_user)) -> list[dict]:
    admin_throttle(request)
    return await orders_repo.daily_volume_by_symbol(day)


@router.post("/statements/{day}/run", status_code=202)
async def rerun_statements(day: date, user: str = Depends(admin_user)) -> dict:
    log.info("admin %s requested statement rerun for %s", user, day)
    started = await eod_statements.trigger(day)
    return {"started": started}


KILL_SWITCH_KEY = "trading:kill-switch"


@router.post("/trading/halt", status_code=204)
async def halt_trading(reason: str, user: str = Depends(admin_user)) -> None:
    await get_redis().set(KILL_SWITCH_KEY, f"{user}: {reason}")
    log.warning("order entry halted by %s: %s", user, reason)


@router.delete("/trading/halt", status_code=204)
async def resume_trading(user: str = Depends(admin_user)) -> None:
    await get_redis().delete(KILL_SWITCH_KEY)
    log.warning("order entry resumed by %s", user)


@router.post("/margin-calls/{call_id}/resolve", status_code=204)
async def resolve_margin_call(call_id: int, user: str = Depends(admin_user)) -> None:
    await margin_repo.resolve_call(call_id)
    log.info("margin call %s resolved by %s", call_id, user)


@router.post("/reconcile/positions")
async def reconcile(account_ids: list[int], user: str = Depends(admin_user)) -> dict:
    if len(account_ids) > 200:
        raise HTTPException(422, "reconcile at most 200 accounts per request")
    drift = await reconcile_positions(account_ids)
    return {"accounts_with_drift": len(drift), "drift": drift}
