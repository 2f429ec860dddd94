"""Order API."""
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from orders.service import OrderService

engine = create_async_engine("postgresql+asyncpg://localhost/orders")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def session():
    async with Sessions() as s:
        yield s


def service(s: AsyncSession = Depends(session)) -> OrderService:
    return OrderService(s)


@app.post("/orders/{order_id}/cancel")
async def cancel(order_id: int, svc: OrderService = Depends(service)) -> dict:
    await svc.cancel(order_id)
    await svc.cancel_locked(order_id)
    await svc.ship(order_id)
    await svc.annotate(order_id, "x")
    await svc.pay_invoice(order_id)
    return {"ok": True}
