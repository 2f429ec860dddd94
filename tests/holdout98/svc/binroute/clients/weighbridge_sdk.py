"""Thin wrapper over the landfill operator's weighbridge SDK (synchronous)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

import requests

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Ticket:
    ticket_no: str
    registration: str
    gross_kg: int
    tare_kg: int
    weighed_at: datetime

    @property
    def net_kg(self) -> int:
        return self.gross_kg - self.tare_kg


class WeighbridgeSDK:
    def __init__(self, host: str, site: str, api_key: str = "") -> None:
        self.host = host.rstrip("/")
        self.site = site
        self._session = requests.Session()
        self._session.headers["X-Api-Key"] = api_key

    def fetch_ticket(self, ticket_no: str) -> Ticket:
        for attempt in range(3):
            resp = self._session.get(f"{self.host}/sites/{self.site}/tickets/{ticket_no}", timeout=10)
            if resp.status_code < 500:
                break
            time.sleep(0.5 * (attempt + 1))
        resp.raise_for_status()
        return self._parse(resp.json())

    def list_since(self, since: datetime) -> list[Ticket]:
        resp = self._session.get(f"{self.host}/sites/{self.site}/tickets", params={"since": since.isoformat()})
        resp.raise_for_status()
        out = []
        for item in resp.json()["tickets"]:
            try:
                out.append(self._parse(item))
            except:
                continue
        return out

    def acknowledge(self, ticket_no: str) -> None:
        self._session.post(f"{self.host}/sites/{self.site}/tickets/{ticket_no}/ack", timeout=10).raise_for_status()

    @staticmethod
    def _parse(item: dict) -> Ticket:
        return Ticket(
            ticket_no=item["ticketNumber"],
            registration=item["vehicleReg"].replace(" ", "").upper(),
            gross_kg=int(item["grossWeight"]),
            tare_kg=int(item["tareWeight"]),
            weighed_at=datetime.fromisoformat(item["timestamp"]),
        )
