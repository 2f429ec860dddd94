from __future__ import annotations

import contextlib
import json
import logging
from datetime import datetime, timedelta, timezone

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.maps import RoutingClient
from svc.repos.courier_repo import CourierRepository
from svc.repos.order_repo import OrderRepository
from svc.utils.geo import zone_for
from svc.ws.tracking import TrackingHub

logger = logging.getLogger(__name__)


class TrackingService:
    def __init__(self, session: AsyncSession, client: redis.Redis, hub: TrackingHub, routing: RoutingClient) -> None:
        self.orders = OrderRepository(session)
        self.couriers = CourierRepository()
        self._redis = client
        self.hub = hub
        self.routing = routing

    async def publish_location(self, courier_id: int, order_id: int | None, lat: float, lon: float) -> None:
        await self.couriers.record_ping(courier_id, order_id, lat, lon, zone_for(lat, lon))
        if order_id is None:
            return
        event = {"type": "location", "order_id": order_id, "lat": lat, "lon": lon}
        await self.hub.publish(order_id, event)
        with contextlib.suppress(Exception):
            await self._redis.publish(f"tracking:{order_id}", json.dumps(event))

    async def eta_minutes(self, order_id: int) -> int:
        order = await self.orders.get_by_id(order_id)
        if order is None or order.courier_id is None:
            raise LookupError(order_id)
        courier = await self.couriers.get(order.courier_id)
        route = await self.routing.route((courier["last_lat"], courier["last_lon"]), (order.dest_lat, order.dest_lon))
        return max(1, route.duration_s // 60)

    async def trail(self, order_id: int) -> list[dict]:
        rows = await self.couriers.pings_for_order(order_id)
        return [{"lat": r["lat"], "lon": r["lon"], "at": r["recorded_at"].isoformat()} for r in rows]

    async def courier_recent(self, courier_id: int) -> list[dict]:
        since = datetime.now(timezone.utc) - timedelta(minutes=10)
        rows = await self.couriers.recent_pings(courier_id, since)
        return [dict(r) for r in rows]

    async def status_changed(self, order_id: int, status: str, courier_id: int | None = None) -> None:
        event = {"type": "status", "order_id": order_id, "status": status}
        if courier_id is not None:
            event["courier_id"] = courier_id
        await self.hub.publish(order_id, event)

    async def snapshot(self, order_id: int) -> dict:
        order = await self.orders.get(order_id)
        if order is None:
            raise LookupError(order_id)
        snapshot: dict = {"order_id": order_id, "status": order.status.value, "courier": None}
        if order.courier_id is not None:
            courier = await self.couriers.get(order.courier_id)
            if courier is not None:
                snapshot["courier"] = {
                    "id": courier["id"],
                    "name": courier["name"],
                    "lat": courier["last_lat"],
                    "lon": courier["last_lon"],
                }
        return snapshot
