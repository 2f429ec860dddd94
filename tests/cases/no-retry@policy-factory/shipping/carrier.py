"""Carrier labels: created and voided through the shared retry policy."""
import httpx

from shipping.resilience import http_retry


class CarrierClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @http_retry()
    async def create_label(self, shipment_id: int, key: str) -> dict:
        resp = await self._http.post("/labels", json={"shipment": shipment_id}, headers={"Idempotency-Key": key})
        resp.raise_for_status()
        return resp.json()

    @http_retry(attempts=5)
    async def void_label(self, label_id: str) -> None:
        resp = await self._http.delete(f"/labels/{label_id}")
        resp.raise_for_status()

    async def track(self, label_id: str) -> dict:
        resp = await self._http.get(f"/labels/{label_id}/events")  # expect: no-retry
        resp.raise_for_status()
        return resp.json()
