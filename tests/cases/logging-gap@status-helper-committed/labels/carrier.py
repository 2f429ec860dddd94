from __future__ import annotations

import httpx


class CarrierRefused(Exception):
    pass


class CarrierClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://carrier.example", timeout=10.0)

    async def buy_label(self, shipment_id: int, weight_g: int) -> str:
        resp = await self._http.post("/labels", json={"ref": shipment_id, "weight": weight_g})
        if resp.status_code == 422:
            raise CarrierRefused(resp.json().get("reason", "refused"))
        resp.raise_for_status()
        return resp.json()["label_url"]
