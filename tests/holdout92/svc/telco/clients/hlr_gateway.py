from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from telco.clients.circuit import CircuitBreaker
from telco.utils.retry import retry_async

logger = logging.getLogger(__name__)


@dataclass
class HlrProfile:
    imsi: str
    msisdn: str
    barred: bool
    services: list[str]


class HlrGatewayClient:
    """Provisioning gateway in front of the HLR/HSS (REST facade over MAP/Diameter)."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"X-Api-Key": api_key},
            timeout=httpx.Timeout(8.0, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("hlr", failure_threshold=5, reset_after=20.0)

    async def close(self) -> None:
        await self._http.aclose()

    async def _call(self, method: str, path: str, json: dict | None = None) -> dict:
        self._breaker.before_call()

        async def attempt() -> httpx.Response:
            response = await self._http.request(method, path, json=json)
            response.raise_for_status()
            return response

        try:
            response = await retry_async(attempt, attempts=3, base_delay=0.3)
        except httpx.HTTPError:
            self._breaker.record_failure()
            raise
        self._breaker.record_success()
        return response.json() if response.content else {}

    async def provision_sim(self, imsi: str, msisdn: str, ki_ref: str, services: list[str]) -> dict:
        return await self._call(
            "POST", "/v1/subscribers", {"imsi": imsi, "msisdn": msisdn, "kiRef": ki_ref, "services": services}
        )

    async def set_barring(self, imsi: str, barred: bool) -> dict:
        return await self._call("PUT", f"/v1/subscribers/{imsi}/barring", {"outgoing": barred})

    async def change_msisdn(self, imsi: str, msisdn: str) -> dict:
        return await self._call("PUT", f"/v1/subscribers/{imsi}/msisdn", {"msisdn": msisdn})

    async def delete_subscriber(self, imsi: str) -> dict:
        return await self._call("DELETE", f"/v1/subscribers/{imsi}")

    async def get_profile(self, imsi: str) -> HlrProfile:
        data = await self._call("GET", f"/v1/subscribers/{imsi}")
        return HlrProfile(
            imsi=data["imsi"], msisdn=data["msisdn"], barred=data.get("barred", False),
            services=list(data.get("services", [])),
        )

    async def list_imsis(self, cursor: str | None = None) -> tuple[list[str], str | None]:
        params = {"cursor": cursor} if cursor else {}
        self._breaker.before_call()
        response = await self._http.get("/v1/subscribers", params=params)
        response.raise_for_status()
        body = response.json()
        return body["imsis"], body.get("next")
