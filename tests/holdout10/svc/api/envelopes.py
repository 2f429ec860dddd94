"""Sender-facing envelope API."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Request, UploadFile, status
from pydantic import BaseModel, EmailStr, Field

from svc.api.deps import Principal, current_account, get_envelope_service, get_invitation_service, rate_limit
from svc.config import settings
from svc.repositories.envelopes import EnvelopeRepository
from svc.services.envelopes import EnvelopeService
from svc.services.invitations import InvitationService

router = APIRouter(prefix="/v1/envelopes", tags=["envelopes"], dependencies=[Depends(rate_limit)])
CurrentAccount = Depends(current_account)
EnvelopeSvc = Depends(get_envelope_service)


class SignerIn(BaseModel):
    email: EmailStr
    name: str = Field(max_length=200)
    phone: str | None = Field(default=None, pattern=r"^\+[1-9]\d{6,14}$")
    delivery: Literal["email", "sms"] = "email"
    routing_order: int = Field(default=1, ge=1, le=20)


class EnvelopeIn(BaseModel):
    subject: str = Field(max_length=255)
    message: str | None = Field(default=None, max_length=4000)
    sender_email: EmailStr
    external_ref: str | None = Field(default=None, max_length=128)
    signers: list[SignerIn] = Field(min_length=1, max_length=50)


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_envelope(body: EnvelopeIn, principal: Principal = CurrentAccount, service: EnvelopeService = EnvelopeSvc) -> dict[str, str]:
    signers = [s.model_dump() for s in body.signers]
    envelope = await service.create_draft(principal.account_id, body.sender_email, body.subject, body.message, signers, body.external_ref)
    return {"id": str(envelope.id), "status": envelope.status}


@router.get("")
async def list_envelopes(
    before_ts: datetime | None = None,
    before_id: UUID | None = None,
    limit: int = Query(default=25, ge=1, le=100),
    principal: Principal = CurrentAccount,
    service: EnvelopeService = EnvelopeSvc,
) -> list[dict[str, Any]]:
    cursor = (before_ts, before_id) if before_ts and before_id else None
    return await service.list_with_progress(principal.account_id, cursor, limit)


@router.get("/search")
async def search_envelopes(q: str = Query(min_length=2, max_length=100), principal: Principal = CurrentAccount) -> list[dict[str, Any]]:
    return [dict(row) for row in await EnvelopeRepository().search(principal.account_id, q)]


@router.get("/by-ref/{external_ref}")
async def get_by_external_ref(external_ref: str, principal: Principal = CurrentAccount) -> dict[str, Any]:
    row = await EnvelopeRepository().find_by_external_ref(external_ref)
    if row is None or row["account_id"] != principal.account_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "envelope not found")
    return dict(row)


@router.get("/{envelope_id}")
async def get_envelope(envelope_id: UUID, principal: Principal = CurrentAccount, service: EnvelopeService = EnvelopeSvc) -> dict[str, Any]:
    envelope = await service.get_detail(principal.account_id, envelope_id)
    signers = [{"id": str(s.id), "email": s.email, "status": s.status} for s in envelope.signers]
    documents = [{"id": str(d.id), "filename": d.filename, "pages": d.page_count} for d in envelope.documents]
    return {"id": str(envelope.id), "status": envelope.status, "subject": envelope.subject, "signers": signers, "documents": documents}


@router.post("/{envelope_id}/documents", status_code=status.HTTP_201_CREATED)
async def upload_document(envelope_id: UUID, file: UploadFile, principal: Principal = CurrentAccount, service: EnvelopeService = EnvelopeSvc) -> dict[str, Any]:
    data = await file.read(settings.max_upload_bytes + 1)
    document = await service.add_document(principal.account_id, envelope_id, file.filename or "document.pdf", data)
    return {"id": str(document.id), "pages": document.page_count}


@router.post("/{envelope_id}/send")
async def send_envelope(
    envelope_id: UUID, principal: Principal = CurrentAccount, invitations: InvitationService = Depends(get_invitation_service)
) -> dict[str, int]:
    return {"invited": await invitations.send_envelope(principal.account_id, envelope_id)}


@router.get("/{envelope_id}/audit")
async def audit_trail(envelope_id: UUID, request: Request, principal: Principal = CurrentAccount) -> dict[str, Any]:
    await EnvelopeRepository().require(principal.account_id, envelope_id)
    audit = request.app.state.audit
    return {"intact": await audit.verify(envelope_id), "events": await audit.certificate(envelope_id)}
