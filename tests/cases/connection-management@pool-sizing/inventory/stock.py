"""Stock queries and updates (sync: they run on FastAPI's threadpool)."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.models import Item


def find_item(db: Session, sku: str) -> Item | None:
    return db.get(Item, sku)


def page_of_items(db: Session, limit: int) -> list[Item]:
    return list(db.scalars(select(Item).order_by(Item.sku).limit(limit)))


def adjust_quantity(db: Session, item: Item, delta: int) -> Item:
    item.quantity += delta
    db.commit()
    db.refresh(item)
    return item
