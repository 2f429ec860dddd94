from fastapi import APIRouter

from shop.errors import NotFound

router = APIRouter(prefix="/orders")
ORDERS: dict[int, dict] = {}


@router.get("/{order_id}")
async def get_order(order_id: int) -> dict:
    order = ORDERS.get(order_id)
    if order is None:
        raise NotFound(f"no order {order_id}")
    return order
