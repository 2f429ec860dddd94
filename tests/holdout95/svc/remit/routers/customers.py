from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile

from ..container import Container
from ..deps import current_sender, get_container, get_repos
from ..schemas import PinSet, RecipientCreate
from ..services.transfers import Repos

router = APIRouter(prefix="/v1/me", tags=["customers"])

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024


@router.get("")
async def me(
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> dict:
    return await container.customers.profile(repos.senders, sender_id)


@router.put("/pin", status_code=204)
async def set_pin(
    body: PinSet,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> None:
    await container.customers.set_pin(repos.senders, sender_id, body.pin)


@router.post("/recipients", status_code=201)
async def add_recipient(
    body: RecipientCreate,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> dict:
    recipient = await container.customers.add_recipient(
        repos.recipients, sender_id, body.full_name, body.country, body.payout_method,
        body.account_number, body.wallet_msisdn,
    )
    return {"id": str(recipient.id)}


@router.get("/limits/{source_country}/{target_country}")
async def remaining_limit(
    source_country: str,
    target_country: str,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> dict:
    profile = await container.customers.profile(repos.senders, sender_id)
    remaining = await container.limiter.remaining(sender_id, profile["kyc_tier"], source_country, target_country)
    return {"remaining": str(remaining)}


@router.post("/documents", status_code=201)
async def upload_document(
    kind: str = Form(...),
    file: UploadFile = File(...),
    sender_id: uuid.UUID = Depends(current_sender),
    container: Container = Depends(get_container),
) -> dict:
    data = await file.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise HTTPException(status_code=413, detail="document too large")
    key = await container.kyc.upload_document(sender_id, kind, data, file.content_type or "")
    return {"document": key}
