from typing import Any

from fastapi import APIRouter

from shop.orders import place_order

router = APIRouter(prefix="/orders")


@router.post("")
async def create_order(user_id: int, items: list[int]) -> dict[str, Any]:
    return await place_order(user_id, items)
