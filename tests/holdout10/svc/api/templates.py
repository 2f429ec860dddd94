"""Template library and bulk send API."""
from __future__ import annotations

import asyncio
import csv
import io
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, File, Form, HTTPException, Request, UploadFile, status
from pydantic import EmailStr

from svc.api.deps import Principal, current_account, get_template_service, rate_limit
from svc.db.session import db
from svc.services.templates import TemplateService
from svc.workers.bulk_send import create_job

router = APIRouter(prefix="/v1", tags=["templates"], dependencies=[Depends(rate_limit)])

_MAX_RECIPIENT_FILE = 5 * 1024 * 1024


def _parse_recipients(raw: bytes) -> list[tuple[str, str, str | None]]:
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    rows = [((r.get("email") or "").strip(), (r.get("name") or "").strip(), (r.get("phone") or "").strip() or None) for r in reader]
    return [row for row in rows if "@" in row[0]]


@router.put("/templates/{template_id}/fields", status_code=status.HTTP_204_NO_CONTENT)
async def update_fields(
    template_id: UUID,
    fields: list[dict[str, Any]] = Body(embed=True, max_length=200),
    principal: Principal = Depends(current_account),
    service: TemplateService = Depends(get_template_service),
) -> None:
    await service.update_fields(principal.account_id, template_id, fields)


@router.post("/bulk", status_code=status.HTTP_202_ACCEPTED)
async def create_bulk_job(
    template_id: UUID = Form(...),
    sender_email: EmailStr = Form(...),
    recipients: UploadFile = File(...),
    principal: Principal = Depends(current_account),
) -> dict[str, Any]:
    raw = await recipients.read(_MAX_RECIPIENT_FILE + 1)
    if len(raw) > _MAX_RECIPIENT_FILE:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "recipient list is too large")
    rows = await asyncio.to_thread(_parse_recipients, raw)
    job_id = await create_job(db, principal.account_id, template_id, sender_email, rows)
    return {"job_id": str(job_id), "recipients": len(rows)}


@router.get("/bulk/{job_id}/progress")
async def bulk_progress(job_id: UUID, request: Request, principal: Principal = Depends(current_account)) -> dict[str, Any]:
    return {"job_id": str(job_id), "sent": request.app.state.bulk_worker.progress(job_id)}
