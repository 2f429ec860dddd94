"""Liquidity providers: Alpha Liquidity (primary, OAuth2) and Beta Markets (secondary, API key)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from ..utils.resilience import retry_async

_token: dict[str, Any] = {"value": None, "expires": 0.0}
_token_lock = threading.Lock()


class AlphaQuote:
    def __init__(self, rate: Decimal, quote_ref: str, valid_for: int) -> None:
        self.rate = rate
        self.quote_ref = quote_ref
        self.valid_for = valid_for


class AlphaFxClient:
    provider = "alpha"

    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(4.0, connect=2.0))
        self._client_id = client_id
        self._client_secret = client_secret

    async def _access_token(self) -> str:
        with _token_lock:
            if _token["value"] and _token["expires"] > time.time() + 30:
                return _token["value"]
            resp = await self._http.post(
                "/oauth/token",
                data={"grant_type": "client_credentials", "client_id": self._client_id,
                      "client_secret": self._client_secret},
            )
            resp.raise_for_status()
            body = resp.json()
            _token["value"] = body["access_token"]
            _token["expires"] = time.time() + body["expires_in"]
            return _token["value"]

    async def quote(self, source: str, target: str, amount: Decimal) -> AlphaQuote:
        token = await self._access_token()

        async def _call() -> httpx.Response:
            resp = await self._http.post(
                "/quotes",
                json={"sell": source, "buy": target, "sell_amount": str(amount)},
                headers={"Authorization": f"Bearer {token}"},
            )
            resp.raise_for_status()
            return resp

        resp = await retry_async(_call, attempts=3)
        body = resp.json()
        return AlphaQuote(Decimal(body["rate"]), body["quote_id"], int(body["valid_seconds"]))

    async def aclose(self) -> None:
        await self._http.aclose()


@dataclass(frozen=True)
class BetaQuote:
    rate: Decimal
    quote_ref: str
    valid_for: int


class BetaFxClient:
    provider = "beta"

    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key})

    async def quote(self, source: str, target: str, amount: Decimal) -> BetaQuote:
        resp = await self._http.get("/v1/rates", params={"pair": f"{source}{target}", "amount": str(amount)})
        resp.raise_for_status()
        body = resp.json()
        return BetaQuote(Decimal(str(body["mid"])) * Decimal("0.998"), body["ref"], int(body.get("ttl", 20)))

    async def aclose(self) -> None:
        await self._http.aclose()
