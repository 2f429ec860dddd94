from fastapi import APIRouter, Request

router = APIRouter(prefix="/orders")


@router.post("")
async def place(request: Request, symbol: str, quantity: int) -> dict:
    order_id = await request.app.state.orders.place_order(symbol, quantity)
    total = await request.app.state.orders.total()
    return {"id": order_id, "total": total}
