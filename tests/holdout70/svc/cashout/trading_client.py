"""Trading desk pricing API: fair value of an open bet for cash-out."""
from __future__ import annotations

import httpx

from svc.config import get_settings


class TradingUnavailable(Exception):
    pass


class TradingClient:
    def __init__(self, base_url: str | None = None) -> None:
        self._base_url = base_url or get_settings().trading_url

    async def fair_value(self, bet_id: int, legs: list[dict]) -> float:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=8.0) as client:
            try:
                resp = await client.post("/fair-value", json={"bet_id": bet_id, "legs": legs})
                resp.raise_for_status()
            except httpx.HTTPError as exc:
                raise TradingUnavailable(str(exc)) from exc
            return float(resp.json()["fair_value"])

    async def market_status(self, client: httpx.AsyncClient, selection_ids: list[int]) -> dict[int, str]:
        resp = await client.post(f"{self._base_url}/status", json={"ids": selection_ids})
        resp.raise_for_status()
        return {int(k): v for k, v in resp.json().items()}
