from __future__ import annotations

from dataclasses import dataclass

import httpx

from telco.utils.retry import retry_async


@dataclass
class FraudScore:
    risk: float
    decision: str
    reasons: list[str]


class FraudClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._headers = {"X-Api-Key": api_key}

    async def score(self, payload: dict) -> FraudScore:
        async def attempt() -> httpx.Response:
            async with httpx.AsyncClient(base_url=self._base_url, headers=self._headers, timeout=3.0) as client:
                response = await client.post("/v1/score", json=payload)
                response.raise_for_status()
                return response

        response = await retry_async(attempt, attempts=3, base_delay=0.5)
        body = response.json()
        return FraudScore(risk=float(body["risk"]), decision=body["decision"], reasons=body.get("reasons", []))
