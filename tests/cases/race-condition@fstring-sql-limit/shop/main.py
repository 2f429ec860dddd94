"""Orders API on asyncpg: cancellation and promo codes."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from shop.orders import OrderRepository, OrderService
from shop.promos import PromoService


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://db/shop")
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/orders/{order_id}/cancel")
async def cancel(order_id: int, request: Request) -> None:
    service = OrderService(OrderRepository(request.app.state.pool))
    await service.cancel(order_id)
    await service.cancel_guarded(order_id)
    await service.rename(order_id, "x")


@app.post("/promos/{code}")
async def redeem(code: str, subtotal: int, request: Request) -> int:
    promos = PromoService(request.app.state.pool)
    return await promos.redeem(code, subtotal) + await promos.redeem_atomic(code, subtotal)
