from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/orders")
_ORDERS: dict[int, dict] = {}


@router.get("")
async def list_orders() -> list[dict]:
    return list(_ORDERS.values())


@router.post("")
async def create_order(order: dict) -> dict:  # expect: low-coverage
    order_id = len(_ORDERS) + 1
    _ORDERS[order_id] = {"id": order_id, **order}
    return _ORDERS[order_id]


@router.delete("/{order_id}")
async def cancel_order(order_id: int) -> dict:
    if order_id not in _ORDERS:
        raise HTTPException(404, "no such order")
    return _ORDERS.pop(order_id)


@router.post("/{order_id}/fills")
async def report_fill(order_id: int, quantity: int) -> dict:
    order = _ORDERS[order_id]
    order["filled"] = order.get("filled", 0) + quantity
    if order["filled"] >= order.get("quantity", 0):
        order["status"] = "filled"
    return order
