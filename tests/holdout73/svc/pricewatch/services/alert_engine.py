from __future__ import annotations

import contextlib
import logging
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pricewatch.db.models import TrackedItem, User
from pricewatch.repositories import alerts as alerts_repo
from pricewatch.repositories import users as users_repo
from pricewatch.services.notifications import Message, NotificationService
from pricewatch.utils.coordination import locks
from pricewatch.ws.hub import PriceHub

log = logging.getLogger(__name__)

COOLDOWN = timedelta(hours=12)


class AlertEngine:
    """Decides which alert rules fire when a new price is observed."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        notifier: NotificationService,
        hub: PriceHub,
        cooldown: timedelta = COOLDOWN,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._notifier = notifier
        self._hub = hub
        self.cooldown = cooldown

    async def _muted_user_ids(self, session: AsyncSession) -> list[int]:
        rows = await session.execute(text("SELECT user_id FROM user_mutes WHERE until > now()"))
        return [r.user_id for r in rows]

    @staticmethod
    def _should_fire(rule, old_price: Decimal | None, new_price: Decimal) -> bool:
        if rule.target_price is not None and new_price <= rule.target_price:
            return True
        if rule.min_drop_pct is not None and old_price:
            change = (new_price - old_price) / old_price * 100
            if abs(change) >= rule.min_drop_pct:
                return True
        return False

    async def on_price_observed(
        self, product_id: int, title: str, url: str, old_price: Decimal | None, new_price: Decimal
    ) -> int:
        if old_price is not None and new_price < old_price:
            await self._hub.broadcast_price_drop(product_id, old_price, new_price)

        fired = 0
        async with self._sessionmaker() as session:
            rules = await alerts_repo.rules_for_product(session, product_id)
            muted = await self._muted_user_ids(session)
            rules = [r for r in rules if r.user_id not in muted]
            for rule in rules:
                if not self._should_fire(rule, old_price, new_price):
                    continue
                async with locks.user(rule.user_id):
                    async with locks.product(product_id):
                        if not await alerts_repo.claim_fire(session, rule.id, self.cooldown):
                            continue
                        user = await users_repo.by_id(session, rule.user_id)
                        if user is None:
                            continue
                        message = Message(
                            subject=f"Price drop: {title[:60]}",
                            body=f"Now {new_price} (was {old_price})",
                            url=url,
                            channel=rule.channel,
                        )
                        await self._notifier.send(user, rule, message)
                        fired += 1
            with contextlib.suppress(Exception):
                await session.commit()
        log.info("product %s: %d alerts fired at %s", product_id, fired, new_price)
        return fired

    async def announce_back_in_stock(self, product_id: int, title: str, url: str) -> int:
        async with self._sessionmaker() as session:
            trackers = await session.scalars(
                select(User)
                .join(TrackedItem, TrackedItem.user_id == User.id)
                .where(TrackedItem.product_id == product_id)
            )
            users = list(trackers)
        if not users:
            return 0
        message = Message(subject=f"Back in stock: {title[:60]}", body=f"{title} is available again.", url=url)
        sent = await self._notifier.fan_out(users, message)
        log.info("restock notice for product %s sent to %d/%d trackers", product_id, sent, len(users))
        return sent

    async def preview(self, session: AsyncSession, user_id: int, prices: dict[int, Decimal]) -> list[int]:
        """Rule ids that would fire for the given product prices (used by the extension popup)."""
        rules = await alerts_repo.list_with_products(session, user_id)
        wanted = set(prices)
        hits = []
        for rule in rules:
            if rule.product_id in wanted and self._should_fire(rule, rule.product.last_price, prices[rule.product_id]):
                hits.append(rule.id)
        return hits
