from fastapi import FastAPI
from redis.asyncio import Redis

from shop.prices import banner
from shop.stock import StockService

app = FastAPI()
redis = Redis.from_url("redis://localhost")


class _Db:
    async def fetch(self, query: str, *args) -> list:
        return []


class _Remote:
    async def load_banner(self, slot: str) -> str:
        return ""


stock = StockService(redis, _Db())
remote = _Remote()


@app.get("/stock/{warehouse_id}")
async def levels(warehouse_id: int) -> dict:
    return await stock.levels(warehouse_id)


@app.get("/reservations/{order_id}")
async def reservation(order_id: int) -> dict | None:
    return await stock.reservation(order_id)


@app.post("/orders/{order_id}/hold")
async def hold(order_id: int) -> dict:
    return {"token": await stock.hold(order_id)}


@app.get("/banners/{slot}")
async def get_banner(slot: str) -> dict:
    return {"text": await banner(redis, remote, slot)}
