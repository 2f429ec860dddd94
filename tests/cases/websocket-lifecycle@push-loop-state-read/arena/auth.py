"""Referee credentials."""
from __future__ import annotations

from fastapi import WebSocket


async def referee_for_match(websocket: WebSocket, match_id: int) -> str | None:
    token = websocket.query_params.get("token")
    return "ref" if token and token.endswith(str(match_id)) else None
