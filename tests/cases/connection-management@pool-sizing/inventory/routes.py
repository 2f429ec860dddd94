"""Inventory endpoints: plain `def`, so FastAPI runs them in its threadpool."""
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from inventory import stock
from inventory.db import get_db

router = APIRouter(prefix="/items")


@router.get("/{sku}")
def read_item(sku: str, db: Session = Depends(get_db)) -> dict:
    item = stock.find_item(db, sku)
    if item is None:
        raise HTTPException(status_code=404, detail="unknown sku")
    return {"sku": item.sku, "name": item.name, "quantity": item.quantity}


@router.get("")
def list_items(limit: int = 50, db: Session = Depends(get_db)) -> list[dict]:
    return [{"sku": i.sku, "quantity": i.quantity} for i in stock.page_of_items(db, limit)]


@router.post("/{sku}/adjust")
def adjust(sku: str, delta: int, db: Session = Depends(get_db)) -> dict:
    item = stock.find_item(db, sku)
    if item is None:
        raise HTTPException(status_code=404, detail="unknown sku")
    item = stock.adjust_quantity(db, item, delta)
    return {"sku": item.sku, "quantity": item.quantity}
