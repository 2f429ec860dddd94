from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from matching.groups import donors_for, version_tuple

router = APIRouter()


class OrderIn(BaseModel):
    abo: str
    rh: str
    kind: str
    min_version: str


@router.post("/match")
async def match(order: OrderIn, context: dict[str, Any]) -> dict:
    allowed = donors_for(order.abo, order.rh, order.kind)
    actual = context.get("app_version")
    newer = version_tuple(str(actual)) >= version_tuple(str(order.min_version))
    return {"allowed": sorted(allowed), "newer": newer}
