import asyncpg
from fastapi import FastAPI

from warehouse.orders import OrderService
from warehouse.stock import StockRepository

app = FastAPI()


class Carriers:
    async def quote(self, sku: str, qty: int) -> float: return 1.0


@app.on_event("startup")
async def start() -> None:
    app.state.orders = OrderService(StockRepository(await asyncpg.create_pool("postgresql://localhost/wh")), Carriers())


@app.post("/orders")
async def place(sku: str, qty: int) -> None:
    await app.state.orders.place(sku, qty)
    await app.state.orders.place_atomic(sku, qty)
