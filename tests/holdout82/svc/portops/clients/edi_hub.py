from __future__ import annotations

import logging

import httpx

from portops.settings import Settings

log = logging.getLogger(__name__)


class EdiHubClient:
    """Outbound EDI to shipping lines (COARRI, CODECO) through the carriers' message hub."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.shipping_line_edi_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def push(self, recipient: str, message_type: str, body: str) -> str:
        response = await self._http.post(
            f"/v2/mailbox/{recipient}",
            content=body.encode("utf-8"),
            headers={"Content-Type": "application/edifact", "X-Message-Type": message_type},
        )
        response.raise_for_status()
        return response.headers.get("X-Delivery-Id", "")
