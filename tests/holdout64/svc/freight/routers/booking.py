from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ..deps import current_carrier, current_shipper, get_services
from ..models import Carrier, Shipper
from ..repositories.loads import TenderRepository


bids_router = APIRouter(prefix="/bids", tags=["bids"])


class BidIn(BaseModel):
    load_id: uuid.UUID
    amount_cents: int = Field(gt=0)
    transit_hours: int | None = Field(default=None, ge=1, le=240)


@bids_router.post("", status_code=201)
async def submit_bid(body: BidIn, carrier: Carrier = Depends(current_carrier), services=Depends(get_services)):
    bid = await services.bids.submit(carrier.id, body.load_id, body.amount_cents, body.transit_hours)
    return {"id": bid.id, "status": bid.status}


@bids_router.post("/{bid_id}/accept")
async def accept_bid(bid_id: uuid.UUID, shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    tender_id = await services.bids.accept(shipper.id, bid_id)
    return {"tender_id": tender_id}


@bids_router.delete("/{bid_id}", status_code=204)
async def withdraw_bid(bid_id: uuid.UUID, carrier: Carrier = Depends(current_carrier), services=Depends(get_services)):
    await services.bids.withdraw(carrier.id, bid_id)


tenders_router = APIRouter(prefix="/tenders", tags=["tenders"])


class AcceptIn(BaseModel):
    eld_device_id: str | None = None


class DeclineIn(BaseModel):
    reason: str | None = None


@tenders_router.get("/{tender_id}")
async def get_tender(tender_id: uuid.UUID, carrier: Carrier = Depends(current_carrier), services=Depends(get_services)):
    async with services.sessions() as session:
        tender = await TenderRepository(session).get(tender_id)
    if tender is None or tender.carrier_id != carrier.id:
        return {"error": "tender not found"}
    return {
        "id": tender.id,
        "load_id": tender.load_id,
        "rate_cents": tender.rate_cents,
        "status": tender.status.value,
        "expires_at": tender.expires_at,
    }


@tenders_router.post("/{tender_id}/accept")
async def accept(tender_id: uuid.UUID, body: AcceptIn, carrier: Carrier = Depends(current_carrier),
                 services=Depends(get_services)):
    tender = await services.tenders.accept(carrier.id, tender_id, body.eld_device_id)
    return {"id": tender.id, "status": tender.status.value}


@tenders_router.post("/{tender_id}/decline", status_code=204)
async def decline(tender_id: uuid.UUID, body: DeclineIn, carrier: Carrier = Depends(current_carrier),
                  services=Depends(get_services)):
    await services.tenders.decline(carrier.id, tender_id, body.reason)


router = APIRouter()
router.include_router(bids_router)
router.include_router(tenders_router)
