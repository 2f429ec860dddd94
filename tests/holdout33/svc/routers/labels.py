"""Shipping labels, quotes, voids, manifests and carrier webhooks."""
from __future__ import annotations

import asyncio
import io
import json
import logging
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from ..clients.carrier import LabelRequest
from ..deps import ContainerDep, SessionDep, api_rate_limit
from ..errors import CarrierUnavailable, NotFound
from ..repositories import order_repo, shipment_repo
from ..schemas import LabelIn, OverrideIn, QuoteIn, VoidIn
from ..services.labels_service import set_override
from ..utils.security import verify_webhook_signature

log = logging.getLogger(__name__)

router = APIRouter(prefix="/shipping", tags=["shipping"], dependencies=[Depends(api_rate_limit)])
webhooks = APIRouter(prefix="/webhooks", tags=["webhooks"])

MAX_WEBHOOK_BYTES = 64 * 1024


@router.post("/quotes")
async def quote(body: QuoteIn, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    order = await order_repo.get_order(session, body.order_id)
    req = LabelRequest.from_order(order, parcels=[{"weight_g": body.weight_g}], service_level=body.service_level)
    return await container.labels.quote(req)


@router.get("/rate-cards/{carrier_code}")
async def rate_card(carrier_code: str, container: ContainerDep) -> dict[str, Any]:
    return await container.labels.rate_card(carrier_code)


@router.post("/orders/{order_id}/label")
async def buy_label(order_id: int, body: LabelIn, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    try:
        shipment = await container.labels.purchase(session, order_id, body.station_id, body.weight_g, body.service_level)
    except CarrierUnavailable as exc:
        raise HTTPException(status_code=503, detail="carrier temporarily unavailable; retry shortly") from exc
    asyncio.create_task(container.hub.publish({"type": "shipment.labelled", "order_id": order_id, "station": body.station_id}))
    return {"shipment_id": shipment.id, "tracking_number": shipment.tracking_number}


@router.post("/shipments/{shipment_id}/relabel")
async def relabel(shipment_id: int, body: LabelIn, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    shipment = await container.labels.relabel(session, shipment_id, body.weight_g)
    return {"shipment_id": shipment.id, "tracking_number": shipment.tracking_number}


@router.post("/shipments/void")
async def void_shipments(body: VoidIn, session: SessionDep, container: ContainerDep) -> dict[str, bool]:
    return await container.labels.void_many(session, body.shipment_ids)


@router.get("/shipments/by-tracking/{tracking_number}")
async def by_tracking(tracking_number: str, session: SessionDep) -> dict[str, Any]:
    shipment = await shipment_repo.get_by_tracking(session, tracking_number)
    if shipment is None:
        raise NotFound(f"no shipment with tracking number {tracking_number}")
    return {"shipment_id": shipment.id, "order_id": shipment.order_id, "status": shipment.status}


@router.get("/shipments/{shipment_id}/label-url")
async def label_url(shipment_id: int, session: SessionDep, container: ContainerDep) -> dict[str, str]:
    found = await shipment_repo.by_ids(session, [shipment_id])
    if not found:
        raise NotFound(f"shipment {shipment_id} not found")
    return {"url": container.labels.label_url(found[0])}


@router.post("/manifests/{day}", status_code=201)
async def close_manifest(day: date, container: ContainerDep) -> dict[str, str]:
    resp = await container.carrier.fetch_manifest(day)
    resp.raise_for_status()
    key = f"manifests/{day.isoformat()}.pdf"
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, container.storage.upload_manifest, key, io.BytesIO(resp.content))
    return {"manifest": key}


@router.put("/routing/overrides/{customer_id}", status_code=204)
async def put_override(customer_id: str, body: OverrideIn) -> None:
    set_override(customer_id, body.service_level)


@webhooks.post("/carrier", status_code=204)
async def carrier_webhook(request: Request, session: SessionDep, container: ContainerDep, x_signature: str = Header(...)) -> None:
    body = await request.body()
    if len(body) > MAX_WEBHOOK_BYTES:
        raise HTTPException(status_code=413, detail="payload too large")
    if not verify_webhook_signature(container.settings.carrier_webhook_secret, body, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = json.loads(body)
    shipment = await shipment_repo.get_by_tracking(session, event["tracking_number"])
    if shipment is None:
        log.info("webhook for unknown tracking number %s", event["tracking_number"])
        return
    shipment.status = event.get("status", shipment.status)
    await session.commit()
