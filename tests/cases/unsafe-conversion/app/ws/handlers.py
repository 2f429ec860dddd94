"""Message handling called from the websocket loop: the conversion sits one call down."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import WebSocket


async def apply_order(websocket: WebSocket, message: dict[str, Any]) -> None:
    quantity = Decimal(str(message["quantity"]))  # expect: unsafe-conversion
    await websocket.send_json({"accepted": str(quantity)})


def format_price(value: Any) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))
