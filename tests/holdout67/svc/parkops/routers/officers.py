"""Endpoints used by the enforcement officers' handheld app."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import get_settings
from ..db import get_session
from ..web import OfficerClaims, state
from ..repositories.session_repo import SessionRepository
from ..schemas import LoginIn, TicketIn
from ..services.enforcement_service import DuplicateTicket, EnforcementService
from ..services.auth import AuthError, issue_token, verify_pin
from ..utils.common import normalize_plate

router = APIRouter(prefix="/api/v1/officers", tags=["enforcement"])
DB = Annotated[AsyncSession, Depends(get_session)]


def _enforcement(db: DB, app_state=Depends(state)) -> EnforcementService:
    return EnforcementService(
        db, app_state.redis, app_state.lpr_client, app_state.fine_service, get_settings().grace_minutes
    )


Enforcement = Annotated[EnforcementService, Depends(_enforcement)]


def _check_zone(officer: dict, zone_id: int) -> None:
    if zone_id not in officer.get("zones", ()):
        raise HTTPException(status_code=403, detail="zone not assigned to officer")


@router.post("/login")
async def login(body: LoginIn) -> dict[str, str]:
    try:
        officer = await verify_pin(body.badge, body.pin)
    except AuthError as exc:
        raise HTTPException(status_code=401, detail="invalid badge or PIN") from exc
    return {"token": issue_token(officer, get_settings().officer_jwt_secret)}


@router.get("/zones/{zone_id}/expired")
async def expired_in_zone(zone_id: int, officer: OfficerClaims, enforcement: Enforcement) -> list[dict]:
    _check_zone(officer, zone_id)
    items = await enforcement.expired_for_zone(zone_id)
    return [
        {"session_id": c.session_id, "plate": c.plate, "expired_at": c.expired_at.isoformat(), "minutes_over": c.minutes_over}
        for c in items
    ]


@router.get("/plates/{plate}")
async def check_plate(plate: str, officer: OfficerClaims, db: DB) -> list[dict]:
    sessions = await SessionRepository(db).active_by_plate(normalize_plate(plate))
    return [{"session_id": s.id, "zone_id": s.zone_id, "ends_at": s.ends_at.isoformat()} for s in sessions]


@router.get("/plates")
async def search_plates(fragment: str, officer: OfficerClaims, db: DB) -> list[dict]:
    if len(fragment) < 3:
        raise HTTPException(status_code=400, detail="at least three characters")
    sessions = await SessionRepository(db).search_plate_fragment(normalize_plate(fragment))
    return [{"session_id": s.id, "plate": s.plate, "zone_id": s.zone_id, "status": s.status} for s in sessions]


@router.get("/plates/{plate}/closest")
async def closest_plate(plate: str, officer: OfficerClaims, enforcement: Enforcement) -> dict[str, str | None]:
    return {"plate": await enforcement.closest_active_plate(normalize_plate(plate))}


@router.post("/zones/{zone_id}/scan")
async def scan_plate(
    zone_id: int, officer: OfficerClaims, enforcement: Enforcement, image: UploadFile = File(...)
) -> dict:
    _check_zone(officer, zone_id)
    result = await enforcement.scan(officer["sub"], zone_id, await image.read())
    return {"plate": result.plate, "confidence": result.confidence, "status": result.status}


@router.post("/tickets", status_code=201)
async def issue_ticket(body: TicketIn, officer: OfficerClaims, enforcement: Enforcement) -> dict[str, str]:
    _check_zone(officer, body.zone_id)
    try:
        reference = await enforcement.issue_ticket(officer["sub"], body.session_id, body.plate, body.zone_id)
    except DuplicateTicket as exc:
        raise HTTPException(status_code=409, detail=f"{exc} was ticketed recently") from exc
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return {"reference": reference}
