"""Client for the e-book/audiobook content distributor."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import httpx

from stacks.errors import LicenceUnavailable, UpstreamError
from stacks.settings import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LicenceStatus:
    external_id: str
    concurrent_cap: int
    checkouts_remaining: int | None
    in_use: int
    expires_at: str | None


class DistributorClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(base_url=settings.distributor_base_url, timeout=None)
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = threading.Lock()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _bearer(self) -> str:
        with self._token_lock:
            if self._token and time.time() < self._token_expiry - 30:
                return self._token
            resp = await self._http.post(
                "/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._settings.distributor_client_id,
                    "client_secret": self._settings.distributor_client_secret,
                },
            )
            resp.raise_for_status()
            body = resp.json()
            self._token = body["access_token"]
            self._token_expiry = time.time() + body["expires_in"]
            return self._token

    async def get_licence(self, external_id: str) -> LicenceStatus:
        token = await self._bearer()
        resp = await self._http.get(f"/licences/{external_id}", headers={"Authorization": f"Bearer {token}"})
        resp.raise_for_status()
        return _licence_from(resp.json())

    async def get_licences(self, external_ids: list[str]) -> list[LicenceStatus]:
        token = await self._bearer()
        resp = await self._http.post(
            "/licences/batch", json={"ids": external_ids}, headers={"Authorization": f"Bearer {token}"}
        )
        resp.raise_for_status()
        return [_licence_from(item) for item in resp.json()["licences"]]

    async def checkout(self, external_id: str, card_number: str, days: int) -> str:
        token = await self._bearer()
        resp = await self._http.post(
            f"/licences/{external_id}/checkouts",
            json={"patron": card_number, "days": days},
            headers={"Authorization": f"Bearer {token}"},
        )
        if resp.status_code == 409:
            raise LicenceUnavailable(f"licence {external_id} has no free copy")
        if resp.status_code >= 500:
            raise UpstreamError(f"distributor returned {resp.status_code}")
        resp.raise_for_status()
        return resp.json()["download_url"]

    async def early_return(self, external_id: str, card_number: str) -> None:
        token = await self._bearer()
        try:
            resp = await self._http.delete(
                f"/licences/{external_id}/checkouts/{card_number}",
                headers={"Authorization": f"Bearer {token}"},
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError:
            pass


def _licence_from(item: dict) -> LicenceStatus:
    return LicenceStatus(
        external_id=item["id"],
        concurrent_cap=item["concurrentCap"],
        checkouts_remaining=item.get("checkoutsRemaining"),
        in_use=item["inUse"],
        expires_at=item.get("expires"),
    )
