"""Inbound push notifications from the calendar provider."""
from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from pydantic import BaseModel, EmailStr, model_validator

from svc.api.deps import principal, Principal, redis_dep, services
from svc.config import get_settings
from svc.db.pg import connection
from svc.repositories import interviews as interview_repo
from svc.services.calendar_client import CalendarError
from svc.services.interviews import InterviewScheduler, SlotUnavailable

log = logging.getLogger(__name__)
router = APIRouter(prefix="/interviews", tags=["interviews"])


class ScheduleIn(BaseModel):
    application_id: int
    interviewer_id: int
    starts_at: datetime
    ends_at: datetime
    kind: str = "onsite"
    attendees: list[EmailStr] = []

    @model_validator(mode="after")
    def _order(self):
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class RescheduleIn(BaseModel):
    starts_at: datetime
    ends_at: datetime


def _scheduler(request: Request) -> InterviewScheduler:
    return InterviewScheduler(services(request).calendar, redis_dep())


@router.get("/availability/{interviewer_id}")
async def availability(request: Request, interviewer_id: int, day: datetime, p: Principal = Depends(principal)):
    try:
        return await _scheduler(request).availability(interviewer_id, day)
    except CalendarError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "calendar unavailable") from exc


@router.post("", status_code=status.HTTP_201_CREATED)
async def schedule(request: Request, body: ScheduleIn, p: Principal = Depends(principal)):
    try:
        interview_id = await _scheduler(request).schedule(
            body.application_id, body.interviewer_id, body.starts_at, body.ends_at, body.kind,
            [str(a) for a in body.attendees],
        )
    except SlotUnavailable as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    except CalendarError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "calendar unavailable") from exc
    return {"id": interview_id}


@router.post("/{interview_id}/reschedule")
async def reschedule(request: Request, interview_id: int, body: RescheduleIn, p: Principal = Depends(principal)):
    try:
        await _scheduler(request).reschedule(interview_id, body.starts_at, body.ends_at)
    except SlotUnavailable as exc:
        return {"ok": False, "error": str(exc)}
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "interview not found") from exc
    return {"ok": True}


@router.delete("/{interview_id}", status_code=status.HTTP_204_NO_CONTENT)
async def cancel(request: Request, interview_id: int, p: Principal = Depends(principal)):
    await _scheduler(request).cancel(interview_id)


@router.get("/application/{application_id}")
async def for_application(application_id: int, p: Principal = Depends(principal)):
    rows = await interview_repo.for_application(application_id)
    return [
        {"id": r.id, "interviewer_id": r.interviewer_id, "starts_at": r.starts_at.isoformat(), "status": r.status}
        for r in rows
    ]


webhook_router = APIRouter(prefix="/webhooks", tags=["webhooks"])


def _valid(body: bytes, signature: str) -> bool:
    expected = hmac.new(get_settings().calendar_client_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@webhook_router.post("/calendar", status_code=status.HTTP_202_ACCEPTED)
async def calendar_push(request: Request, x_signature: str = Header(default="")):
    body = await request.body()
    if not _valid(body, x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    payload = await request.json()
    cancelled = [e["id"] for e in payload.get("events", []) if e.get("status") == "cancelled"]
    if not cancelled:
        return {"updated": 0}
    async with connection() as conn:
        result = await conn.execute(
            "UPDATE interviews SET status = 'cancelled' WHERE calendar_event_id = ANY($1::text[]) AND status = 'scheduled'",
            cancelled,
        )
    updated = int(result.split()[-1])
    log.info("calendar push cancelled %d interviews", updated)
    return {"updated": updated}
