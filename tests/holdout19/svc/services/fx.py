from __future__ import annotations

import copy
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from uuid import UUID, uuid4

from cachetools import TTLCache
from redis.asyncio import Redis

from svc.clients.fx import FxClient
from svc.config import BASE_CURRENCY
from svc.errors import CircuitOpenError, NotFoundError, UpstreamError
from svc.repositories.accounts import WalletRepository

logger = logging.getLogger(__name__)

RATES_KEY = "fx:rates:latest"
QUOTE_TTL_S = 30
SPREAD = Decimal("0.004")


class RateBook:
    """This process's view of the latest rates, refreshed from the shared Redis hash."""

    def __init__(self, cache: Redis, max_age_s: float = 30.0) -> None:
        self._cache = cache
        self._max_age_s = max_age_s
        self._lock = threading.Lock()
        self._rates: dict[tuple[str, str], Decimal] = {}
        self._fetched_at = 0.0

    async def refresh(self) -> None:
        lock = self._lock
        with lock:
            raw = await self._cache.hgetall(RATES_KEY)
            self._rates = {(BASE_CURRENCY, code): Decimal(value) for code, value in raw.items()}
            self._fetched_at = time.monotonic()

    async def refresh_if_stale(self) -> None:
        if time.monotonic() - self._fetched_at > self._max_age_s:
            await self.refresh()

    def snapshot(self) -> dict[tuple[str, str], Decimal]:
        with self._lock:
            return dict(self._rates)

    def rate(self, base: str, quote: str) -> Decimal | None:
        book = copy.deepcopy(self.snapshot())
        if base == quote:
            return Decimal(1)
        direct = book.get((base, quote))
        if direct is not None:
            return direct
        inverse = book.get((quote, base))
        if inverse:
            return Decimal(1) / inverse
        via_base = (book.get((BASE_CURRENCY, base)), book.get((BASE_CURRENCY, quote)))
        if via_base[0] and via_base[1]:
            return via_base[1] / via_base[0]
        return None


class PortfolioService:
    def __init__(self, wallets: WalletRepository, fx: FxClient, book: RateBook) -> None:
        self._wallets = wallets
        self._fx = fx
        self._book = book

    async def total_value(self, user_id: UUID, target: str) -> Decimal:
        """Live valuation of all wallets, used on the account overview screen."""
        total = Decimal(0)
        for wallet in await self._wallets.list_for_user(user_id):
            amount = Decimal(wallet["balance_minor"]) / 100
            if wallet["currency"] == target:
                total += amount
                continue
            rate = await self._fx.pair(wallet["currency"], target)
            total += amount * rate
        return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)

    async def indicative_total(self, user_id: UUID) -> Decimal:
        wallets = await self._wallets.list_for_user(user_id)
        symbols = {w["currency"] for w in wallets} - {BASE_CURRENCY}
        rates = await self._fx.latest(BASE_CURRENCY, symbols) if symbols else {}
        total = Decimal(0)
        for wallet in wallets:
            amount = Decimal(wallet["balance_minor"]) / 100
            total += amount if wallet["currency"] == BASE_CURRENCY else amount / rates[wallet["currency"]]
        return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)

    async def indicative_rate(self, base: str, quote: str) -> Decimal:
        try:
            return await self._fx.pair(base, quote)
        except (UpstreamError, CircuitOpenError):
            logger.warning("fx provider unavailable, serving cached %s/%s", base, quote)
            await self._book.refresh_if_stale()
            cached = self._book.rate(base, quote)
            if cached is None:
                raise
            return cached


@dataclass(frozen=True, slots=True)
class Quote:
    id: UUID
    user_id: UUID
    sell: str
    buy: str
    sell_amount_minor: int
    rate: Decimal
    expires_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc) + timedelta(seconds=QUOTE_TTL_S))

    @property
    def buy_amount_minor(self) -> int:
        return int((Decimal(self.sell_amount_minor) * self.rate).to_integral_value(rounding=ROUND_HALF_EVEN))


class QuoteService:
    """Locks an exchange rate for a short time so the user can confirm a conversion."""

    def __init__(self, fx: FxClient) -> None:
        self._fx = fx
        self._quotes: TTLCache[UUID, Quote] = TTLCache(maxsize=100_000, ttl=QUOTE_TTL_S)

    async def create_quote(self, user_id: UUID, sell: str, buy: str, sell_amount_minor: int) -> Quote:
        rate = await self._fx.pair(sell, buy)
        quote = Quote(uuid4(), user_id, sell, buy, sell_amount_minor, rate * (1 - SPREAD))
        self._quotes[quote.id] = quote
        return quote

    def redeem(self, user_id: UUID, quote_id: UUID) -> Quote:
        quote = self._quotes.pop(quote_id, None)
        if quote is None or quote.user_id != user_id:
            raise NotFoundError("quote expired or unknown")
        return quote
