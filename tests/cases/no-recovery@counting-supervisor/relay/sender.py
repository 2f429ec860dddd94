from __future__ import annotations

import httpx

_http = httpx.AsyncClient(base_url="http://hooks.internal", timeout=5.0)


async def deliver(payload: bytes) -> None:
    response = await _http.post("/v1/events", content=payload)
    response.raise_for_status()
