from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse, PlainTextResponse

from ..container import Container
from ..deps import current_sender, get_container, get_repos
from ..errors import NotFound
from ..schemas import TransferCreate, TransferOut
from ..services.notifications import render_receipt
from ..services.transfers import Repos, TransferView

router = APIRouter(prefix="/v1/transfers", tags=["transfers"])


def _out(view: TransferView) -> TransferOut:
    t = view.transfer
    return TransferOut(id=t.id, status=t.status.value, source_amount=t.source_amount,
                       target_amount=t.target_amount, fee=t.fee, recipient_name=t.recipient_name,
                       created_at=t.created_at)


@router.post("", response_model=TransferOut, status_code=201)
async def create_transfer(
    body: TransferCreate,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> TransferOut:
    if not await container.customers.check_pin(repos.senders, sender_id, body.pin):
        raise HTTPException(status_code=403, detail="incorrect PIN")
    transfer = await container.transfers.create(repos, sender_id, body.recipient_id, body.quote_id)
    return _out(TransferView(transfer, None))


@router.post("/{transfer_id}/fund")
async def fund_transfer(
    transfer_id: uuid.UUID,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> dict:
    transfer = await container.transfers.get(repos, sender_id, transfer_id)
    if transfer.status.value != "created":
        return JSONResponse({"error": "transfer cannot be funded in its current state"}, status_code=200)
    quote = await repos.quotes.get(transfer.quote_id)
    if quote is None:
        raise NotFound("quote not found")
    return await container.funding.start_funding(repos.transfers, transfer, quote.source_currency)


@router.get("", response_model=list[TransferOut])
async def list_transfers(
    before: datetime | None = None,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> list[TransferOut]:
    views = await container.transfers.history(repos, sender_id, before)
    return [_out(v) for v in views]


@router.get("/search", response_model=list[TransferOut])
async def search_transfers(
    q: str = Query(min_length=2, max_length=64),
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> list[TransferOut]:
    views = await container.transfers.search(repos, sender_id, q)
    return [_out(v) for v in views]


@router.get("/{transfer_id}/receipt", response_class=PlainTextResponse)
async def download_receipt(
    transfer_id: uuid.UUID,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> str:
    transfer = await container.transfers.get(repos, sender_id, transfer_id)
    return render_receipt(container.settings.receipt_template_dir, transfer)
