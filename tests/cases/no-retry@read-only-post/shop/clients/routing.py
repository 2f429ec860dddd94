"""The route solver: orders the stops of a delivery (a POST that only computes an answer)."""
from __future__ import annotations

import httpx

_solver = httpx.AsyncClient(base_url="http://solver.internal:8080", timeout=10.0)


async def delivery_order(stops: list[dict]) -> list[str]:
    response = await _solver.post("/v2/solve", json={"jobs": stops})  # expect: no-retry
    response.raise_for_status()
    return [step["job_id"] for step in response.json()["steps"]]


async def book_slot(stop_id: str) -> str:
    response = await _solver.post("/v2/slots", json={"stop": stop_id})
    response.raise_for_status()
    return response.json()["slot"]
