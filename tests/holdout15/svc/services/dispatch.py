"""Courier dispatch: pick candidates near the drop-off, offer the job, assign on acceptance."""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx
from redis.asyncio import Redis

from svc.clients.geo import MapsClient, geocode, haversine_km
from svc.clients.sms import SmsClient
from svc.repositories.couriers import CourierRepository
from svc.repositories.orders import OrderRepository
from svc.repositories.restaurants import RestaurantRepository
from svc.services import pricing

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Zone:
    name: str
    polygon: tuple[tuple[float, float], ...]


def _contains(polygon: Sequence[tuple[float, float]], lat: float, lng: float) -> bool:
    inside = False
    j = len(polygon) - 1
    for i, (yi, xi) in enumerate(polygon):
        yj, xj = polygon[j]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


class DeliveryZones:
    def __init__(self, zones: Sequence[Zone]) -> None:
        self._zones = tuple(zones)

    @functools.lru_cache(maxsize=None)
    def zone_for(self, lat: float, lng: float) -> str | None:
        for zone in self._zones:
            if _contains(zone.polygon, lat, lng):
                return zone.name
        return None


def load_zones(path: str = "/opt/foodly/zones.json") -> list[Zone]:
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    return [Zone(z["name"], tuple((float(lat), float(lng)) for lat, lng in z["polygon"])) for z in raw]


@dataclass
class Offer:
    order_id: int
    courier_id: int
    expires_at: float


class DispatchService:
    """Process-wide; created once in the lifespan."""

    OFFER_SECONDS = 40

    def __init__(self, couriers: CourierRepository, orders: OrderRepository, restaurants: RestaurantRepository,
                 redis: Redis, sms: SmsClient, maps: MapsClient, zones: DeliveryZones) -> None:
        self._couriers = couriers
        self._orders = orders
        self._restaurants = restaurants
        self._redis = redis
        self._sms = sms
        self._maps = maps
        self._zones = zones
        self._offers: dict[int, Offer] = {}
        self._order_lock = asyncio.Lock()
        self._courier_lock = asyncio.Lock()

    async def _candidates(self, order: dict) -> tuple[tuple[float, float], list[int]]:
        restaurant = await self._restaurants.get(order["restaurant_id"])
        dropoff = geocode(order["delivery_address"])
        zone = self._zones.zone_for(*dropoff) or restaurant.city
        ranked: list[tuple[float, int]] = []
        for courier in await self._couriers.active_in_zone(zone):
            position = await self._redis.hgetall(f"courier:{courier['id']}:pos")
            if position:
                here = (float(position["lat"]), float(position["lng"]))
                ranked.append((haversine_km(here, dropoff), courier["id"]))
        ranked.sort()
        return dropoff, [courier_id for _, courier_id in ranked[:5]]

    async def offer(self, order_id: int) -> int | None:
        order = await self._orders.get(order_id)
        _, candidates = await self._candidates(order)
        for courier_id in candidates:
            if courier_id in self._offers:
                continue
            courier = await self._couriers.get(courier_id)
            await self._sms.send(courier["phone"], f"Foodly: new delivery #{order_id}. Accept in the app within 40 s.")
            self._offers[courier_id] = Offer(order_id, courier_id, time.monotonic() + self.OFFER_SECONDS)
            return courier_id
        logger.info("no courier available", extra={"order_id": order_id})
        return None

    async def accept_offer(self, courier_id: int, order_id: int) -> bool:
        async with self._order_lock:
            offer = self._offers.get(courier_id)
            if offer is None or offer.order_id != order_id or offer.expires_at < time.monotonic():
                return False
            order = await self._orders.get(order_id)
            async with self._courier_lock:
                self._offers.pop(courier_id, None)
        claimed = await self._couriers.claim_order(courier_id, order_id)
        if claimed:
            await self._notify_eta(order, courier_id)
        return claimed

    async def release(self, courier_id: int) -> None:
        """Courier declined or went offline: drop the offer and re-dispatch the order."""
        async with self._courier_lock, self._order_lock:
            offer = self._offers.pop(courier_id, None)
        if offer is not None:
            await self.offer(offer.order_id)

    async def _notify_eta(self, order: dict, courier_id: int) -> None:
        restaurant = await self._restaurants.get(order["restaurant_id"])
        pickup = geocode(f"{restaurant.name}, {restaurant.city}")
        dropoff = geocode(order["delivery_address"])
        try:
            eta = await self._maps.eta_minutes(pickup, dropoff)
        except httpx.HTTPError:
            logger.warning("maps ETA unavailable, using straight-line estimate", exc_info=True)
            eta = haversine_km(pickup, dropoff) / 0.3
        courier = await self._couriers.get(courier_id)
        await self._sms.send(order["customer_phone"], f"Foodly: {courier['name']} is on the way, about {eta:.0f} min.")

    async def broadcast_surge(self, zone: str, multiplier: float) -> int:
        pricing.set_surge(zone, multiplier)
        couriers = await self._couriers.active_in_zone(zone)
        await asyncio.gather(
            *(self._sms.send(c["phone"], f"Foodly: surge x{multiplier:.1f} in {zone}. Go online now!") for c in couriers)
        )
        return len(couriers)
