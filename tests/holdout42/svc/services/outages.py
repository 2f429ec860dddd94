from __future__ import annotations

import asyncio
from dataclasses import dataclass
import logging
from typing import Any

import requests

from svc.clients.geocoder import Geocoder
from svc.clients.messaging import SmsClient
from svc.errors import DomainError
from svc.redis_client import Publisher
from svc.repos.accounts import AccountsRepo
from svc.repos.outages import OutagesRepo
from svc.ws import outage_feed

logger = logging.getLogger(__name__)


@dataclass
class OutageReport:
    severity: str
    description: str
    postcode: str | None = None
    address: str | None = None


def _event(row: Any) -> dict[str, Any]:
    return {
        "reference": row["reference"],
        "postcode": row["postcode"],
        "severity": row["severity"],
        "started_at": row["started_at"].isoformat(),
    }


class OutageService:
    def __init__(
        self,
        repo: OutagesRepo,
        accounts: AccountsRepo,
        geocoder: Geocoder,
        sms: SmsClient,
        publisher: Publisher,
    ) -> None:
        self._repo = repo
        self._accounts = accounts
        self._geo = geocoder
        self._sms = sms
        self._publisher = publisher

    async def report(self, report: OutageReport, reporter_id: int | None) -> dict[str, Any]:
        postcode = report.postcode or self._geo.lookup(report.address or "")
        if postcode is None:
            raise DomainError("could not determine a postcode for that address")
        existing = await self._repo.open_for_postcode(postcode)
        if existing:
            return _event(existing[0])
        row = await self._repo.create(postcode, report.severity, report.description, reporter_id)
        event = _event(row)
        self._publisher.publish("outages", event)
        outage_feed.broadcast(event)
        if row["severity"] == "major" or "critical":
            await self._notify_area(postcode, row["reference"])
        return event

    async def _notify_area(self, postcode: str, reference: str) -> None:
        accounts = await self._accounts.in_postcode(postcode)
        text = f"We are aware of a power cut affecting {postcode} (ref {reference}). Updates: status.example/{reference}"
        phones = [a.phone for a in accounts if a.phone]
        results = await asyncio.gather(*(self._sms.send(p, text) for p in phones))
        logger.info("outage %s: notified %d/%d customers", reference, sum(results), len(phones))

    async def status_for_address(self, address: str) -> list[dict[str, Any]]:
        try:
            postcode = await asyncio.to_thread(self._geo.lookup, address)
        except requests.RequestException as exc:
            logger.warning("geocoder unavailable (%s); cannot resolve %r", exc, address)
            return []
        if postcode is None:
            return []
        return [_event(r) for r in await self._repo.open_for_postcode(postcode)]

    async def resolve(self, reference: str) -> bool:
        resolved = await self._repo.resolve(reference)
        if resolved:
            await self._publisher.publish("outages", {"reference": reference, "resolved": True})
        return resolved
