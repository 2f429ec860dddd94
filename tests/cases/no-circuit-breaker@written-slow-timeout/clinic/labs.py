"""Reference lab orders: one client per order, with its own long read limit."""
from __future__ import annotations

import httpx

LAB_URL = "https://lab.example.net"


async def place_order(sample_ref: str, panel: str) -> str:
    async with httpx.AsyncClient(base_url=LAB_URL, timeout=httpx.Timeout(20.0, connect=2.0)) as lab:
        reply = await lab.post("/orders", json={"sample": sample_ref, "panel": panel})  # expect: no-circuit-breaker
    reply.raise_for_status()
    return reply.json()["order_id"]


async def send_result_copy(callback_url: str, result: dict) -> int:
    """Look-alike: each practice registers its own callback URL, so there is no one service to break."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(20.0)) as http:
        reply = await http.post(callback_url, json=result)
    return reply.status_code
