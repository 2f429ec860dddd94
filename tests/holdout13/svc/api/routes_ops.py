"""Back-office endpoints: housekeeping, moderation, rates, reports, webhooks."""

from __future__ import annotations

import csv
import io
import logging
from decimal import Decimal

import asyncpg
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import (
    StaffPrincipal,
    get_housekeeping_service,
    get_reporting_session,
    get_reservation_repo,
    get_review_service,
    staff_principal,
    verify_staff_password,
)
from svc.db.session import get_pool
from svc.repos.reservations import ReservationRepository
from svc.services import search
from svc.services.operations import HousekeepingService, ReviewService

logger = logging.getLogger(__name__)
router = APIRouter()


class LoginIn(BaseModel):
    email: str
    password: str


class ModerationIn(BaseModel):
    review_ids: list[int] = Field(min_length=1, max_length=200)


@router.post("/staff/login")
async def staff_login(body: LoginIn, pool: asyncpg.Pool = Depends(get_pool)) -> dict:
    staff_id = await verify_staff_password(pool, body.email, body.password)
    return {"staff_id": staff_id}


@router.post("/housekeeping/tasks/{task_id}/claim")
async def claim_task(
    task_id: int,
    principal: StaffPrincipal = Depends(staff_principal),
    service: HousekeepingService = Depends(get_housekeeping_service),
) -> dict:
    await service.claim(task_id, principal.staff_id)
    return {"task_id": task_id, "assigned_to": principal.staff_id}


@router.post("/housekeeping/tasks/{task_id}/claim/v2")
async def claim_task_v2(
    task_id: int,
    principal: StaffPrincipal = Depends(staff_principal),
    service: HousekeepingService = Depends(get_housekeeping_service),
) -> dict:
    await service.claim_atomic(task_id, principal.staff_id)
    return {"task_id": task_id, "assigned_to": principal.staff_id}


@router.get("/housekeeping/properties/{property_id}/board")
async def board(property_id: int, service: HousekeepingService = Depends(get_housekeeping_service)) -> list[dict]:
    return await service.board(property_id)


@router.get("/housekeeping/properties/{property_id}/board/v2")
async def board_v2(property_id: int, service: HousekeepingService = Depends(get_housekeeping_service)) -> list[dict]:
    return await service.board_batched(property_id)


@router.get("/housekeeping/mine")
async def my_tasks(
    principal: StaffPrincipal = Depends(staff_principal),
    service: HousekeepingService = Depends(get_housekeeping_service),
) -> list[dict]:
    return await service.my_tasks(principal.staff_id)


@router.get("/moderation/reviews")
async def moderation_queue(service: ReviewService = Depends(get_review_service)) -> list[dict]:
    return await service.moderation_queue()


@router.post("/moderation/reviews/approve")
async def approve_reviews(body: ModerationIn, service: ReviewService = Depends(get_review_service)) -> dict:
    return {"approved": await service.approve(body.review_ids)}


@router.post("/moderation/reviews/reject")
async def reject_reviews(body: ModerationIn, service: ReviewService = Depends(get_review_service)) -> dict:
    return {"rejected": await service.reject(body.review_ids)}


@router.put("/rates/rooms/{room_id}/override")
async def override_rate(room_id: int, price: Decimal, _: StaffPrincipal = Depends(staff_principal)) -> dict:
    search.set_override(room_id, price)
    return {"room_id": room_id, "price": str(price)}


@router.get("/reports/properties/{property_id}/occupancy")
async def occupancy_report(property_id: int, session: AsyncSession = Depends(get_reporting_session)) -> list[dict]:
    result = await session.execute(
        text(
            "SELECT date_trunc('month', check_in) AS month, count(*) AS stays FROM reservations r "
            "JOIN rooms rm ON rm.id = r.room_id WHERE rm.property_id = :pid GROUP BY 1 ORDER BY 1"
        ),
        {"pid": property_id},
    )
    return [{"month": row.month.isoformat(), "stays": row.stays} for row in result]


@router.get("/reports/properties/{property_id}/export.csv")
async def export_reservations(
    property_id: int, after_id: int = 0, repo: ReservationRepository = Depends(get_reservation_repo)
) -> Response:
    rows = await repo.export_window(property_id, after_id, limit=5000)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "code", "check_in", "check_out", "total", "currency"])
    for r in rows:
        writer.writerow([r["id"], r["confirmation_code"], r["check_in"], r["check_out"], r["total"], r["currency"]])
    return Response(buf.getvalue(), media_type="text/csv")


@router.post("/webhooks/channel")
async def channel_webhook(request: Request) -> dict:
    payload = await request.json()
    sync = request.app.state.channel_sync
    try:
        await sync.ingest_webhook(payload["type"], payload["data"])
    except (KeyError, TypeError):
        pass
    return {"ok": True}

