from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..container import Container
from ..db.models import Donor
from ..deps import client_ip, current_donor, get_container, require_staff
from ..errors import NotFoundError
from ..middleware import DonationRateLimiter
from ..services.donations import DonationRequest

logger = logging.getLogger(__name__)

router = APIRouter(tags=["donations"])


class DonationIn(BaseModel):
    campaign_id: int
    amount_cents: int = Field(ge=100, le=5_000_000)
    currency: str = Field(default="GBP", min_length=3, max_length=3)
    card_token: str
    giftaid: bool = False


class RecurringIn(BaseModel):
    campaign_id: int
    amount_cents: int = Field(ge=300, le=500_000)
    mandate: str


class AmountIn(BaseModel):
    amount_cents: int = Field(ge=300, le=500_000)


@router.post("/donations", status_code=201)
async def donate(
    body: DonationIn,
    request: Request,
    idempotency_key: str = Header(alias="Idempotency-Key", min_length=8, max_length=64),
    donor: Donor = Depends(current_donor),
    container: Container = Depends(get_container),
) -> dict:
    limiter = DonationRateLimiter(container.redis)
    if not await limiter.allow(donor.id):
        raise HTTPException(status_code=429, detail="too many donation attempts")
    result = await container.donation_service.create_one_off(
        DonationRequest(
            campaign_id=body.campaign_id,
            amount_cents=body.amount_cents,
            currency=body.currency.upper(),
            card_token=body.card_token,
            giftaid=body.giftaid,
            idempotency_key=idempotency_key,
        ),
        donor,
        client_ip(request),
    )
    return {"donation_id": result.donation_id, "status": result.status}


@router.get("/me/donations")
async def my_donations(donor: Donor = Depends(current_donor), container: Container = Depends(get_container)) -> list[dict]:
    return await container.donation_service.history_for(donor)


@router.post("/donations/{donation_id}/refund")
async def refund(
    donation_id: int, staff: str = Depends(require_staff), container: Container = Depends(get_container)
) -> dict:
    refund_id = await container.donation_service.refund(donation_id, actor=staff)
    return {"refund_id": refund_id}


@router.post("/recurring", status_code=201)
async def start_recurring(
    body: RecurringIn, donor: Donor = Depends(current_donor), container: Container = Depends(get_container)
) -> dict:
    first_at = datetime.now(timezone.utc) + timedelta(minutes=5)
    plan_id = await container.plans.create(donor.id, body.campaign_id, body.amount_cents, body.mandate, first_at)
    return {"plan_id": plan_id, "first_charge_at": first_at.isoformat()}


@router.patch("/recurring/{plan_id}")
async def change_amount(
    plan_id: int, body: AmountIn, donor: Donor = Depends(current_donor), container: Container = Depends(get_container)
) -> dict:
    await container.recurring.update_amount(plan_id, donor.id, body.amount_cents)
    return {"plan_id": plan_id, "amount_cents": body.amount_cents}


@router.delete("/recurring/{plan_id}", status_code=204)
async def cancel_recurring(
    plan_id: int, donor: Donor = Depends(current_donor), container: Container = Depends(get_container)
) -> None:
    await container.recurring.cancel(plan_id, donor.id)


async def _owned(container: Container, donation_id: int, donor: Donor) -> dict:
    donation = await container.donations.get(donation_id)
    if donation is None or donation["donor_id"] != donor.id:
        raise NotFoundError(f"donation {donation_id}")
    return donation


@router.get("/receipts/{donation_id}.pdf")
async def download(
    donation_id: int, donor: Donor = Depends(current_donor), container: Container = Depends(get_container)
) -> Response:
    await _owned(container, donation_id, donor)
    data = await container.receipts.download(donation_id)
    if data is None:
        return JSONResponse({"error": "receipt not ready"}, status_code=404)
    return Response(content=data, media_type="application/pdf")


@router.post("/receipts/{donation_id}/reissue")
async def reissue(
    donation_id: int, donor: Donor = Depends(current_donor), container: Container = Depends(get_container)
) -> dict:
    await _owned(container, donation_id, donor)
    await container.receipts.reissue(donation_id)
    return {"status": "reissued"}


@router.post("/receipts/{donation_id}/resend", status_code=202)
async def resend(
    donation_id: int, staff: str = Depends(require_staff), container: Container = Depends(get_container)
) -> dict:
    await container.receipts.resend(donation_id)
    return {"status": "queued"}
