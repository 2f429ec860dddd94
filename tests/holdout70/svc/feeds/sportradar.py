from __future__ import annotations

import logging
import time
from decimal import Decimal

import aiohttp
import requests

from svc.feeds.base import FeedBatch, FeedError, OddsProvider, PriceUpdate

logger = logging.getLogger(__name__)

TOKEN_URL = "https://auth.sportradar.example/oauth/token"


class SportradarProvider(OddsProvider):
    name = "sportradar"

    def __init__(self, base_url: str, client_id: str, secret: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._client_id = client_id
        self._secret = secret
        self._token: str | None = None
        self._token_expiry = 0.0
        self._session: aiohttp.ClientSession | None = None

    def _session_or_new(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(raise_for_status=True)
        return self._session

    async def _ensure_token(self) -> str:
        if self._token and time.time() < self._token_expiry - 30:
            return self._token
        resp = requests.post(
            TOKEN_URL,
            data={"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._secret},
            timeout=10,
        )
        resp.raise_for_status()
        body = resp.json()
        self._token = body["access_token"]
        self._token_expiry = time.time() + int(body.get("expires_in", 3600))
        return self._token

    async def fetch(self, cursor: str | None) -> FeedBatch:
        token = await self._ensure_token()
        session = self._session_or_new()
        url = f"{self._base_url}/v2/changes"
        try:
            async with session.get(url, params={"after": cursor or ""},
                                   headers={"Authorization": f"Bearer {token}"}) as resp:
                data = await resp.json()
        except aiohttp.ClientError as exc:
            raise FeedError(f"sportradar changes failed: {exc}") from exc
        batch = FeedBatch(provider=self.name, cursor=data.get("next"))
        for change in data.get("odds", []):
            batch.updates.append(
                PriceUpdate(
                    provider=self.name,
                    event_ref=change["sport_event_id"],
                    selection_ref=change["outcome_id"],
                    market=change.get("market_name", ""),
                    price=Decimal(change["odds"]),
                    suspended=change.get("active") is False,
                )
            )
        batch.scores = data.get("scores", [])
        return batch

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
