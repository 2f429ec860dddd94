from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as redis
from redis.exceptions import RedisError

from svc.clients.sms import SmsClient, SmsError, send_one_off
from svc.utils.phone import mask_phone, normalize_phone

logger = logging.getLogger(__name__)

BROADCAST_CONCURRENCY = 10


class Notifier:
    def __init__(self, sms: SmsClient, client: redis.Redis) -> None:
        self.sms = sms
        self._redis = client

    async def notify_customer(self, phone: str, text: str) -> None:
        try:
            await self.sms.send(normalize_phone(phone), text)
        except SmsError:
            pass

    async def notify_restaurant_new_order(self, order_id: int, restaurant_id: int) -> None:
        try:
            await self._redis.publish(f"restaurant:{restaurant_id}:orders", json.dumps({"order_id": order_id}))
        except RedisError as exc:
            logger.warning("could not publish new order %s for restaurant %s: %s", order_id, restaurant_id, exc)

    async def notify_courier(self, courier_id: int, phone: str, order_id: int) -> None:
        await self._redis.publish(f"courier:{courier_id}", json.dumps({"offer": order_id}))
        await self.sms.send(phone, f"New delivery offer #{order_id}", priority="high")

    async def _send_limited(self, sem: asyncio.Semaphore, phone: str, text: str) -> bool:
        async with sem:
            try:
                await send_one_off(normalize_phone(phone), text)
                return True
            except SmsError as exc:
                logger.info("broadcast to %s failed: %s", mask_phone(phone), exc)
                return False

    async def broadcast(self, phones: list[str], text: str) -> int:
        sem = asyncio.Semaphore(BROADCAST_CONCURRENCY)
        results = await asyncio.gather(*(self._send_limited(sem, p, text) for p in phones))
        return sum(results)


STATUS_TEMPLATES: dict[str, str] = {
    "accepted": "{restaurant} accepted your order #{order_id}.",
    "picked_up": "Your order #{order_id} is on its way.",
    "delivered": "Order #{order_id} delivered. Enjoy your meal!",
    "cancelled": "Order #{order_id} was cancelled. Any payment will be refunded.",
}


def status_message(status: str, order_id: int, restaurant: str = "The restaurant") -> str | None:
    template = STATUS_TEMPLATES.get(status)
    if template is None:
        return None
    return template.format(order_id=order_id, restaurant=restaurant)
