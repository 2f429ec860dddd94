"""App Store and Play Store receipt / subscription validation."""
from __future__ import annotations

from typing import Any

import httpx

from ..errors import UpstreamError
from ..settings import Settings
from ..utils.resilience import retry_async


class _StoreClient:
    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self._http = http
        self._settings = settings

    def _json_headers(self) -> dict[str, str]:
        return {"Accept": "application/json", "Content-Type": "application/json"}


class AppStoreClient(_StoreClient):
    async def verify_receipt(self, receipt_data: str) -> dict[str, Any]:
        try:
            return await retry_async(
                self._verify_once,
                receipt_data,
                attempts=4,
                retry_on=(httpx.TransportError, httpx.HTTPStatusError),
            )
        except httpx.HTTPError as exc:
            raise UpstreamError("app store verification failed") from exc

    async def _verify_once(self, receipt_data: str) -> dict[str, Any]:
        response = await self._http.post(
            f"{self._settings.appstore_url}/verifyReceipt",
            json={
                "receipt-data": receipt_data,
                "password": self._settings.appstore_shared_secret,
                "exclude-old-transactions": True,
            },
            headers=self._json_headers(),
        )
        response.raise_for_status()
        return response.json()


class PlayStoreClient(_StoreClient):
    async def get_subscription(self, purchase_token: str) -> dict[str, Any]:
        url = (
            f"{self._settings.playstore_url}/androidpublisher/v3/applications/"
            f"{self._settings.playstore_package}/purchases/subscriptionsv2/tokens/{purchase_token}"
        )
        headers = {**self._json_headers(), "Authorization": f"Bearer {self._settings.playstore_access_token}"}
        response = await self._http.get(url, headers=headers)
        if response.status_code == 404:
            return {}
        response.raise_for_status()
        return response.json()
