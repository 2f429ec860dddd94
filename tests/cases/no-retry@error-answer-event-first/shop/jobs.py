from __future__ import annotations

from shop.courier import CourierLink, InvoiceFeed
from shop.marketplace import MarketplaceApi

market = MarketplaceApi("https://market.example.com")
courier = CourierLink("https://courier.example.com")
invoices = InvoiceFeed("https://ledger.example.com")


async def after_packing(order_ref: str, sku: str, left: int, tracking: str, parcel: str, depot: str) -> None:
    await market.replace_stock(sku, left)
    await market.order_shipped(order_ref, tracking)
    await courier.set_pickup_window(depot, {"from": "09:00", "to": "12:00"})
    await courier.book_collection(parcel, depot)
    await invoices.invoice_issued(order_ref)
