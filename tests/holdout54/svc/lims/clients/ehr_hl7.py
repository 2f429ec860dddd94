"""HL7 v2 over HTTP delivery to clinic EHR interface engines."""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


class Hl7DeliveryError(Exception):
    def __init__(self, endpoint: str, status: int | None, detail: str) -> None:
        super().__init__(f"{endpoint}: {status} {detail}")
        self.endpoint = endpoint
        self.status = status


class Hl7HttpClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def send(self, endpoint: str, message: str) -> str:
        try:
            resp = await self._client.post(
                endpoint,
                content=message.encode("utf-8"),
                headers={"Content-Type": "x-application/hl7-v2+er7"},
            )
        except httpx.TransportError as exc:
            raise Hl7DeliveryError(endpoint, None, type(exc).__name__) from exc
        if resp.status_code >= 300:
            raise Hl7DeliveryError(endpoint, resp.status_code, resp.text[:200])
        ack = resp.text
        if "MSA|AA" not in ack and "MSA|CA" not in ack:
            raise Hl7DeliveryError(endpoint, resp.status_code, "negative acknowledgement")
        return ack
