"""Lot browsing and lot lifecycle (create, cancel, detail page)."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.local import LotCache, ProfileCache
from svc.clients.currency import CurrencyClient
from svc.db.models import Lot
from svc.repos import bids as bid_sql
from svc.repos.lots import LotRepo
from svc.repos.users import UserRepo

log = logging.getLogger(__name__)


def _summary(lot: Lot, top_amount: int | None) -> dict[str, Any]:
    return {
        "id": lot.id,
        "title": lot.title,
        "category": lot.category,
        "status": lot.status,
        "price_cents": top_amount or lot.starting_price_cents,
        "ends_at": lot.ends_at.isoformat(),
        "images": [img.path for img in lot.images if img.moderation_status == "approved"],
    }


class AuctionService:
    def __init__(self, session: AsyncSession, cache: LotCache, profiles: ProfileCache,
                 currency: CurrencyClient) -> None:
        self.session = session
        self.lots = LotRepo(session)
        self.users = UserRepo(session)
        self.cache = cache
        self.profiles = profiles
        self.currency = currency

    async def browse(self, category: str | None, page: int, page_size: int = 24) -> list[dict[str, Any]]:
        lots = await self.lots.list_open(category, page_size, page * page_size)
        out = []
        for lot in lots:
            top = await bid_sql.top_bids(lot.id, limit=1)
            out.append(_summary(lot, top[0].amount_cents if top else None))
        return out

    async def seller_page(self, seller_id: int) -> dict[str, Any]:
        lots = await self.lots.by_seller(seller_id)
        highest = await bid_sql.highest_for_lots([lot.id for lot in lots])
        summaries = [_summary(lot, highest[lot.id].amount_cents if lot.id in highest else None) for lot in lots]
        profile = self.profiles.get(seller_id)
        if profile is None:
            account = await self.users.seller_account(seller_id)
            user = await self.users.get(account.user_id) if account else None
            profile = {"seller_id": seller_id, "name": user.display_name if user else "unknown"}
            self.profiles.put(seller_id, dict(profile))
        profile["lots"] = summaries
        return profile

    async def detail(self, lot_id: int, currency: str) -> dict[str, Any] | None:
        summary = self.cache.get(lot_id)
        if summary is None:
            lot = await self.lots.get(lot_id)
            if lot is None:
                return None
            top = await bid_sql.top_bids(lot_id, limit=1)
            summary = _summary(lot, top[0].amount_cents if top else None)
            self.cache.put(lot_id, summary)
        summary["price_cents"] = await self.currency.convert(summary["price_cents"], currency)
        summary["currency"] = currency
        return summary

    async def create(self, seller_id: int, title: str, description: str, category: str,
                     starting_price: str, reserve_price: str | None, starts_at: datetime, ends_at: datetime) -> int:
        if ends_at <= starts_at:
            raise ValueError("auction must end after it starts")
        lot = Lot(
            seller_id=seller_id,
            title=title,
            description=description,
            category=category,
            starting_price_cents=int(Decimal(starting_price) * 100),
            reserve_price_cents=int(Decimal(reserve_price) * 100) if reserve_price else None,
            starts_at=starts_at,
            ends_at=ends_at,
        )
        self.session.add(lot)
        await self.session.commit()
        return lot.id

    async def cancel(self, lot_id: int, seller_id: int) -> bool:
        lot = await self.lots.get_for_update(lot_id)
        if lot is None or lot.seller_id != seller_id:
            return False
        if lot.current_price_cents > 0:
            raise ValueError("cannot cancel a lot with bids")
        lot.status = "cancelled"
        await self.session.commit()
        self.cache.invalidate(lot_id)
        return True


class AuctionClock:
    """In-memory index of upcoming closes, used to wake the close worker early."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._deadlines: dict[int, datetime] = {}

    async def track(self, lot_id: int, ends_at: datetime) -> None:
        async with self._lock:
            self._deadlines[lot_id] = ends_at

    async def extend(self, lot_id: int, ends_at: datetime) -> None:
        async with self._lock:
            if lot_id in self._deadlines and ends_at > self._deadlines[lot_id]:
                await self.track(lot_id, ends_at)

    async def pop_due(self) -> list[int]:
        now = datetime.now(timezone.utc)
        async with self._lock:
            due = [lot_id for lot_id, at in self._deadlines.items() if at <= now]
            for lot_id in due:
                del self._deadlines[lot_id]
        return due


class WatchlistService:
    """Watchlists live in postgres; a redis set per lot mirrors them for the reminder fan-out."""

    def __init__(self, session: AsyncSession, redis) -> None:
        self.session = session
        self.redis = redis
        self.lots = LotRepo(session)

    async def watch(self, user_id: int, lot_id: int) -> None:
        lot = await self.lots.get(lot_id)
        if lot is None or lot.status not in ("scheduled", "open"):
            raise ValueError("lot is not biddable")
        await self.lots.add_watch(user_id, lot_id)
        await self.session.commit()
        await self.redis.sadd(f"watchers:set:{lot_id}", user_id)

    async def unwatch(self, user_id: int, lot_id: int) -> None:
        await self.lots.remove_watch(user_id, lot_id)
        await self.session.commit()
        self.redis.srem(f"watchers:set:{lot_id}", user_id)

    async def list(self, user_id: int) -> list[dict[str, Any]]:
        lots = await self.lots.watched_lots(user_id)
        leaders = await bid_sql.highest_for_lots([lot.id for lot in lots])
        return [_summary(lot, leaders[lot.id].amount_cents if lot.id in leaders else None) for lot in lots]

    async def edit(self, lot_id: int, seller_id: int, title: str | None, description: str | None,
                   cache: LotCache) -> bool:
        lot = await self.lots.get(lot_id)
        if lot is None or lot.seller_id != seller_id:
            return False
        fields = {k: v for k, v in (("title", title), ("description", description)) if v is not None}
        if not fields:
            return True
        changed = await self.lots.update_fields(lot_id, **fields)
        await self.session.commit()
        if changed:
            cache.delete(lot_id)
            await self.redis.sadd("reindex:pending", lot_id)
        return bool(changed)
