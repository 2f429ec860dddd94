from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

import httpx
import requests

from ..config import settings
from ..errors import PharmacyRejected
from ..utils.resilience import with_backoff


@dataclass(frozen=True)
class NewRx:
    rx_id: str
    patient: dict
    prescriber_npi: str
    drug_ndc: str
    sig: str
    quantity: int
    refills: int
    pharmacy_ncpdp: str


class PharmacyNetworkClient:
    def __init__(self, base_url: str | None = None) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url or settings.pharmacy_base_url,
            headers={"Authorization": f"Bearer {settings.pharmacy_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send_new_rx(self, rx: NewRx) -> str:
        body = {
            "messageId": rx.rx_id,
            "patient": rx.patient,
            "prescriber": {"npi": rx.prescriber_npi},
            "medication": {"ndc": rx.drug_ndc, "sig": rx.sig, "quantity": rx.quantity, "refills": rx.refills},
            "pharmacy": {"ncpdpId": rx.pharmacy_ncpdp},
        }
        resp = await self._client.post("/scripts/new", json=body)
        if resp.status_code == 422:
            raise PharmacyRejected("pharmacy network rejected prescription", detail=resp.json())
        resp.raise_for_status()
        return resp.json()["networkMessageId"]

    async def cancel_rx(self, external_ref: str) -> None:
        async def _do() -> None:
            resp = await self._client.post(f"/scripts/{external_ref}/cancel")
            resp.raise_for_status()

        await with_backoff(_do, attempts=3)

    async def status(self, external_ref: str) -> dict:
        resp = await with_backoff(lambda: self._client.get(f"/scripts/{external_ref}"))
        resp.raise_for_status()
        return resp.json()


class PharmacyRecord(TypedDict):
    ncpdpId: str
    name: str
    address: str


def lookup_pharmacy(ncpdp_id: str) -> dict | None:
    resp = requests.get(
        f"{settings.pharmacy_directory_url}/pharmacies/{ncpdp_id}",
        headers={"Accept": "application/json"},
        timeout=5,
    )
    if resp.status_code == 404:
        return None
    resp.raise_for_status()
    return resp.json()


def nearby_pharmacies(zip_code: str, radius_miles: int = 10) -> list[dict]:
    resp = requests.get(
        f"{settings.pharmacy_directory_url}/pharmacies",
        params={"zip": zip_code, "radius": radius_miles},
        timeout=5,
    )
    resp.raise_for_status()
    return resp.json()["results"]
