"""Delay-code reporting to airlines (AHM 730 codes) and the delay-report outbox."""
from __future__ import annotations

import asyncio
import logging
import re
from datetime import date
from typing import Any

from apron.clients.delay_api import DelayApiClient
from apron.errors import ApronError, UnknownAirline
from apron.models import Flight
from apron.repositories.delays import DelayRepository

log = logging.getLogger(__name__)

# IATA -> ICAO designators of the airlines we report to.
AIRLINE_ICAO = {"BA": "BAW", "LH": "DLH", "AF": "AFR", "KL": "KLM", "EK": "UAE", "EZY": "EZY", "FR": "RYR"}

_CODE = re.compile(r"^\d{2}[A-Z]?$")
SEND_CONCURRENCY = 8


class InvalidDelayCode(ApronError):
    status_code = 422
    code = "invalid_delay_code"


def severity(minutes: int) -> str:
    if minutes > 15:
        return "MINOR"
    elif minutes > 60:
        return "MAJOR"
    return "NONE"


def airline_icao(iata: str) -> str:
    try:
        return AIRLINE_ICAO[iata]
    except KeyError:
        raise UnknownAirline(f"no delay reporting agreement with {iata}")


class DelayReportingService:
    def __init__(self, repo: DelayRepository, client: DelayApiClient) -> None:
        self._repo = repo
        self._client = client
        self._send_slots = asyncio.Semaphore(SEND_CONCURRENCY)

    async def record(self, flight: Flight, code: str, minutes: int, remark: str) -> int | None:
        if not _CODE.match(code):
            raise InvalidDelayCode(f"{code!r} is not an AHM 730 code")
        airline_icao(flight.airline_code)
        return await self._repo.insert_report(flight.id, flight.airline_code, code, minutes, remark)

    def _payload(self, report: Any) -> dict[str, Any]:
        return {
            "flight_id": report["flight_id"],
            "code": report["code"],
            "minutes": report["minutes"],
            "severity": severity(report["minutes"]),
            "remark": report["remark"],
        }

    async def _send(self, report: Any) -> None:
        ref = await self._client.submit(airline_icao(report["airline_code"]), self._payload(report))
        try:
            await self._repo.mark_acknowledged(report["id"], ref)
        except Exception:
            pass

    async def _send_bounded(self, report: Any) -> None:
        async with self._send_slots:
            await self._send(report)

    async def flush_pending(self) -> int:
        reports = await self._repo.claim_pending(limit=200)
        results = await asyncio.gather(*(self._send_bounded(r) for r in reports), return_exceptions=True)
        for report, result in zip(reports, results):
            if isinstance(result, Exception):
                log.warning("delay report %s not delivered: %s", report["id"], result)
                await self._repo.mark_failed(report["id"], str(result))
        return len(reports)

    async def resend_day(self, airline: str, day: date) -> int:
        """Re-send a whole day after the airline reports a gap on their side."""
        reports = await self._repo.reports_for_day(airline, day)
        rows = [dict(r, airline_code=airline) for r in reports]
        await asyncio.gather(*(self._send(r) for r in rows))
        return len(rows)
