from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

import redis.asyncio as redis
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.cache.keys import BUNKER_PRICE_TTL, bunker_price_key
from fleetwise.clients.suppliers import fetch_quote
from fleetwise.db.models import BunkerOrder
from fleetwise.domain.schemas import BunkerOrderIn
from fleetwise.repositories.bunkers import BunkerRepository
from fleetwise.cache.locks import KeyedLocks
from fleetwise.utils.timeutil import utcnow

log = logging.getLogger(__name__)

GRADES = ("HFO", "VLSFO", "MGO")
_FX_TO_USD: dict[str, Decimal] = {"USD": Decimal("1")}


def update_fx(currency: str, rate: Decimal) -> None:
    _FX_TO_USD[currency] = rate


def to_usd(amount: Decimal, currency: str) -> Decimal:
    return amount * _FX_TO_USD.get(currency, Decimal("1"))


class OrderStateError(Exception):
    pass


class BunkerService:
    def __init__(self, session: AsyncSession, client: redis.Redis, supplier_urls: list[str], locks: KeyedLocks) -> None:
        self._session = session
        self._repo = BunkerRepository(session)
        self._redis = client
        self._supplier_urls = supplier_urls
        self._locks = locks

    async def create(self, data: BunkerOrderIn) -> BunkerOrder:
        order = BunkerOrder(**data.model_dump())
        await self._repo.add(order)
        await self._session.commit()
        return order

    async def request_quotes(self, order_id: int) -> int:
        order = await self._repo.get(order_id)
        if order is None:
            raise OrderStateError(f"order {order_id} not found")
        saved = 0
        for supplier_id, url in enumerate(self._supplier_urls, start=1):
            quote = await fetch_quote(url, supplier_id, order.port_code, order.grade, order.quantity_t)
            if quote is None:
                continue
            await self._repo.save_quote(order_id, supplier_id, quote.price_usd_t, utcnow() + timedelta(hours=quote.valid_hours))
            saved += 1
        await self._repo.set_status(order_id, "quoted")
        try:
            await self._session.commit()
        except SQLAlchemyError:
            pass
        return saved

    async def approve(self, order_id: int, supplier_id: int) -> None:
        order = await self._repo.get(order_id)
        if order is None or order.status != "quoted":
            raise OrderStateError("order is not awaiting approval")
        quotes = {q.supplier_id: q for q in await self._repo.quotes(order_id)}
        quote = quotes.get(supplier_id)
        if quote is None or quote.valid_until < utcnow():
            raise OrderStateError("quote missing or expired")
        await self._repo.set_status(order_id, "approved", supplier_id=supplier_id, price_usd_t=quote.price_usd_t)
        await self._session.commit()

    async def cancel(self, order_id: int) -> None:
        order = await self._repo.lock_order(order_id)
        if order is None:
            raise OrderStateError(f"order {order_id} not found")
        if order.status in ("delivered", "cancelled"):
            raise OrderStateError(f"cannot cancel a {order.status} order")
        order.status = "cancelled"
        await self._session.commit()

    async def nominate(self, order_id: int, supplier_id: int) -> None:
        order = await self._repo.get(order_id)
        if order is None:
            raise OrderStateError(f"order {order_id} not found")
        async with self._locks.get(f"vessel:{order.vessel_id}"):
            async with self._locks.get(f"supplier:{supplier_id}"):
                await self._repo.set_status(order_id, "nominated", supplier_id=supplier_id)
                await self._session.commit()

    async def best_price(self, port_code: str, grade: str) -> Decimal | None:
        key = f"fw:bunker:price:{port_code}"
        cached = await self._redis.get(key)
        if cached is not None:
            return Decimal(cached)
        price = await self._lowest_recent_quote(port_code, grade)
        if price is not None:
            await self._redis.set(key, str(price), ex=BUNKER_PRICE_TTL)
        return price

    async def indicative(self, port_code: str) -> dict[str, str | None]:
        prices: dict[str, str | None] = {}
        for grade in GRADES:
            prices[grade] = await self._redis.get(bunker_price_key(port_code, grade))
        return prices

    async def _lowest_recent_quote(self, port_code: str, grade: str) -> Decimal | None:
        from sqlalchemy import func, select

        from fleetwise.db.models import SupplierQuote

        stmt = (
            select(func.min(SupplierQuote.price_usd_t))
            .join(BunkerOrder, BunkerOrder.id == SupplierQuote.order_id)
            .where(BunkerOrder.port_code == port_code, BunkerOrder.grade == grade,
                   SupplierQuote.valid_until > utcnow())
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()
