"""Carrier routing, label purchase, quoting, voids and tracking refresh."""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections import defaultdict, deque
from dataclasses import asdict
from types import MappingProxyType
from typing import Any
from uuid import uuid4

from cachetools import TTLCache
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.carrier import CarrierClient, LabelRequest
from ..clients.storage import LabelStorage
from ..config import Settings
from ..db.models import Order, Shipment
from ..errors import NotFound, OrderNotFound, RateLimited
from ..repositories import events_repo, order_repo, shipment_repo
from ..utils.timing import utcnow

log = logging.getLogger(__name__)

GRAMS_PER_PARCEL_LIMIT = 30_000

_SERVICE_BY_PRIORITY = MappingProxyType({1: "express_am", 2: "express", 3: "next_day", 5: "standard", 9: "economy"})

CARRIER_OVERRIDES: dict[str, str] = {}


def set_override(customer_id: str, service_level: str | None) -> None:
    if service_level is None:
        CARRIER_OVERRIDES.pop(customer_id, None)
    else:
        CARRIER_OVERRIDES[customer_id] = service_level


def choose_service(order: Order) -> str:
    override = CARRIER_OVERRIDES.get(order.customer_id)
    if override:
        return override
    for priority in sorted(_SERVICE_BY_PRIORITY):
        if order.priority <= priority:
            return _SERVICE_BY_PRIORITY[priority]
    return "economy"


def _parcels_for(order: Order, weight_g: int) -> list[dict[str, Any]]:
    count = max(1, -(-weight_g // GRAMS_PER_PARCEL_LIMIT))
    return [{"weight_g": weight_g // count, "reference": f"{order.external_ref}-{n}"} for n in range(1, count + 1)]


class LabelService:
    def __init__(self, carrier: CarrierClient, storage: LabelStorage, redis: Redis, settings: Settings) -> None:
        self._carrier = carrier
        self._storage = storage
        self._redis = redis
        self._settings = settings
        self._recent_purchases: dict[str, deque[float]] = defaultdict(deque)
        self._rate_cards: TTLCache[str, dict[str, Any]] = TTLCache(maxsize=256, ttl=900)
        self._inflight: dict[str, asyncio.Task[dict[str, Any]]] = {}
        self._inflight_lock = asyncio.Lock()
        self._tracking_limit = asyncio.Semaphore(10)

    def _enforce_station_rate(self, station_id: str) -> None:
        window = self._recent_purchases[station_id]
        now = time.monotonic()
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) >= self._settings.label_rate_limit_per_min:
            raise RateLimited(f"station {station_id} exceeded {self._settings.label_rate_limit_per_min} labels/min")
        window.append(now)

    @functools.lru_cache(maxsize=None)
    def _is_remote_area(self, postcode: str) -> bool:
        normalised = postcode.replace(" ", "").upper()
        return normalised.startswith(self._settings.remote_postcode_prefixes)

    async def quote(self, req: LabelRequest) -> dict[str, Any]:
        rates = await self._carrier.get_rates(req)
        quote_id = uuid4().hex
        ranked = sorted(rates, key=lambda r: (r.total_cents, r.estimated_days))
        await self._redis.set(f"wms:quote:{quote_id}", json.dumps([asdict(r) for r in ranked]), ex=600)
        return {"quote_id": quote_id, "rates": [asdict(r) for r in ranked]}

    async def rate_card(self, carrier_code: str) -> dict[str, Any]:
        card = self._rate_cards.get(carrier_code)
        if card is None:
            card = await self._load_rate_card_once(carrier_code)
            self._rate_cards[carrier_code] = card
        return dict(card)

    async def _load_rate_card_once(self, carrier_code: str) -> dict[str, Any]:
        async with self._inflight_lock:
            task = self._inflight.get(carrier_code)
            if task is None:
                task = asyncio.create_task(self._carrier.rate_card(carrier_code))
                self._inflight[carrier_code] = task
                task.add_done_callback(lambda _t, key=carrier_code: self._inflight.pop(key, None))
        return await task

    async def purchase(
        self, session: AsyncSession, order_id: int, station_id: str, weight_g: int, service_level: str | None = None
    ) -> Shipment:
        self._enforce_station_rate(station_id)
        order = (
            await session.execute(select(Order).where(Order.id == order_id).with_for_update())
        ).scalar_one_or_none()
        if order is None:
            raise OrderNotFound(f"order {order_id} not found")
        existing = await shipment_repo.active_for_order(session, order_id)
        if existing is not None:
            return existing
        service = service_level or choose_service(order)
        if self._is_remote_area(str(order.ship_to.get("postcode", ""))):
            service = f"{service}_remote"
        req = LabelRequest.from_order(order, parcels=_parcels_for(order, weight_g), service_level=service)
        shipment = Shipment(order_id=order.id, carrier_code="pending", service_level=req.service_level, status="pending")
        session.add(shipment)
        await self._buy(session, order, shipment, req)
        await session.commit()
        return shipment

    async def purchase_for_shipment(self, session: AsyncSession, shipment: Shipment) -> None:
        """Retry path for shipments whose first purchase failed."""
        order = await order_repo.get_order(session, shipment.order_id)
        req = LabelRequest.from_order(order, parcels=_parcels_for(order, 1000), service_level=shipment.service_level)
        await self._buy(session, order, shipment, req)

    async def _buy(self, session: AsyncSession, order: Order, shipment: Shipment, req: LabelRequest) -> None:
        result = await self._carrier.purchase_label(req)
        key = f"labels/{order.id}/{result.tracking_number}.pdf"
        self._storage.save_label_pdf(key, result.pdf)
        shipment.carrier_code = result.carrier_code
        shipment.tracking_number = result.tracking_number
        shipment.cost_cents = result.cost_cents
        shipment.label_key = key
        shipment.status = "labelled"
        shipment.purchased_at = utcnow()
        order.status = "labelled"
        await events_repo.enqueue(
            session,
            "shipment.labelled",
            {"order_ref": order.external_ref, "tracking_number": result.tracking_number, "carrier": result.carrier_code},
        )

    async def relabel(self, session: AsyncSession, shipment_id: int, weight_g: int) -> Shipment:
        shipment = await session.get(Shipment, shipment_id)
        if shipment is None:
            raise NotFound(f"shipment {shipment_id} not found")
        order = await order_repo.get_order(session, shipment.order_id)
        req = LabelRequest.from_order(order, parcels=_parcels_for(order, weight_g), service_level=shipment.service_level)
        result = await self._carrier.buy_label(req)
        self._storage.save_label_pdf(f"labels/{order.id}/{result.tracking_number}.pdf", result.pdf)
        shipment.tracking_number = result.tracking_number
        shipment.cost_cents = result.cost_cents
        await session.commit()
        return shipment

    async def void_many(self, session: AsyncSession, shipment_ids: list[int]) -> dict[str, bool]:
        shipments = [s for s in await shipment_repo.by_ids(session, shipment_ids) if s.tracking_number]
        outcomes = await asyncio.gather(*(self._carrier.void_label(s.tracking_number) for s in shipments), return_exceptions=True)
        result: dict[str, bool] = {}
        for shipment, outcome in zip(shipments, outcomes):
            ok = outcome is True
            result[shipment.tracking_number] = ok
            if ok:
                shipment.status = "voided"
            elif isinstance(outcome, Exception):
                log.warning("void of %s failed: %r", shipment.tracking_number, outcome)
        await session.commit()
        return result

    async def refresh_tracking(self, shipments: list[Shipment]) -> list[dict[str, Any] | BaseException]:
        async def one(tracking_number: str) -> dict[str, Any]:
            async with self._tracking_limit:
                return await self._carrier.track(tracking_number)

        return await asyncio.gather(*(one(s.tracking_number) for s in shipments if s.tracking_number), return_exceptions=True)

    def label_url(self, shipment: Shipment) -> str:
        if not shipment.label_key:
            raise NotFound(f"shipment {shipment.id} has no label")
        return self._storage.label_url(shipment.label_key)
