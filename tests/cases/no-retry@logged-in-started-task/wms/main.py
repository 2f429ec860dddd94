"""Warehouse API."""
from __future__ import annotations

from fastapi import FastAPI

from .shipping import ShippingService
from .storefront import StorefrontClient

app = FastAPI()
shipping = ShippingService(StorefrontClient("https://shop.example"))


@app.post("/shipments/{shop_id}/{order_ref}/label")
async def label(shop_id: str, order_ref: str) -> dict:
    return await shipping.print_label(shop_id, order_ref)


@app.post("/shipments/{shop_id}/{order_ref}/preview")
async def preview(shop_id: str, order_ref: str) -> dict:
    await shipping.refresh_preview(shop_id, order_ref)
    return {"status": "refreshing"}
