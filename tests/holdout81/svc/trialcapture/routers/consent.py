from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, EmailStr

from ..deps import get_consent
from ..security import CurrentUser, current_user
from ..services.consent import ConsentService

log = logging.getLogger(__name__)

router = APIRouter(tags=["consent"])


class ConsentIn(BaseModel):
    signer_email: EmailStr
    template_id: str


@router.post("/subjects/{subject_id}/consent", status_code=202)
async def start_consent(subject_id: int, body: ConsentIn, user: CurrentUser = Depends(current_user),
                        consent: ConsentService = Depends(get_consent)) -> dict[str, Any]:
    result = await consent.start(subject_id, body.signer_email, body.template_id, user)
    log.info("consent envelope %s sent for subject %s", result["envelope_id"], subject_id)
    return result


@router.get("/subjects/{subject_id}/consent")
async def consent_status(subject_id: int, user: CurrentUser = Depends(current_user),
                         consent: ConsentService = Depends(get_consent)) -> dict[str, Any]:
    return await consent.status(subject_id)


@router.get("/consent/templates/{template_id}", response_class=HTMLResponse)
async def consent_template(template_id: str, user: CurrentUser = Depends(current_user),
                           consent: ConsentService = Depends(get_consent)) -> str:
    return await consent.template_preview(template_id)


@router.post("/webhooks/econsent", status_code=204)
async def econsent_webhook(request: Request, x_signature: str = Header(...),
                           consent: ConsentService = Depends(get_consent)) -> None:
    body = await request.body()
    await consent.handle_webhook(body, x_signature)
    logger.info("processed econsent webhook (%d bytes)", len(body))
