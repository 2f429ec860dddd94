"""Probes, operational status and manager/admin endpoints."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel, Field

from svc.config import FEATURE_FLAGS
from svc.deps import Principal, notifier, report_service, staff_principal
from svc.errors import NotFound
from svc.repositories.bookings import BookingRepository
from svc.repositories.members import MemberRepository
from svc.services.notifications import Notifier
from svc.services.reports import ReportService

logger = logging.getLogger(__name__)
router = APIRouter()

PUBLIC_FLAGS = frozenset({"promo_codes", "wearable_vendor_sync"})


class Notice(BaseModel):
    title: str = Field(max_length=80)
    body: str = Field(max_length=500)


def member_repo(request: Request) -> MemberRepository:
    return request.app.state.member_repo


def booking_repo(request: Request) -> BookingRepository:
    return request.app.state.booking_repo


@router.get("/livez", tags=["ops"])
async def liveness() -> dict[str, str]:
    """Liveness probe: the process and its event loop are responsive."""
    return {"status": "alive"}


@router.get("/readyz", tags=["ops"])
async def readiness() -> dict[str, str]:
    """Readiness probe used by the load balancer to decide whether this replica receives traffic."""
    return {"status": "ready"}


@router.get("/status/dependencies", tags=["ops"])
async def dependency_status(request: Request, response: Response) -> dict[str, str]:
    """Per-dependency status for the on-call dashboard."""
    state = request.app.state
    probes = {
        "postgres": state.db.ping,
        "redis": state.redis.ping,
        "leaderboard_redis": state.leaderboard_redis.ping,
    }
    results: dict[str, str] = {}
    for name, probe in probes.items():
        try:
            results[name] = "ok" if await asyncio.wait_for(probe(), timeout=2.0) else "failing"
        except Exception as exc:
            logger.warning("dependency %s unhealthy: %s", name, exc)
            results[name] = "failing"
    if any(v != "ok" for v in results.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return results


@router.get("/flags", tags=["ops"])
async def public_flags() -> dict[str, bool]:
    return {name: FEATURE_FLAGS.get(name, False) for name in PUBLIC_FLAGS}


@router.put("/admin/flags/{name}", tags=["admin"], status_code=status.HTTP_204_NO_CONTENT)
async def set_flag(name: str, enabled: bool, _: Principal = Depends(staff_principal)) -> None:
    if name not in FEATURE_FLAGS:
        raise NotFound(f"unknown flag {name}")
    FEATURE_FLAGS[name] = enabled
    logger.info("feature flag %s set to %s", name, enabled)


@router.get("/admin/gyms/{gym_id}/members", tags=["admin"])
async def list_members(
    gym_id: int,
    page: int = 0,
    _: Principal = Depends(staff_principal),
    repo: MemberRepository = Depends(member_repo),
) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.list_page(gym_id, page)]


@router.get("/admin/gyms/{gym_id}/members/feed", tags=["admin"])
async def member_feed(
    gym_id: int,
    after_id: int = 0,
    _: Principal = Depends(staff_principal),
    repo: MemberRepository = Depends(member_repo),
) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.list_after(gym_id, after_id)]


@router.get("/admin/gyms/{gym_id}/members/search", tags=["admin"])
async def search_members(
    gym_id: int,
    last_name: str,
    _: Principal = Depends(staff_principal),
    repo: MemberRepository = Depends(member_repo),
) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.search_by_last_name(gym_id, last_name)]


@router.get("/admin/gyms/{gym_id}/attendance", tags=["admin"])
async def hourly_attendance(
    gym_id: int,
    day: date,
    _: Principal = Depends(staff_principal),
    reports: ReportService = Depends(report_service),
) -> list[dict[str, Any]]:
    return await reports.hourly_attendance(gym_id, day)


@router.get("/admin/gyms/{gym_id}/exports/{month}", tags=["admin"])
async def monthly_export(
    gym_id: int,
    month: date,
    _: Principal = Depends(staff_principal),
    reports: ReportService = Depends(report_service),
) -> Response:
    csv = await reports.monthly_export(gym_id, month.replace(day=1))
    return Response(csv, media_type="text/csv")


@router.post("/admin/gyms/{gym_id}/notices", tags=["admin"], status_code=status.HTTP_202_ACCEPTED)
async def gym_notice(
    gym_id: int,
    notice: Notice,
    _: Principal = Depends(staff_principal),
    notify: Notifier = Depends(notifier),
) -> dict[str, int]:
    sent = await notify.broadcast_gym_notice(gym_id, notice.title, notice.body, channel="push")
    return {"recipients": sent}


@router.post("/admin/classes/{class_id}/notices", tags=["admin"], status_code=status.HTTP_202_ACCEPTED)
async def class_notice(
    class_id: int,
    notice: Notice,
    _: Principal = Depends(staff_principal),
    notify: Notifier = Depends(notifier),
    bookings: BookingRepository = Depends(booking_repo),
) -> dict[str, int]:
    member_ids = [r["member_id"] for r in await bookings.roster(class_id)]
    await notify.notify_many(member_ids, notice.title, notice.body, "class_notice")
    return {"recipients": len(member_ids)}


@router.post("/admin/reports/churn", tags=["admin"])
async def run_churn_report(_: Principal = Depends(staff_principal), reports: ReportService = Depends(report_service)) -> dict[str, str]:
    from svc.workers import churn_lock_key

    redis = reports.redis
    if not await redis.set(churn_lock_key(), "manual", nx=True, ex=3600):
        return {"status": "already running"}
    try:
        path = await reports.churn_report(datetime.now(timezone.utc))
    finally:
        await redis.delete(churn_lock_key())
    return {"status": "done", "file": path}
