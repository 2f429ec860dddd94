from fastapi import APIRouter, Depends, WebSocket

from svc.db import DbDep, current_user

router = APIRouter(prefix="/orders", tags=["orders"])


@router.get("")
async def list_orders(db: DbDep) -> list:
    return [await db.fetch_user(1)]


@router.api_route("/{order_id}", methods=["GET", "DELETE"])
async def order_detail(order_id: int, user: dict = Depends(current_user)) -> dict:
    return {"id": order_id, "user": user}


@router.post("/export", dependencies=[Depends(current_user)])
def export_orders() -> dict:
    return {"queued": True}


@router.websocket("/ws/feed")
async def order_feed(websocket: WebSocket) -> None:
    await websocket.accept()
