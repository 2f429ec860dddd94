"""Rate shopping, label purchase and printing at the pack stations."""
from __future__ import annotations

import asyncio
import base64
import copy
import functools
import json
import logging
import threading
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiobreaker import CircuitBreakerError
from redis.asyncio import Redis

from svc import errors
from svc.clients.carrier import CarrierClient
from svc.clients.printer import LabelPrinter
from svc.clients.storefront import StorefrontClient
from svc.db.orders_repo import OrderRepository

if TYPE_CHECKING:
    from svc.services.realtime import StationRegistry

logger = logging.getLogger(__name__)

RETURN_LABEL_BATCH = 10
PACKING_SLIP_TEMPLATE: dict[str, Any] = {"layout": "4x6", "fields": {"ship_to": None, "lines": []}}

_shipment_seq_lock = threading.Lock()
_rate_quotes: dict[str, list[dict[str, Any]]] = {}


class ShippingService:
    def __init__(
        self, carrier: CarrierClient, printers: dict[str, LabelPrinter], orders: OrderRepository,
        storefront: StorefrontClient, redis: Redis, stations: StationRegistry,
    ) -> None:
        self._carrier = carrier
        self._printers = printers
        self._orders = orders
        self._storefront = storefront
        self._redis = redis
        self._stations = stations
        self._station_locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._pending_return_labels: dict[str, list[str]] = defaultdict(list)
        self._background: set[asyncio.Task[None]] = set()

    async def next_shipment_ref(self) -> str:
        with _shipment_seq_lock:
            seq = await self._redis.incr("wms:shipment-seq")
        return f"SHP{seq:010d}"

    async def _load_order(self, order_id: int) -> dict[str, Any]:
        order = await self._orders.get_order(order_id)
        if order is None:
            raise errors.NotFoundError(f"order {order_id} not found")
        return {**dict(order), "ship_to": json.loads(order["ship_to"])}

    async def quote(self, order_id: int, weight_grams: int) -> dict[str, Any]:
        order = await self._load_order(order_id)
        key = f"{order_id}:{weight_grams}"
        rates = _rate_quotes.get(key)
        if rates is None:
            parcel = {"weight": {"value": weight_grams, "unit": "gram"}}
            rates = await self._carrier.get_rates(parcel, order["ship_to"])
            _rate_quotes[key] = rates
        best = min(rates, key=lambda rate: Decimal(str(rate["shipping_amount"]["amount"])))
        amount = str(best["shipping_amount"]["amount"])
        return {"order_id": order_id, "rate_id": best["rate_id"], "carrier": best["carrier_code"], "amount": amount}

    async def quote_wave(self, order_weights: dict[int, int]) -> list[dict[str, Any]]:
        return await asyncio.gather(*(self.quote(order_id, grams) for order_id, grams in order_weights.items()))

    async def print_label(self, order_id: int, station: str, rate_id: str) -> dict[str, Any]:
        ref = await self.next_shipment_ref()
        async with self._station_locks[station]:
            try:
                label = await self._carrier.buy_label(ref, rate_id)
            except CircuitBreakerError as exc:
                raise errors.CarrierUnavailable("label purchase paused after repeated carrier failures") from exc
            self._printers[station].send_zpl(base64.b64decode(label["label_download"]["href"]).decode("ascii"))
        await self._orders.add_shipment(
            order_id, label["carrier_code"], label["service_code"], label["tracking_number"], label["label_id"]
        )
        self._orders.mark_shipped(order_id)
        await self._stations.notify(station, {"event": "label_printed", "order_id": order_id})
        task = asyncio.create_task(self._push_tracking(order_id, label["tracking_number"], label["carrier_code"]))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return {"shipment_ref": ref, "tracking_number": label["tracking_number"]}

    async def _push_tracking(self, order_id: int, tracking_number: str, carrier: str) -> None:
        try:
            order = await self._load_order(order_id)
            await self._storefront.push_fulfilment(order["shop_id"], order["external_ref"], tracking_number, carrier)
        except Exception:
            logger.exception("could not push tracking %s for order %s", tracking_number, order_id)

    async def reprint(self, station: str, zpl: str) -> None:
        await asyncio.to_thread(self._printers[station].send_zpl, zpl)

    async def queue_return_label(self, station: str, zpl: str) -> int:
        """Return labels are printed in batches to save printer warm-up on the returns bench."""
        pending = self._pending_return_labels[station]
        pending.append(zpl)
        if len(pending) >= RETURN_LABEL_BATCH:
            self._pending_return_labels[station] = []
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, functools.partial(self._printers[station].send_batch, pending))
            return 0
        return len(pending)

    def packing_slip(self, ship_to: dict[str, Any], lines: list[dict[str, Any]]) -> dict[str, Any]:
        slip = copy.deepcopy(PACKING_SLIP_TEMPLATE)
        slip["fields"]["ship_to"] = ship_to
        slip["fields"]["lines"].extend(lines)
        return slip
