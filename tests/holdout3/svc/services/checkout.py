"""Carts, two-step checkout quotes and short stock reservations."""
from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.tax import TaxClient
from svc.db.models import Buyer, Listing, Reservation
from svc.errors import DomainError, InsufficientStockError, NotFoundError
from svc.repositories.catalog import ListingRepository
from svc.services.pricing import CartLine, FeeCalculator, PricedCart, price_cart

_QUOTE_TTL = 600.0
_HOLD_MINUTES = 15


class RedisCartStore:
    """Buyer carts as Redis hashes (listing_id -> quantity), expiring after a week of inactivity."""

    def __init__(self, redis: Redis, ttl_seconds: int = 7 * 86400) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    @staticmethod
    def _key(buyer_id: int) -> str:
        return f"cart:{buyer_id}"

    async def lines(self, buyer_id: int) -> list[CartLine]:
        raw = await self._redis.hgetall(self._key(buyer_id))
        return [CartLine(listing_id=int(k), quantity=int(v)) for k, v in raw.items()]

    async def set_line(self, buyer_id: int, listing_id: int, quantity: int) -> None:
        key = self._key(buyer_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            if quantity <= 0:
                pipe.hdel(key, str(listing_id))
            else:
                pipe.hset(key, str(listing_id), quantity)
            pipe.expire(key, self._ttl)
            await pipe.execute()

    async def clear(self, buyer_id: int) -> None:
        await self._redis.delete(self._key(buyer_id))


@dataclass
class CheckoutQuote:
    quote_id: str
    buyer_id: int
    priced: PricedCart
    expires_at: float


class CheckoutService:
    """Quote (prices, tax and fees, valid ten minutes), then confirm. Shared instance."""

    def __init__(self, carts: RedisCartStore, tax: TaxClient, fees: FeeCalculator) -> None:
        self._carts = carts
        self._tax = tax
        self._fees = fees
        self._quotes: dict[str, CheckoutQuote] = {}

    async def quote(self, session: AsyncSession, buyer_id: int) -> CheckoutQuote:
        lines = await self._carts.lines(buyer_id)
        if not lines:
            raise DomainError("cart is empty", code="empty_cart")
        buyer = await session.get(Buyer, buyer_id)
        if buyer is None:
            raise NotFoundError("buyer not found")
        found = await ListingRepository(session).by_ids([line.listing_id for line in lines])
        listings = {listing.id: listing for listing in found}
        missing = [line.listing_id for line in lines if line.listing_id not in listings]
        if missing:
            raise DomainError(f"listings no longer available: {missing}", code="unavailable")
        priced = price_cart(lines, listings, buyer, self._fees, self._tax)
        quote = CheckoutQuote(uuid.uuid4().hex, buyer_id, priced, time.monotonic() + _QUOTE_TTL)
        self._quotes[quote.quote_id] = quote
        return quote

    def take_quote(self, quote_id: str, buyer_id: int) -> CheckoutQuote:
        quote = self._quotes.pop(quote_id, None)
        if quote is None or quote.buyer_id != buyer_id or quote.expires_at < time.monotonic():
            raise NotFoundError("quote not found or expired")
        return quote


class ReservationService:
    """Holds stock for a buyer for fifteen minutes while they pay."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._lock = asyncio.Lock()

    async def reserve(self, listing_id: int, buyer_id: int, quantity: int) -> Reservation:
        async with self._lock:
            await self.release_expired(listing_id)
            async with self._sessions() as session:
                held = await session.scalar(
                    select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
                        Reservation.listing_id == listing_id
                    )
                )
                listing = await session.get(Listing, listing_id)
                if listing is None:
                    raise NotFoundError(f"listing {listing_id} not found")
                if listing.quantity - int(held or 0) < quantity:
                    raise InsufficientStockError("not enough stock to reserve")
                reservation = Reservation(
                    listing_id=listing_id,
                    buyer_id=buyer_id,
                    quantity=quantity,
                    expires_at=datetime.now(UTC) + timedelta(minutes=_HOLD_MINUTES),
                )
                session.add(reservation)
                await session.commit()
                return reservation

    async def release_expired(self, listing_id: int | None = None) -> int:
        """Drop expired holds (optionally for one listing). Also run by the arq cron job."""
        async with self._lock, self._sessions() as session:
            stmt = delete(Reservation).where(Reservation.expires_at < datetime.now(UTC))
            if listing_id is not None:
                stmt = stmt.where(Reservation.listing_id == listing_id)
            result = await session.execute(stmt)
            await session.commit()
            return result.rowcount or 0
