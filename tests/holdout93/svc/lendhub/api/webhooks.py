from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Header, HTTPException, Request

from ..services.appraisals import AppraisalService
from ..services.documents import DocumentService
from ..settings import get_settings
from ..utils.crypto import verify_signature

log = logging.getLogger(__name__)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("/appraisals/{vendor}", status_code=204)
async def appraisal_event(vendor: str, request: Request, x_signature: str = Header(...)) -> None:
    body = await request.body()
    if not verify_signature(get_settings().appraisal_webhook_secret, body, x_signature):
        log.warning("rejected appraisal webhook from %s: bad signature", vendor)
        raise HTTPException(401, "bad signature")
    try:
        event = json.loads(body)
    except ValueError as exc:
        raise HTTPException(400, "malformed payload") from exc
    svc = AppraisalService(request.app.state.vendors, request.app.state.redis)
    await svc.handle_event(vendor, event)


@router.post("/ocr", status_code=204)
async def ocr_event(request: Request) -> None:
    payload = await request.json()
    async with request.app.state.sessionmaker() as session:
        await DocumentService(session, request.app.state.ocr).apply_ocr_result(payload["job_id"], payload)
