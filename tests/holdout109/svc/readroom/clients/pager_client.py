from __future__ import annotations

import httpx

from readroom.settings import get_settings


class PagerClient:
    """Hospital secure-messaging / paging gateway."""

    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url=get_settings().pager_base_url)

    async def page(self, recipient: str, message: str, *, priority: str = "high") -> str:
        resp = await self._client.post(
            "/pages", json={"recipient": recipient, "message": message, "priority": priority}
        )
        resp.raise_for_status()
        return resp.json()["page_id"]

    async def aclose(self) -> None:
        await self._client.aclose()
