"""Order endpoints."""
import asyncpg
import httpx
from fastapi import APIRouter, Request

from shop.db import export

router = APIRouter(prefix="/orders")


@router.post("/{order_id}/fill")
async def fill(order_id: int, request: Request) -> dict:
    await request.app.state.store.fill(order_id)
    return {"ok": True}


@router.post("/{order_id}/cancel")
async def cancel(order_id: int, request: Request) -> dict:
    await request.app.state.store.cancel(order_id)
    return {"count": await request.app.state.store.count()}


@router.get("/report")
async def report() -> list:
    pool = await asyncpg.create_pool("postgresql://shop@db/shop", command_timeout=30)  # expect: connection-management
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetch("SELECT * FROM orders")


@router.get("/rates")
async def rates() -> dict:
    async with httpx.AsyncClient(timeout=5) as client:  # expect: connection-management
        return (await client.get("https://rates.example.com/latest")).json()


@router.get("/rates/eur")
async def eur_rate() -> dict:
    async with httpx.AsyncClient(timeout=5) as client:
        return (await client.get("https://rates.example.com/eur")).json()


@router.get("/shared")
async def shared(request: Request) -> dict:
    return (await request.app.state.http.get("https://rates.example.com/usd")).json()


@router.get("/export")
async def export_orders() -> list:
    return await export("postgresql://shop@db/shop")
