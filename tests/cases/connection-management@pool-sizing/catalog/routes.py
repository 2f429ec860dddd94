"""Catalog endpoints (sync)."""
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from catalog.db import get_db

router = APIRouter(prefix="/products")


@router.get("/{product_id}")
def get_product(product_id: int, db: Session = Depends(get_db)) -> dict:
    row = db.execute(text("SELECT id, title FROM products WHERE id = :id"), {"id": product_id}).first()
    return {"id": row.id, "title": row.title} if row else {}
