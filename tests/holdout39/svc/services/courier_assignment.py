from __future__ import annotations

import heapq
import logging
from typing import TYPE_CHECKING

from svc.repos.courier_repo import CourierRepository
from svc.repos.order_repo import OrderRepository
from svc.repos.restaurant_repo import RestaurantRepository
from svc.utils.geo import haversine_km, zone_for, zone_neighbours
from svc.utils.locks import courier_lock, order_lock

if TYPE_CHECKING:
    from svc.services.notification_service import Notifier

logger = logging.getLogger(__name__)

CANDIDATES = 5


class AssignmentFailed(Exception):
    pass


class CourierAssigner:
    def __init__(self, orders: OrderRepository, restaurants: RestaurantRepository, notifier: Notifier) -> None:
        self.orders = orders
        self.restaurants = restaurants
        self.couriers = CourierRepository()
        self.notifier = notifier

    async def assign(self, order_id: int) -> int:
        order = await self.orders.get(order_id)
        if order is None:
            raise LookupError(order_id)
        restaurant = await self.restaurants.get(order.restaurant_id)
        origin = (restaurant.lat, restaurant.lon)
        zones = zone_neighbours(zone_for(*origin))
        idle = await self.couriers.idle_in_zones(list(zones))
        nearest = heapq.nsmallest(
            CANDIDATES, idle, key=lambda c: haversine_km(origin[0], origin[1], c["last_lat"], c["last_lon"])
        )
        for candidate in nearest:
            courier_id = candidate["id"]
            async with courier_lock(courier_id):
                if not await self.couriers.claim_if_idle(courier_id):
                    continue
                async with order_lock(order_id):
                    order.courier_id = courier_id
                    await self.orders.session.commit()
            details = await self.couriers.get(courier_id)
            self.notifier.notify_courier(courier_id, details["phone"], order_id)
            logger.info("order %s assigned to courier %s", order_id, courier_id)
            return courier_id
        raise AssignmentFailed(f"no idle courier near order {order_id}")

    async def assign_manually(self, order_id: int, courier_id: int) -> None:
        courier = await self.couriers.get(courier_id)
        if courier is None or courier["status"] != "idle":
            raise AssignmentFailed(f"courier {courier_id} is not available")
        order = await self.orders.get(order_id)
        if order is None:
            raise LookupError(order_id)
        await self.couriers.set_status(courier_id, "assigned")
        order.courier_id = courier_id
        await self.orders.session.commit()
        await self.notifier.notify_courier(courier_id, courier["phone"], order_id)
