"""Participant lifecycle endpoints."""
from __future__ import annotations

from typing import Any

import asyncpg
from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, EmailStr, Field

from svc.api.deps import Container, current_viewer, db_connection, get_container, require_role
from svc.repositories.participants import ParticipantRepository
from svc.services.monitoring import Viewer

router = APIRouter(tags=["participants"])


class ScreenIn(BaseModel):
    site_id: int
    screening_number: str = Field(min_length=3, max_length=32)
    initials: str = Field(min_length=2, max_length=4)


class ConsentIn(BaseModel):
    email: EmailStr
    template_id: str


class PinIn(BaseModel):
    pin: str = Field(pattern=r"^\d{6}$")


class RandomiseIn(BaseModel):
    strata: dict[str, str] = Field(default_factory=dict)


class WithdrawIn(BaseModel):
    reason: str = Field(min_length=5)


@router.post("/studies/{study_id}/participants", status_code=status.HTTP_201_CREATED)
async def screen_participant(
    study_id: int, body: ScreenIn, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)
) -> dict[str, int]:
    pid = await c.enrolment.screen(study_id, body.site_id, body.screening_number, body.initials, viewer.user_id)
    return {"id": pid}


@router.post("/participants/{participant_id}/consent")
async def send_consent(
    participant_id: int, body: ConsentIn, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)
) -> dict[str, str]:
    envelope_id = await c.consent.send_envelope(participant_id, body.email, body.template_id, viewer.user_id)
    return {"envelope_id": envelope_id}


@router.put("/participants/{participant_id}/pin", status_code=status.HTTP_204_NO_CONTENT)
async def set_pin(participant_id: int, body: PinIn, c: Container = Depends(get_container), _: Viewer = Depends(current_viewer)) -> None:
    await c.consent.set_pin(participant_id, body.pin)


@router.post("/participants/{participant_id}/pin/verify")
async def verify_pin(participant_id: int, body: PinIn, c: Container = Depends(get_container)) -> dict[str, bool]:
    return {"valid": await c.consent.verify_pin(participant_id, body.pin)}


@router.post("/studies/{study_id}/consent/reconcile")
async def reconcile_consent(
    study_id: int, c: Container = Depends(get_container), _: Viewer = Depends(require_role("data-manager"))
) -> dict[int, int]:
    return await c.consent.reconcile_study(study_id)


@router.post("/participants/{participant_id}/enrol")
async def enrol(participant_id: int, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)) -> dict[str, str]:
    return {"subject_number": await c.enrolment.enrol(participant_id, viewer.user_id)}


@router.post("/participants/{participant_id}/randomise")
async def randomise(
    participant_id: int, body: RandomiseIn, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)
) -> dict[str, Any]:
    await c.consent.require_signed(participant_id)
    allocation = await c.enrolment.randomise(participant_id, body.strata, viewer.user_id)
    if allocation is None:
        return {"status": "pending", "detail": "randomisation queued; the site will be notified"}
    return {"status": "randomised", "allocation_id": allocation.allocation_id, "kit": allocation.kit_number}


@router.post("/participants/{participant_id}/withdraw", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw(
    participant_id: int, body: WithdrawIn, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)
) -> None:
    await c.enrolment.withdraw(participant_id, body.reason, viewer.user_id)


@router.get("/participants/search")
async def search(
    q: str = Query(min_length=2), c: Container = Depends(get_container), _: Viewer = Depends(require_role("sponsor-monitor"))
) -> list[dict[str, Any]]:
    return [_row(p) for p in await c.enrolment.search(q)]


@router.get("/sites/{site_id}/participants")
async def list_site_participants(
    site_id: int,
    after_id: int = 0,
    limit: int = Query(50, le=200),
    conn: asyncpg.Connection = Depends(db_connection),
    repo: ParticipantRepository = Depends(ParticipantRepository),
    _: Viewer = Depends(current_viewer),
) -> list[dict[str, Any]]:
    rows = await repo.list_for_site(conn, site_id, after_id, limit)
    return [_row(r) for r in rows]


@router.get("/participants/{participant_id}/audit")
async def participant_audit(participant_id: int, c: Container = Depends(get_container), _: Viewer = Depends(current_viewer)) -> list[dict[str, Any]]:
    return [dict(r) for r in await c.audit.history("participant", participant_id)]


def _row(p: Any) -> dict[str, Any]:
    return {slot: getattr(p, slot) for slot in p.__slots__}
