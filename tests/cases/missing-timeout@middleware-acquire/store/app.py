from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from store.db import OrderRepository, pool

app = FastAPI()


@app.middleware("http")
async def request_timeout(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    try:
        return await asyncio.wait_for(call_next(request), timeout=15.0)
    except asyncio.TimeoutError:
        return JSONResponse({"error": "timeout"}, status_code=504)


@app.post("/orders/{order_id}/paid", status_code=204)
async def mark_paid(order_id: int) -> None:
    await OrderRepository(pool).mark_paid(order_id)


@app.get("/orders/{order_id}")
async def get_order(order_id: int) -> dict:
    return await OrderRepository(pool).get(order_id)
