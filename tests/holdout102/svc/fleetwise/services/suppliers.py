from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.models import BunkerOrder, SupplierQuote
from fleetwise.cache.locks import KeyedLocks

log = logging.getLogger(__name__)


class SupplierService:
    """Supplier-side adjustments: a supplier revising prices on its open quotes."""

    def __init__(self, session: AsyncSession, locks: KeyedLocks) -> None:
        self._session = session
        self._locks = locks

    async def reprice(self, supplier_id: int, factor: Decimal) -> int:
        async with self._locks.get(f"supplier:{supplier_id}"):
            result = await self._session.execute(
                select(SupplierQuote, BunkerOrder)
                .join(BunkerOrder, BunkerOrder.id == SupplierQuote.order_id)
                .where(SupplierQuote.supplier_id == supplier_id, BunkerOrder.status.in_(("quoted", "nominated")))
            )
            changed = 0
            for quote, order in result.all():
                async with self._locks.get(f"vessel:{order.vessel_id}"):
                    quote.price_usd_t = (quote.price_usd_t * factor).quantize(Decimal("0.01"))
                    changed += 1
            await self._session.commit()
            return changed
