import asyncio

from fastapi import FastAPI

from shop.catalog import refresh_catalog
from shop.mail import send_email

app = FastAPI()


@app.post("/orders/{order_id}/complete")
async def complete(order_id: int, email: str) -> dict[str, int]:
    asyncio.create_task(send_email(email, "Order complete", f"<p>Order {order_id}</p>"))
    return {"order_id": order_id}


@app.post("/catalog/refresh")
async def refresh() -> dict[str, bool]:
    asyncio.create_task(refresh_catalog())
    return {"scheduled": True}
