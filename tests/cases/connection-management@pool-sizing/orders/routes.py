"""Order lookups."""
from fastapi import APIRouter, HTTPException, Request

router = APIRouter(prefix="/orders")


@router.get("/{order_id}")
async def get_order(order_id: int, request: Request) -> dict:
    async with request.app.state.pool.acquire(timeout=5) as conn:
        row = await conn.fetchrow("SELECT id, status, total FROM orders WHERE id = $1", order_id)
    if row is None:
        raise HTTPException(status_code=404, detail="order not found")
    return dict(row)


@router.get("")
async def recent_orders(request: Request, limit: int = 20) -> list[dict]:
    async with request.app.state.pool.acquire(timeout=5) as conn:
        rows = await conn.fetch("SELECT id, status, total FROM orders ORDER BY id DESC LIMIT $1", limit)
    return [dict(row) for row in rows]
