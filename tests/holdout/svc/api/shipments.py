from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api import tracking
from svc.api.deps import get_dispatch, get_gateway, get_geocoder, get_pickups, get_pricing
from svc.api.schemas import PickupIn, ShipmentCreate, ShipmentFeed, ShipmentOut, ShipmentPage
from svc.db.models import Parcel, Shipment
from svc.db.repositories import CarrierRepository, ShipmentRepository, TrackingEventRepository
from svc.db.session import get_session
from svc.services.carrier_gateway import CarrierApiError, CarrierGateway
from svc.services.dispatch import DispatchBoard, DriverBusy
from svc.services.geocoding import Geocoder
from svc.services.labels import LabelError, build_label_pdf
from svc.services.pickups import PickupScheduler
from svc.services.pricing import NoRateAvailable, PricingService

logger = logging.getLogger(__name__)

router = APIRouter()


async def _load_shipment(session: AsyncSession, tracking_number: str) -> Shipment:
    shipment = await ShipmentRepository(session).get_by_tracking_number_with_details(tracking_number)
    if shipment is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="shipment not found")
    return shipment


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ShipmentOut)
async def create_shipment(
    body: ShipmentCreate,
    session: AsyncSession = Depends(get_session),
    gateway: CarrierGateway = Depends(get_gateway),
    pricing: PricingService = Depends(get_pricing),
    geocoder: Geocoder = Depends(get_geocoder),
) -> ShipmentOut:
    carrier = await CarrierRepository(session).get_by_code(body.carrier_code)
    if carrier is None or not carrier.active:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"unknown carrier {body.carrier_code}")

    try:
        quote = await pricing.quote_for(body.to_quote_request(), carrier.code, body.service_code)
    except NoRateAvailable as e:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, detail=str(e))

    point = await geocoder.geocode(body.destination_address, body.destination_country)

    try:
        tracking_number = await gateway.register_shipment(carrier.code, body.carrier_payload())
    except CarrierApiError as exc:
        logger.warning("carrier %s rejected shipment: %s", carrier.code, exc)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, detail=f"carrier rejected shipment: {exc.message}") from exc

    shipment = Shipment(
        tracking_number=tracking_number,
        reference=body.reference,
        customer_id=body.customer_id,
        carrier_id=carrier.id,
        service_code=body.service_code,
        origin_country=body.origin_country.upper(),
        origin_postcode=body.origin_postcode,
        destination_country=body.destination_country.upper(),
        destination_postcode=body.destination_postcode,
        destination_address=body.destination_address,
        destination_lat=point.lat if point else None,
        destination_lon=point.lon if point else None,
        weight_grams=body.total_weight,
        declared_value_cents=body.declared_value_cents,
        price_cents=quote.total_cents,
        currency=quote.currency,
        notify_email=body.notify_email,
        notify_phone=body.notify_phone,
    )
    shipment.parcels = [
        Parcel(weight_grams=p.weight_grams, length_mm=p.length_mm, width_mm=p.width_mm, height_mm=p.height_mm)
        for p in body.parcels
    ]
    ShipmentRepository(session).add(shipment)
    await session.commit()
    return ShipmentOut.from_model(shipment, None)


@router.get("", response_model=ShipmentPage)
async def list_shipments(
    page: int = Query(1, ge=1),
    page_size: int = Query(50, ge=1, le=200),
    status_filter: str | None = Query(None, alias="status"),
    session: AsyncSession = Depends(get_session),
) -> ShipmentPage:
    shipments = ShipmentRepository(session)
    events = TrackingEventRepository(session)
    rows = await shipments.list_page(page, page_size, status=status_filter)
    items: list[ShipmentOut] = []
    for shipment in rows:
        latest = await events.latest_for_shipment(shipment.id)
        items.append(ShipmentOut.from_model(shipment, latest))
    return ShipmentPage(page=page, page_size=page_size, items=items)


@router.get("/feed", response_model=ShipmentFeed)
async def shipment_feed(
    after_id: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
    session: AsyncSession = Depends(get_session),
) -> ShipmentFeed:
    rows = await ShipmentRepository(session).list_after(after_id, limit)
    latest = await TrackingEventRepository(session).latest_for_shipments([s.id for s in rows])
    items = [ShipmentOut.from_model(s, latest.get(s.id)) for s in rows]
    return ShipmentFeed(items=items, next_after_id=rows[-1].id if len(rows) == limit else None)


@router.get("/stats")
async def shipment_stats(session: AsyncSession = Depends(get_session)) -> dict[str, int]:
    shipments = ShipmentRepository(session)
    counts: dict[str, int] = {}
    for state in ("created", "in_transit", "delivered"):
        counts[state] = await shipments.count_by_status(state)
    return counts


@router.get("/by-reference/{reference}", response_model=list[ShipmentOut])
async def shipments_by_reference(reference: str, session: AsyncSession = Depends(get_session)) -> list[ShipmentOut]:
    rows = await ShipmentRepository(session).find_by_reference(reference)
    return [ShipmentOut.from_model(s, None) for s in rows]


@router.get("/search", response_model=list[ShipmentOut])
async def search_shipments(
    prefix: str = Query(..., min_length=4, max_length=64),
    session: AsyncSession = Depends(get_session),
) -> list[ShipmentOut]:
    rows = await ShipmentRepository(session).search_by_tracking_prefix(prefix.strip().upper())
    return [ShipmentOut.from_model(s, None) for s in rows]


@router.get("/{tracking_number}", response_model=ShipmentOut)
async def get_shipment(tracking_number: str, session: AsyncSession = Depends(get_session)) -> ShipmentOut:
    shipment = await _load_shipment(session, tracking_number)
    latest = await TrackingEventRepository(session).latest_for_shipment(shipment.id)
    return ShipmentOut.from_model(shipment, latest)


@router.post("/{tracking_number}/label", response_class=Response)
async def create_label(tracking_number: str, session: AsyncSession = Depends(get_session)) -> Response:
    shipment = await _load_shipment(session, tracking_number)
    try:
        pdf = build_label_pdf(shipment, shipment.carrier.code)
    except LabelError as exc:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, detail=str(exc)) from exc
    return Response(
        content=pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{tracking_number}.pdf"'},
    )


@router.get("/{tracking_number}/label", response_class=Response)
async def download_label(tracking_number: str, session: AsyncSession = Depends(get_session)) -> Response:
    shipment = await _load_shipment(session, tracking_number)
    pdf = await asyncio.to_thread(build_label_pdf, shipment, shipment.carrier.code)
    return Response(
        content=pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{tracking_number}.pdf"'},
    )


@router.post("/{tracking_number}/pickup")
async def book_pickup(
    tracking_number: str,
    body: PickupIn,
    session: AsyncSession = Depends(get_session),
    pickups: PickupScheduler = Depends(get_pickups),
) -> dict[str, str]:
    if body.window_end <= body.window_start:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, detail="empty pickup window")
    shipment = await _load_shipment(session, tracking_number)
    try:
        confirmation = await pickups.book(
            shipment.carrier.code, tracking_number, body.window_start, body.window_end
        )
    except CarrierApiError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, detail=exc.message) from exc
    return {
        "confirmation_id": confirmation.confirmation_id,
        "window_start": confirmation.window_start.isoformat(),
        "window_end": confirmation.window_end.isoformat(),
    }


@router.post("/routes/{route_id}/drivers/{driver_id}")
async def assign_driver(
    route_id: str, driver_id: str, dispatch: DispatchBoard = Depends(get_dispatch)
) -> dict[str, object]:
    try:
        stops = await dispatch.assign(route_id, driver_id)
    except KeyError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown route") from exc
    except DriverBusy as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return {"route": route_id, "driver": driver_id, "stops": stops}


@router.delete("/drivers/{driver_id}")
async def release_driver(driver_id: str, dispatch: DispatchBoard = Depends(get_dispatch)) -> dict[str, object]:
    remaining = await dispatch.release_driver(driver_id)
    return {"driver": driver_id, "unfinished_stops": remaining}


router.include_router(tracking.shipment_events_router, prefix="/{tracking_number}/events")
