"""Nightly submissions of yesterday's figures."""
import logging
from datetime import date

from fleet.records import RecordRepository
from fleet.regulator import FuelRegistry, PortStateClient, RegulatorClient, UpstreamError

log = logging.getLogger(__name__)


class EmissionsService:
    def __init__(self, repo: RecordRepository, regulator: RegulatorClient, fuel: FuelRegistry,
                 ports: PortStateClient) -> None:
        self._repo = repo
        self._regulator = regulator
        self._fuel = fuel
        self._ports = ports

    async def submit_day(self, day: date) -> int:
        submitted = 0
        for rec in await self._repo.unsubmitted(day):
            payload = {"date": day.isoformat(), "co2_t": rec["co2_t"]}
            try:
                await self._regulator.submit_daily(rec["imo"], payload)  # expect: no-retry
            except UpstreamError as exc:
                log.error("regulator rejected %s for %s: %s", day, rec["imo"], exc)
                continue
            await self._repo.mark_submitted(rec["id"])
            submitted += 1
        return submitted

    async def report_fuel(self) -> None:
        """Pending reports stay pending until sent: a skipped one is taken again by the next run."""
        for rec in await self._repo.pending_fuel():
            try:
                await self._fuel.report(rec["imo"], {"tonnes": rec["tonnes"]})
            except UpstreamError:
                log.warning("fuel report for %s not sent, next run tries again", rec["imo"])
                continue
            await self._repo.mark_fuel_sent(rec["id"])

    async def report_arrivals(self, day: date) -> None:
        for arrival in await self._repo.arrivals(day):
            try:
                await self._ports.report_arrival(arrival["imo"], {"date": day.isoformat()})
            except Exception:
                log.exception("arrival of %s not reported", arrival["imo"])
                continue
