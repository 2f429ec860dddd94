from __future__ import annotations

import httpx

_http = httpx.AsyncClient(base_url="http://renderer.internal", timeout=10.0)


async def render_report(report_id: int) -> None:
    response = await _http.post(f"/v1/reports/{report_id}/render")
    response.raise_for_status()
