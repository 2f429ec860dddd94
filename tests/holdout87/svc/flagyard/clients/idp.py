from __future__ import annotations

import threading
import time
from typing import Any

import httpx

from ..settings import Settings
from ..utils.retry import with_retries


class IdentityProviderClient:
    """OpenID Connect client for the customer's identity provider."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(base_url=settings.idp_issuer)
        self._jwks: dict[str, Any] | None = None
        self._jwks_fetched_at = 0.0
        self._jwks_lock = threading.Lock()

    async def discovery(self) -> dict[str, Any]:
        response = await with_retries(
            lambda: self._http.get("/.well-known/openid-configuration"),
            attempts=3,
            retry_on=(httpx.TransportError,),
        )
        response.raise_for_status()
        return response.json()

    async def _fetch_jwks(self) -> dict[str, Any]:
        config = await self.discovery()
        response = await with_retries(lambda: self._http.get(config["jwks_uri"]), retry_on=(httpx.TransportError,))
        response.raise_for_status()
        return response.json()

    async def signing_keys(self) -> dict[str, Any]:
        if self._jwks is not None and time.monotonic() - self._jwks_fetched_at < 3600:
            return self._jwks
        with self._jwks_lock:
            self._jwks = await self._fetch_jwks()
            self._jwks_fetched_at = time.monotonic()
        return self._jwks

    async def exchange_code(self, code: str, verifier: str) -> dict[str, Any]:
        config = await self.discovery()
        response = await self._http.post(
            config["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "code_verifier": verifier,
                "redirect_uri": self._settings.idp_redirect_uri,
                "client_id": self._settings.idp_client_id,
                "client_secret": self._settings.idp_client_secret,
            },
        )
        response.raise_for_status()
        return response.json()

    async def fetch_userinfo(self, access_token: str) -> dict[str, Any]:
        config = await self.discovery()
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(
                config["userinfo_endpoint"], headers={"Authorization": f"Bearer {access_token}"}
            )
        response.raise_for_status()
        return response.json()

    async def aclose(self) -> None:
        await self._http.aclose()
