from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from app.database import DataManager
from app.services.orders import OrderService

router = APIRouter(prefix="/orders")


class OrderOut(BaseModel):
    id: int
    symbol: str


def get_dm(request: Request) -> DataManager:
    return request.app.state.dm


def get_service(request: Request) -> OrderService:
    return request.app.state.orders


@router.post("")
async def place(symbol: str, svc: OrderService = Depends(get_service)) -> dict:
    return {"id": await svc.place_order(symbol)}


@router.delete("/{order_id}")
async def cancel(order_id: int, dm: DataManager = Depends(get_dm)) -> dict:
    await dm.cancel_order(order_id)  # expect: tight-coupling
    return {"cancelled": order_id}


@router.get("")
async def list_all(dm: DataManager = Depends(get_dm)) -> list[dict]:
    rows = await dm.list_orders()
    return [row._asdict() for row in rows]
