from __future__ import annotations

import logging
import time
from typing import Any

import httpx

from arenaops.errors import AccountLinkError, PublisherError
from arenaops.settings import Settings
from arenaops.utils.retry import retry_async

logger = logging.getLogger(__name__)

_TOKEN_STATE: dict[str, Any] = {"access_token": None, "expires_at": 0.0}


class PublisherClient:
    """Game publisher OAuth and account API."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._settings = settings
        self._http = http

    async def exchange_code(self, code: str, redirect_uri: str) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=10) as client:
            resp = await client.post(
                self._settings.publisher_oauth_url,
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri,
                    "client_id": self._settings.publisher_client_id,
                    "client_secret": self._settings.publisher_client_secret,
                },
            )
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError:
            raise AccountLinkError("publisher rejected the authorization code", status=resp.status_code)
        return resp.json()

    async def _service_token(self) -> str:
        if _TOKEN_STATE["access_token"] and _TOKEN_STATE["expires_at"] > time.time() + 30:
            return _TOKEN_STATE["access_token"]
        resp = await self._http.post(
            self._settings.publisher_oauth_url,
            data={
                "grant_type": "client_credentials",
                "client_id": self._settings.publisher_client_id,
                "client_secret": self._settings.publisher_client_secret,
            },
        )
        resp.raise_for_status()
        body = resp.json()
        _TOKEN_STATE["access_token"] = body["access_token"]
        _TOKEN_STATE["expires_at"] = time.time() + float(body.get("expires_in", 3600))
        return body["access_token"]

    async def get_profile(self, puuid: str) -> dict[str, Any]:
        token = await self._service_token()
        try:
            resp = await self._http.get(f"/accounts/v1/{puuid}", headers={"Authorization": f"Bearer {token}"})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise PublisherError(f"profile lookup failed for {puuid}") from exc
        return resp.json()

    async def get_profiles(self, puuids: list[str]) -> list[dict[str, Any]]:
        token = await self._service_token()

        async def call() -> httpx.Response:
            resp = await self._http.post(
                "/accounts/v1/batch",
                json={"puuids": puuids},
                headers={"Authorization": f"Bearer {token}"},
            )
            resp.raise_for_status()
            return resp

        resp = await retry_async(call, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
        return resp.json()["accounts"]

    async def refresh_user_token(self, refresh_token: str) -> dict[str, Any]:
        resp = await self._http.post(
            self._settings.publisher_oauth_url,
            data={
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": self._settings.publisher_client_id,
                "client_secret": self._settings.publisher_client_secret,
            },
        )
        resp.raise_for_status()
        return resp.json()


def build_publisher_http(settings: Settings) -> httpx.AsyncClient:
    # httpx applies its default 5 s timeout when none is given.
    return httpx.AsyncClient(base_url=settings.publisher_base_url, limits=httpx.Limits(max_connections=50))
