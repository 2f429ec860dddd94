from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.api.deps import db_session, require_role, services
from readroom.errors import Unauthorized
from readroom.services.order_intake import AdtService, OrderIntakeService
from readroom.services.study_ingest import StudyEvent
from readroom.settings import get_settings
from readroom.utils.security import verify_webhook_signature

log = logging.getLogger(__name__)

router = APIRouter(prefix="/hl7", tags=["hl7"])
pacs_router = APIRouter(prefix="/pacs", tags=["pacs"])


@router.post("/orders")
async def receive_order(
    request: Request,
    x_signature: str = Header(default=""),
    session: AsyncSession = Depends(db_session),
) -> dict:
    body = await request.body()
    if not verify_webhook_signature(body, x_signature, get_settings().his_api_key):
        raise Unauthorized("bad signature")
    raw = body.decode("utf-8", errors="replace")
    return await OrderIntakeService(session).handle_message(raw)


@router.post("/adt")
async def receive_adt(
    request: Request,
    x_signature: str = Header(default=""),
    session: AsyncSession = Depends(db_session),
) -> dict:
    body = await request.body()
    if not verify_webhook_signature(body, x_signature, get_settings().his_api_key):
        raise Unauthorized("bad signature")
    return await AdtService(session).handle(body.decode("utf-8", errors="replace"))


@router.post("/orders/er7", response_class=PlainTextResponse)
async def receive_order_er7(request: Request, session: AsyncSession = Depends(db_session)) -> str:
    raw = (await request.body()).decode("latin-1")
    result = await OrderIntakeService(session).handle_message(raw)
    return f"MSA|AA|{result['accession']}"


class StudyNotification(BaseModel):
    event: str
    study_instance_uid: str
    accession_number: str
    patient_id: str
    patient_name: str
    modality: str


@pacs_router.post("/notifications", status_code=202)
async def study_notification(
    request: Request,
    payload: StudyNotification,
    x_pacs_signature: str = Header(default=""),
    svc=Depends(services),
) -> dict:
    body = await request.body()
    if not verify_webhook_signature(body, x_pacs_signature, get_settings().his_api_key):
        raise Unauthorized("bad signature")
    if payload.event not in ("study.complete", "study.updated"):
        return {"accepted": False, "reason": "ignored event"}
    depth = await svc.ingest.submit(
        StudyEvent(
            study_uid=payload.study_instance_uid,
            accession=payload.accession_number,
            patient_id=payload.patient_id,
            patient_name=payload.patient_name,
            modality=payload.modality,
            event=payload.event,
        )
    )
    return {"accepted": True, "queue_depth": depth}


@pacs_router.post("/studies/{study_uid}/reprocess")
async def reprocess_study(study_uid: str, svc=Depends(services), _user=Depends(require_role("admin"))) -> dict:
    return await svc.ingest.reprocess(study_uid)


@pacs_router.get("/ingest/status")
async def ingest_status(svc=Depends(services), _user=Depends(require_role("admin"))) -> dict:
    return {"pending": svc.ingest.pending(), "pacs_circuit": svc.pacs._breaker.state}
