"""Back-office routes for operators."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.webhooks import fetch_manifest
from svc.config import Settings, get_settings
from svc.db.models import Payout
from svc.db.session import get_reporting_session
from svc.services import fees
from svc.utils.images import read_photo

router = APIRouter(prefix="/admin", tags=["admin"])


class CarrierEvent(BaseModel):
    tracking_number: str
    status: str


class FeeOverrideIn(BaseModel):
    category: str
    bps: int = Field(ge=0, le=2000)


@router.put("/fees")
async def override_fee(body: FeeOverrideIn) -> dict[str, Any]:
    fees.set_category_override(body.category, body.bps)
    return {"category": body.category, "bps": body.bps}


@router.get("/carriers/{carrier}/manifest")
def carrier_manifest(carrier: str, settings: Settings = Depends(get_settings)) -> Response:
    data = fetch_manifest(f"{settings.shipping_base_url}/v1/manifests/{carrier}")
    return Response(content=data, media_type="application/pdf")


@router.get("/photos/{lot_id}/{name}")
def photo(lot_id: int, name: str, settings: Settings = Depends(get_settings)) -> Response:
    return Response(read_photo(settings.media_root, f"lots/{lot_id}/{name}"), media_type="image/jpeg")


@router.get("/sellers/{seller_id}/payouts")
async def seller_payouts(
    seller_id: int, session: AsyncSession = Depends(get_reporting_session)
) -> list[dict[str, Any]]:
    result = await session.execute(
        select(Payout).where(Payout.seller_id == seller_id).order_by(Payout.created_at.desc())
    )
    return [
        {"lot_id": p.lot_id, "amount_cents": p.amount_cents, "status": p.status}
        for p in result.scalars()
    ]


@router.post("/payouts/retry", status_code=202)
async def retry_payouts(payout_ids: list[int], request: Request) -> dict[str, int]:
    await request.app.state.payout_worker.retry_failed(payout_ids[:50])
    return {"queued": len(payout_ids[:50])}


@router.post("/notice", status_code=202)
async def notice(text: str, request: Request) -> dict[str, str]:
    await request.app.state.hub.broadcast_notice(text[:500])
    return {"status": "sent"}


@router.post("/carriers/events", status_code=204)
async def carrier_event(event: CarrierEvent, request: Request) -> None:
    shipments = request.app.state.shipments
    shipment = await shipments.by_tracking(event.tracking_number)
    if shipment is not None and shipment["status"] != event.status:
        await shipments.update_status(shipment["id"], event.status)
