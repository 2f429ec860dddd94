"""Fan-out of marketplace events to sellers (dashboard feed, email) and buyers (SSE, order page)."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import OutboxMessage
from svc.realtime.buyers import BuyerEventBroker, TrackingHub
from svc.realtime.sellers import SellerFeed

log = logging.getLogger(__name__)


class NotificationService:
    def __init__(
        self,
        feed: SellerFeed,
        buyers: BuyerEventBroker,
        tracking: TrackingHub,
        sessions: async_sessionmaker[AsyncSession],
    ) -> None:
        self._feed = feed
        self._buyers = buyers
        self._tracking = tracking
        self._sessions = sessions

    async def publish(self, seller_id: int, event: dict[str, Any], *, channel: str = "feed") -> None:
        if channel == "feed":
            await self._feed.publish(seller_id, event)
        elif channel == "email":
            async with self._sessions() as session:
                session.add(OutboxMessage(topic="email.seller", payload={"seller_id": seller_id, "event": event}))
                await session.commit()
        else:
            raise ValueError(f"unknown channel {channel!r}")

    async def order_placed(self, order_id: int, seller_ids: list[int]) -> None:
        for seller_id in sorted(set(seller_ids)):
            await self.publish(seller_id, {"type": "order.placed", "order_id": order_id})
        async with self._sessions() as session:
            for seller_id in sorted(set(seller_ids)):
                session.add(
                    OutboxMessage(topic="seller_hook", payload={"seller_id": seller_id, "type": "order.placed", "order_id": order_id})
                )
            await session.commit()

    async def order_status(self, order_id: int, buyer_id: int, status: str) -> None:
        event = {"type": "order.status", "order_id": order_id, "status": status}
        await self._tracking.broadcast(order_id, event)
        self._buyers.publish(buyer_id, event)

    async def payout_updated(self, seller_id: int, payout_id: int, status: str) -> None:
        await self.publish(seller_id, {"type": "payout.updated", "payout_id": payout_id, "status": status}, channel="feed")
        if status == "failed":
            await self.publish(seller_id, {"type": "payout.failed", "payout_id": payout_id}, channel="email")
