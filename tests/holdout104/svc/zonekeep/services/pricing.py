from __future__ import annotations

from decimal import Decimal


from cachetools import TTLCache
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.registry_rest import RegistryRestClient
from zonekeep.core.errors import NotFound
from zonekeep.models import TldPrice

MARKUP = Decimal("1.15")

_live_quotes: TTLCache = TTLCache(maxsize=512, ttl=300)


class PricingService:
    def __init__(self, session: AsyncSession, registry: RegistryRestClient) -> None:
        self._session = session
        self._registry = registry

    async def price_for(self, tld: str, operation: str) -> Decimal:
        stmt = select(TldPrice.amount).where(TldPrice.tld == tld, TldPrice.operation == operation)
        amount = (await self._session.execute(stmt)).scalar_one_or_none()
        if amount is None:
            raise NotFound(f"no {operation} price for .{tld}")
        return amount

    async def price_map(self, tlds: set[str], operation: str) -> dict[str, Decimal]:
        stmt = select(TldPrice.tld, TldPrice.amount).where(
            TldPrice.tld.in_(sorted(tlds)), TldPrice.operation == operation
        )
        return {tld: amount for tld, amount in (await self._session.execute(stmt)).all()}

    async def quote(self, tld: str, operation: str) -> Decimal:
        """Registry list price plus markup; registry prices change without notice."""
        key = (tld, operation)
        if key in _live_quotes:
            return _live_quotes[key]
        wholesale = await self._registry.price(tld, operation)
        retail = (wholesale * MARKUP).quantize(Decimal("0.01"))
        _live_quotes[key] = retail
        return retail

