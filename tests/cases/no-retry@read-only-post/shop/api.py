from __future__ import annotations

from fastapi import FastAPI

from shop.clients import orders, ranking, routing

app = FastAPI()


@app.get("/items/{item_id}/recommended")
async def recommended(item_id: int, user_id: int) -> list[int]:
    similar = await ranking.similar_items(item_id)
    await ranking.item_title(item_id)
    return await ranking.ranked_items(user_id, similar)


@app.get("/orders/{order_id}")
async def status(order_id: int) -> dict:
    return {"status": await orders.order_status(order_id)}


@app.post("/orders")
async def create(user_id: int, items: list[int]) -> dict:
    return {"id": await orders.place_order(user_id, items)}


@app.post("/deliveries/plan")
async def plan(stops: list[dict]) -> dict:
    return {"order": await routing.delivery_order(stops)}


@app.post("/deliveries/{stop_id}/slot")
async def slot(stop_id: str) -> dict:
    return {"slot": await routing.book_slot(stop_id)}
