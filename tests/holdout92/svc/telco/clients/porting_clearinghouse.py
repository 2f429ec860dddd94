from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import httpx

logger = logging.getLogger(__name__)


@dataclass
class PortOrder:
    reference: str
    msisdn: str
    donor: str
    recipient: str
    deadline_at: datetime


class ClearinghouseClient:
    """National number-portability clearinghouse. Responses to port-out requests are deadline bound."""

    def __init__(self, base_url: str, operator_id: str) -> None:
        self._operator_id = operator_id
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def close(self) -> None:
        await self._http.aclose()

    async def submit_port_in(self, msisdn: str, donor: str, account_ref: str) -> str:
        response = await self._http.post(
            "/v2/port-orders",
            json={"msisdn": msisdn, "donor": donor, "recipient": self._operator_id, "accountRef": account_ref},
        )
        response.raise_for_status()
        return response.json()["reference"]

    async def respond(self, reference: str, accept: bool, reason: str | None = None) -> None:
        response = await self._http.post(
            f"/v2/port-orders/{reference}/response",
            json={"operator": self._operator_id, "accept": accept, "reason": reason},
        )
        response.raise_for_status()

    async def confirm_cutover(self, reference: str) -> None:
        response = await self._http.post(f"/v2/port-orders/{reference}/cutover", json={"operator": self._operator_id})
        response.raise_for_status()

    async def pending_orders(self) -> list[PortOrder]:
        response = await self._http.get("/v2/port-orders", params={"donor": self._operator_id, "state": "PENDING"})
        response.raise_for_status()
        return [
            PortOrder(
                reference=item["reference"], msisdn=item["msisdn"], donor=item["donor"],
                recipient=item["recipient"], deadline_at=datetime.fromisoformat(item["deadline"]),
            )
            for item in response.json()["items"]
        ]
