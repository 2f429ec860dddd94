"""The application: routes, and the handlers that turn domain errors into responses."""
from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from shop.errors import AppError
from shop.pricing import Item, PricingService, QuotaExceeded, Throttled

app = FastAPI()
service = PricingService()


async def app_error(request: Request, exc: AppError) -> JSONResponse:
    return JSONResponse({"error": exc.message}, status_code=exc.status_code)


async def throttled(request: Request, exc: Throttled) -> JSONResponse:
    return JSONResponse({"error": "slow down"}, status_code=429)


app.add_exception_handler(AppError, app_error)
app.add_exception_handler(Throttled, throttled)


@app.get("/price/{sku}")
async def price(sku: str, quantity: int = 1) -> dict:
    return {"price": await service.price(sku, quantity)}


@app.post("/reserve")
async def reserve(user: str, amount: int) -> dict:
    try:
        await service.reserve(user, amount)
    except QuotaExceeded:
        raise HTTPException(status_code=429, detail="quota exceeded") from None
    return {"ok": True}


@app.post("/carts/{cart_id}/checkout")
async def checkout(cart_id: str) -> dict:
    await service.checkout(cart_id)
    return {"ok": True}


@app.post("/items")
async def add_item(item: Item) -> dict:
    return {"sku": item.sku}


@app.get("/discount/{code}")
async def discount(code: str) -> dict:
    return {"discount": await service.discount(code)}


@app.get("/poll")
async def poll(user: str) -> dict:
    await service.poll(user)
    return {"ok": True}
