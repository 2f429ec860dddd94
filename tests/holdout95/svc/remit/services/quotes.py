"""FX quotes: ask both liquidity providers, keep the better rate for a short window."""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from redis.asyncio import Redis

from ..clients.fx import AlphaFxClient, BetaFxClient
from ..errors import NotFound, QuoteExpired
from ..models import Quote, QuoteStatus
from ..repositories.quotes import QuoteRepository
from ..utils.resilience import CircuitBreaker
from .fees import FeeCalculator

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProviderRate:
    provider: str
    rate: Decimal
    valid_for: int


class QuoteService:
    def __init__(
        self,
        alpha: AlphaFxClient,
        beta: BetaFxClient,
        redis: Redis,
        fees: FeeCalculator,
        ttl_seconds: int,
    ) -> None:
        self._alpha = alpha
        self._beta = beta
        self._redis = redis
        self._fees = fees
        self._ttl = ttl_seconds
        self._alpha_breaker = CircuitBreaker("fx-alpha", failure_threshold=5, reset_after=20)
        self._issued: dict[uuid.UUID, Quote] = {}

    async def _alpha_rate(self, source: str, target: str, amount: Decimal) -> ProviderRate:
        q = await self._alpha_breaker.call(lambda: self._alpha.quote(source, target, amount))
        return ProviderRate("alpha", q.rate, q.valid_for)

    async def _beta_rate(self, source: str, target: str, amount: Decimal) -> ProviderRate:
        q = await self._beta.quote(source, target, amount)
        return ProviderRate("beta", q.rate, q.valid_for)

    async def best_quote(
        self, repo: QuoteRepository, sender_id: uuid.UUID, corridor: str, method: str,
        source: str, target: str, amount: Decimal,
    ) -> Quote:
        alpha, beta = await asyncio.gather(
            self._alpha_rate(source, target, amount), self._beta_rate(source, target, amount)
        )
        best = max((alpha, beta), key=lambda r: r.rate)
        await self._redis.set(f"fx:indicative:{source}{target}", str(best.rate))
        valid_for = min(best.valid_for, self._ttl)
        quote = Quote(
            sender_id=sender_id,
            provider=best.provider,
            source_currency=source,
            target_currency=target,
            source_amount=amount,
            rate=best.rate,
            fee=self._fees.compute(corridor, method, amount, source),
            status=QuoteStatus.OPEN,
            expires_at=datetime.now(timezone.utc) + timedelta(seconds=valid_for),
        )
        await repo.add(quote)
        self._issued[quote.id] = quote
        await self._redis.set(
            f"quote:{quote.id}",
            json.dumps({"rate": str(quote.rate), "provider": quote.provider}),
            ex=valid_for,
        )
        return quote

    async def indicative_rate(self, source: str, target: str) -> Decimal | None:
        value = await self._redis.get(f"fx:indicative:{source}{target}")
        return Decimal(value) if value else None

    async def accept(self, repo: QuoteRepository, quote_id: uuid.UUID, sender_id: uuid.UUID) -> Quote:
        quote = self._issued.get(quote_id) or await repo.get(quote_id)
        if quote is None or quote.sender_id != sender_id:
            raise NotFound("quote not found")
        now = datetime.now(timezone.utc)
        if quote.expires_at > now:
            raise QuoteExpired("quote has expired, request a new one")
        if quote.status != QuoteStatus.OPEN:
            raise QuoteExpired("quote already used")
        await repo.mark_accepted(quote_id)
        quote.status = QuoteStatus.ACCEPTED
        return quote
