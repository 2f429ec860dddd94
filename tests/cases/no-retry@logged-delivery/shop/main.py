import logging
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from shop.hooks import Analytics, Loyalty, MerchantHooks, Receipts

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(timeout=5.0)
    app.state.hooks = MerchantHooks(http)
    app.state.analytics = Analytics(httpx.AsyncClient(base_url="https://analytics.example.com", timeout=2.0))
    app.state.loyalty = Loyalty(httpx.AsyncClient(base_url="https://loyalty.example.com", timeout=2.0))
    app.state.receipts = Receipts(httpx.AsyncClient(base_url="https://mail.example.com", timeout=5.0))
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/orders")
async def place(request: Request, customer_id: int, email: str, merchant_url: str, secret: str) -> dict:
    order_id = 1
    hooks: MerchantHooks = request.app.state.hooks
    try:
        await hooks.order_placed(merchant_url, secret, {"order": order_id})
    except httpx.HTTPError:
        log.warning("merchant webhook failed for order %s", order_id, exc_info=True)
    analytics: Analytics = request.app.state.analytics
    try:
        await analytics.track("order.placed", order_id)
    except httpx.HTTPError:
        log.info("analytics event dropped")
    loyalty: Loyalty = request.app.state.loyalty
    try:
        award = await loyalty.award(customer_id, 10)
    except httpx.HTTPError:
        log.warning("loyalty unavailable")
        award = None
    receipts: Receipts = request.app.state.receipts
    await receipts.send(order_id, email)
    return {"order": order_id, "award": award}
