"""Wholesaler ordering API (their SDK is a thin requests wrapper; we call it directly)."""
from __future__ import annotations

import asyncio
import uuid
from typing import Any

import requests

from dispensary.settings import Settings
from dispensary.utils.resilience import retry_async


class WholesalerClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.wholesaler_base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Token {settings.wholesaler_token}"

    def _post_order(self, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        response = self._session.post(
            f"{self._base}/orders", json=payload, headers={"Idempotency-Key": idempotency_key}
        )
        response.raise_for_status()
        return response.json()

    def _get_catalog(self, drug_code: str) -> dict[str, Any]:
        response = self._session.get(f"{self._base}/catalog/{drug_code}", timeout=(3, 10))
        response.raise_for_status()
        return response.json()

    async def place_order(self, payload: dict[str, Any]) -> dict[str, Any]:
        key = str(uuid.uuid4())
        return await retry_async(
            lambda: asyncio.to_thread(self._post_order, payload, key),
            attempts=3,
            retry_on=(requests.ConnectionError,),
            label="wholesaler order",
        )

    async def catalog_entry(self, drug_code: str) -> dict[str, Any]:
        return await asyncio.to_thread(self._get_catalog, drug_code)

    def close(self) -> None:
        self._session.close()
