"""Picks up accepted orders and finds couriers for them."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta

import redis.asyncio as redis
from sqlalchemy import func, select

from svc.db.engine import SessionLocal
from svc.db.models import Order, OrderStatus
from svc.repos.order_repo import OrderRepository
from svc.repos.restaurant_repo import RestaurantRepository
from svc.services.courier_assignment import AssignmentFailed, CourierAssigner
from svc.services.notification_service import Notifier

logger = logging.getLogger(__name__)

DISPATCH_QUEUE = "dispatch:pending"
RETRY_DELAY_S = 20


async def run_dispatch_loop(client: redis.Redis, notifier: Notifier) -> None:
    while True:
        popped = await client.blpop(DISPATCH_QUEUE, timeout=5)
        if popped is None:
            continue
        _, raw = popped
        job = json.loads(raw)
        async with SessionLocal() as session:
            assigner = CourierAssigner(OrderRepository(session), RestaurantRepository(session), notifier)
            try:
                courier_id = await assigner.assign(job["order_id"])
            except AssignmentFailed:
                logger.info("no courier for order %s yet; requeueing", job["order_id"])
                await asyncio.sleep(RETRY_DELAY_S)
                await client.rpush(DISPATCH_QUEUE, raw)
                continue
        await client.publish(f"tracking:{job['order_id']}", json.dumps({"type": "courier", "courier_id": courier_id}))


async def requeue_unassigned(client: redis.Redis, older_than_min: int = 5) -> int:
    """Put accepted orders that still have no courier back on the dispatch queue."""
    async with SessionLocal() as session:
        rows = (
            await session.execute(
                select(Order.id)
                .where(
                    Order.status == OrderStatus.ACCEPTED,
                    Order.courier_id.is_(None),
                    Order.updated_at < func.now() - timedelta(minutes=older_than_min),
                )
                .limit(200)
            )
        ).all()
    if not rows:
        return 0
    await client.rpush(DISPATCH_QUEUE, *[json.dumps({"order_id": oid}) for (oid,) in rows])
    return len(rows)
