from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from svc.config import get_settings
from svc.deps import SessionDep, StaffDep, services
from svc.repositories import labs_repo, pets_repo
from svc.utils.hl7 import LabPayloadError
from svc.utils.security import verify_webhook_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/labs", tags=["labs"])

PARTNER_SECRETS = {"petlabs": "LAB_PARTNER_TOKEN"}


@router.post("/webhooks/{partner}")
async def lab_webhook(
    partner: str,
    request: Request,
    session: SessionDep,
    x_signature: str = Header(...),
    svc=Depends(services),
) -> dict:
    if partner not in PARTNER_SECRETS:
        raise HTTPException(404, "unknown partner")
    raw = await request.body()
    if not verify_webhook_signature(get_settings().lab_partner_token, raw, x_signature):
        logger.warning("lab webhook signature mismatch", extra={"partner": partner})
        raise HTTPException(401, "bad signature")
    try:
        text = raw.decode("utf-8")
    except:
        text = raw.decode("latin-1")
    try:
        rows = await svc.lab_ingest.parse(text)
    except LabPayloadError as exc:
        logger.warning("rejected lab payload from %s: %s", partner, exc)
        raise HTTPException(422, str(exc)) from exc
    report = await svc.lab_ingest.ingest(session, partner, rows)
    return {"stored": report.stored, "unknown": report.unknown_accessions}


@router.post("/orders")
async def place_order(pet_id: int, panel: str, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    pet = await pets_repo.get_pet(session, pet_id)
    if pet is None:
        raise HTTPException(404, "pet not found")
    accession = await svc.lab_client.place_order(f"PET-{pet.id}", panel, clinic_code=str(staff.get("clinic_id", "")))
    order = await labs_repo.create_order(session, pet.id, "petlabs", accession, panel)
    await session.commit()
    return {"order_id": order.id, "accession": accession}


@router.get("/orders/{accession}/report")
async def report_pdf(accession: str, staff: StaffDep, svc=Depends(services)):
    from fastapi.responses import Response

    pdf = await svc.lab_client.download_report_pdf(accession)
    return Response(pdf, media_type="application/pdf")
