"""Lab orders and the lab's result webhook."""
from __future__ import annotations

import hmac
import json
import logging
from datetime import datetime

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.lab_api import lab_client
from svc.config import get_settings
from svc.deps import Staff, current_staff, db
from svc.redis_client import get_redis
from svc.repositories.labs import LabRepository
from svc.schemas import LabOrderIn
from svc.services import labs
from svc.utils.hashing import webhook_signature

log = logging.getLogger(__name__)
router = APIRouter(prefix="/labs", tags=["labs"])


@router.post("/orders", status_code=status.HTTP_201_CREATED)
async def order(body: LabOrderIn, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    clinic_code = await get_redis().hget("clinic-codes", str(staff.clinic_id))
    try:
        created = await labs.order_panel(session, lab_client(), clinic_code, staff.clinic_id, body.pet_id, body.panel)
    except labs.LabIngestError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, str(exc)) from exc
    return {"id": created.id, "external_ref": created.external_ref}


@router.get("/orders/{order_id}/results")
async def results(order_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    rows = await LabRepository(session).results_for_order(order_id)
    return [{"analyte": r.analyte, "value": r.value, "unit": r.unit, "flag": r.flag} for r in rows]


@router.get("/orders/{external_ref}/report")
async def report(external_ref: str, staff: Staff = Depends(current_staff)):
    pdf = await lab_client().fetch_report_pdf(external_ref)
    return {"size": len(pdf), "fetched_at": datetime.now(timezone.utc).isoformat()}


@router.post("/webhook")
async def webhook(request: Request, x_signature: str = Header(...), session: AsyncSession = Depends(db)):
    body = await request.body()
    expected = webhook_signature(get_settings().lab_api_key, body)
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    event = json.loads(body)
    try:
        stored = await labs.ingest_completed(session, lab_client(), [event["order_ref"]])
    except Exception:
        log.error("webhook ingest failed for %s", event.get("order_ref"))
        stored = 0
    return {"accepted": True, "stored": stored}
