from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from fieldops.cache.store import JsonCache
from fieldops.clients.supplier_catalog import SupplierCatalogClient
from fieldops.db.models import Customer, Part, Quote
from fieldops.errors import Conflict, NotFound
from fieldops.repositories.inventory import InventoryRepository
from fieldops.repositories.invoices import QuoteRepository
from fieldops.services.pricing import labour_cost, part_price
from fieldops.utils.formatting import quantize
from fieldops.utils.timeutil import utcnow

QUOTE_VALIDITY = timedelta(days=30)


class QuoteService:
    def __init__(
        self,
        quotes: QuoteRepository,
        inventory: InventoryRepository,
        supplier: SupplierCatalogClient,
        cache: JsonCache,
    ) -> None:
        self._quotes = quotes
        self._inventory = inventory
        self._supplier = supplier
        self._cache = cache

    async def _price_for(self, customer: Customer, part: Part) -> Decimal:
        cache_key = f"fo:price:{part.account_id}:{part.id}"
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return Decimal(cached)
        price = part_price(part.list_price, customer.discount_pct)
        await self._cache.set(cache_key, str(price), ttl=900)
        return price

    async def build(self, customer: Customer, work_order_id: int, items: list[dict], hours: float,
                    emergency: bool = False) -> dict:
        parts = await self._inventory.parts_by_skus(customer.account_id, [item["sku"] for item in items])
        missing = [item["sku"] for item in items if item["sku"] not in parts]
        if missing:
            raise NotFound("unknown parts", details={"skus": missing})
        supplier_skus = [p.supplier_sku for p in parts.values() if p.supplier_sku]
        availability = await self._supplier.availability(supplier_skus) if supplier_skus else {}

        lines, total = [], Decimal("0")
        for item in items:
            part = parts[item["sku"]]
            unit = await self._price_for(customer, part)
            total += unit * item["qty"]
            lines.append({
                "sku": part.sku,
                "qty": item["qty"],
                "unit_price": str(unit),
                "in_stock_at_supplier": availability.get(part.supplier_sku, 0) >= item["qty"],
            })
        total += labour_cost(hours, emergency)
        quote = await self._quotes.add(
            Quote(work_order_id=work_order_id, status="draft", total=quantize(total), expires_at=utcnow() + QUOTE_VALIDITY)
        )
        return {"id": quote.id, "total": str(quote.total), "lines": lines}

    async def accept(self, quote_id: int) -> None:
        quote = await self._quotes.get(quote_id)
        if quote is None:
            raise NotFound("quote not found")
        if quote.expires_at is not None and quote.expires_at < utcnow():
            raise Conflict("quote expired")
        if not await self._quotes.mark_accepted(quote_id, utcnow()):
            raise Conflict("quote is not open")

    async def decline(self, quote_id: int) -> None:
        if not await self._quotes.mark_declined(quote_id):
            raise Conflict("quote is not open")
