"""A stateless service kept as a module singleton; its methods mutate the rows they are
given, whose parameter and loop names happen to match the singleton's name."""
from dataclasses import dataclass

from fastapi import APIRouter


@dataclass
class Order:
    id: int
    status: str = "new"


class OrderService:
    def cancel(self, order: Order) -> Order:
        order.status = "cancelled"
        return order

    def close_all(self, orders: list[Order]) -> None:
        for order in orders:
            order.status = "closed"


order = OrderService()
router = APIRouter()


@router.post("/orders/{order_id}/cancel")
async def cancel(order_id: int) -> dict:
    return {"status": order.cancel(Order(order_id)).status}
