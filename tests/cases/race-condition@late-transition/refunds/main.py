import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from refunds.service import RefundService

app = FastAPI()
service = RefundService(async_sessionmaker(create_async_engine("postgresql+asyncpg://db/shop")),
                        httpx.AsyncClient(base_url="https://pay.example.com"))


@app.post("/orders/{order_id}/refund")
async def refund(order_id: int) -> None:
    await service.refund(order_id)
    await service.refund_claimed(order_id)
    await service.mark_disputed(order_id)
