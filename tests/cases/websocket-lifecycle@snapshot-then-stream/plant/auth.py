"""Operator credentials."""
from __future__ import annotations

from fastapi import WebSocket


async def operator_for(websocket: WebSocket) -> str | None:
    token = websocket.query_params.get("token")
    return "operator" if token == "expected" else None
