"""Payout partner clients: BankRail (bank transfer), MobiWallet (mobile wallet), PickupNet (cash pickup). Status is polled per partner."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

import aiohttp
import httpx

from ..errors import PartnerError


@dataclass(frozen=True)
class PayoutRequest:
    transfer_id: str
    amount: Decimal
    currency: str
    recipient_name: str
    account_number: str | None = None
    wallet_msisdn: str | None = None
    country: str = ""


@dataclass(frozen=True)
class PayoutStatus:
    partner_reference: str
    state: str  # "pending" | "paid" | "failed" | "ready_for_pickup"
    detail: str = ""


class PayoutPartnerClient(Protocol):
    partner_id: str

    async def submit(self, request: PayoutRequest) -> str: ...

    async def get_status(self, partner_reference: str) -> PayoutStatus: ...

    async def aclose(self) -> None: ...


_STATE_MAP = {"ACCEPTED": "pending", "SETTLED": "paid", "REJECTED": "failed", "RETURNED": "failed"}


class BankRailClient:
    partner_id = "bankrail"

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=aiohttp.ClientTimeout(total=15, connect=5),
        )

    async def submit(self, request: PayoutRequest) -> str:
        async with self._session.post(
            f"{self._base_url}/payouts",
            json={"client_ref": request.transfer_id, "amount": str(request.amount),
                  "currency": request.currency, "beneficiary": {"name": request.recipient_name,
                                                                "account": request.account_number}},
        ) as resp:
            if resp.status >= 400:
                raise PartnerError(f"bankrail submit failed: {resp.status}")
            body = await resp.json()
            return body["payout_id"]

    async def get_status(self, partner_reference: str) -> PayoutStatus:
        async with self._session.get(f"{self._base_url}/payouts/{partner_reference}") as resp:
            if resp.status >= 400:
                raise PartnerError(f"bankrail status failed: {resp.status}")
            body = await resp.json()
        return PayoutStatus(partner_reference, _STATE_MAP.get(body["state"], "pending"), body.get("reason", ""))

    async def aclose(self) -> None:
        await self._session.close()


class MobiWalletClient:
    partner_id = "mobiwallet"

    def __init__(self, base_url: str, api_key: str) -> None:
        # Disbursements and status live on separate hosts at this partner.
        self._status_url = base_url.replace("://api.", "://status.")
        self._headers = {"X-Partner-Key": api_key}
        self._http = httpx.AsyncClient(base_url=base_url, headers=self._headers, timeout=10)

    async def submit(self, request: PayoutRequest) -> str:
        resp = await self._http.post(
            "/disbursements",
            json={"reference": request.transfer_id, "msisdn": request.wallet_msisdn,
                  "amount": str(request.amount), "currency": request.currency},
        )
        if resp.status_code >= 400:
            raise PartnerError(f"mobiwallet submit failed: {resp.status_code}")
        return resp.json()["disbursement_id"]

    async def get_status(self, partner_reference: str) -> PayoutStatus:
        async with httpx.AsyncClient(base_url=self._status_url, headers=self._headers, timeout=10) as http:
            resp = await http.get(f"/disbursements/{partner_reference}")
        if resp.status_code >= 400:
            raise PartnerError(f"mobiwallet status failed: {resp.status_code}")
        body = resp.json()
        state = {"COMPLETED": "paid", "FAILED": "failed"}.get(body["status"], "pending")
        return PayoutStatus(partner_reference, state, body.get("message", ""))

    async def aclose(self) -> None:
        await self._http.aclose()


log = logging.getLogger(__name__)


def _parse_expiry(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except:
        return None


class PickupNetClient:
    partner_id = "pickupnet"

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            headers={"X-Api-Key": api_key},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=10),
        )

    async def submit(self, request: PayoutRequest) -> str:
        async with self._session.post(
            f"{self._base_url}/orders",
            json={"ref": request.transfer_id, "receiver": request.recipient_name,
                  "amount": str(request.amount), "currency": request.currency, "country": request.country},
        ) as resp:
            if resp.status != 201:
                raise PartnerError(f"pickupnet order failed: {resp.status}")
            body = await resp.json()
        log.info("pickup order %s created for transfer %s", body["order_no"], request.transfer_id)
        return body["order_no"]

    async def get_status(self, partner_reference: str) -> PayoutStatus:
        async with self._session.get(f"{self._base_url}/orders/{partner_reference}") as resp:
            if resp.status != 200:
                raise PartnerError(f"pickupnet status failed: {resp.status}")
            body = await resp.json()
        expiry = _parse_expiry(body.get("code_expires"))
        state = {"COLLECTED": "paid", "CANCELLED": "failed", "AVAILABLE": "ready_for_pickup"}.get(
            body["status"], "pending"
        )
        detail = f"code expires {expiry:%Y-%m-%d}" if expiry else ""
        return PayoutStatus(partner_reference, state, detail)

    async def aclose(self) -> None:
        await self._session.close()
