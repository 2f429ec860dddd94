from __future__ import annotations

from fastapi import APIRouter, Depends, Header, HTTPException

from stacks.deps import get_kiosk_service
from stacks.schemas import KioskBatchIn
from stacks.services.kiosk import KioskEventIn, KioskService

router = APIRouter(prefix="/kiosk", tags=["kiosk"])


@router.post("/{kiosk_id}/events")
async def post_events(
    kiosk_id: str,
    batch: KioskBatchIn,
    x_kiosk_key: str = Header(default=""),
    svc: KioskService = Depends(get_kiosk_service),
) -> dict:
    if not await svc.authenticate(kiosk_id, x_kiosk_key):
        raise HTTPException(status_code=401, detail="unknown kiosk")
    events = [KioskEventIn(e.seq, e.kind, e.rfid_tag, e.card_number, e.occurred_at) for e in batch.events]
    return await svc.ingest(kiosk_id, batch.branch_id, events)
