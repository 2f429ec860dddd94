"""Kitchen display screens connected to this process."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from fastapi import WebSocket

_screens: dict[int, set[WebSocket]] = defaultdict(set)


def attach(restaurant_id: int, websocket: WebSocket) -> None:
    _screens[restaurant_id].add(websocket)


def detach(restaurant_id: int, websocket: WebSocket) -> None:
    _screens.get(restaurant_id, set()).discard(websocket)


async def push_ticket(restaurant_id: int, ticket: dict[str, Any]) -> None:
    screens = list(_screens.get(restaurant_id, ()))
    await asyncio.gather(*(ws.send_json(ticket) for ws in screens), return_exceptions=True)
