from __future__ import annotations

from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    name: str
