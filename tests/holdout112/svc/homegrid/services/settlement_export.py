from __future__ import annotations

import asyncio
import csv
import io
import os
from uuid import UUID

import structlog

from homegrid.clients.utility_api import UtilityApiClient
from homegrid.config import Settings
from homegrid.repositories.households import HouseholdRepository
from homegrid.repositories.settlement import SettlementRepository
from homegrid.utils.files import write_csv_file
from homegrid.utils.timeutil import month_bounds

log = structlog.get_logger(__name__)

HEADER = ["mpan", "household_ref", "event_ref", "amount_gbp", "reason", "created_at"]


class SettlementExporter:
    def __init__(
        self,
        settings: Settings,
        repo: SettlementRepository,
        households: HouseholdRepository,
        utility: UtilityApiClient,
    ) -> None:
        self._settings = settings
        self._repo = repo
        self._households = households
        self._utility = utility

    async def build_rows(self, utility_id: str, period: str) -> list[list[object]]:
        start, end = month_bounds(period)
        rows: list[list[object]] = []
        async for household_id, event_id, amount, reason, created_at in self._repo.ledger_rows(utility_id, start, end):
            household = await self._households.get(household_id)
            rows.append([
                household.meter_mpan or "", household.external_ref, str(event_id or ""),
                str(Decimal(amount) / 100), reason, created_at.isoformat(),
            ])
        return rows

    async def write_local(self, utility_id: str, period: str, rows: list[list[object]]) -> str:
        directory = os.path.join(self._settings.settlement_dir, utility_id)
        await asyncio.to_thread(os.makedirs, directory, exist_ok=True)
        path = os.path.join(directory, f"{period}.csv")
        await asyncio.to_thread(write_csv_file, path, HEADER, rows)
        return path

    async def write_audit_copy(self, utility_id: str, period: str, rows: list[list[object]]) -> str:
        path = os.path.join(self._settings.settlement_dir, utility_id, f"{period}.audit.csv")
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(rows)
        return path

    async def export(self, utility_id: str, period: str) -> int:
        export_id: UUID | None = await self._repo.start_export(utility_id, period)
        if export_id is None:
            log.info("settlement_export_exists", utility_id=utility_id, period=period)
            return 0
        rows = await self.build_rows(utility_id, period)
        await self.write_local(utility_id, period, rows)
        await self.write_audit_copy(utility_id, period, rows)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(HEADER)
        writer.writerows(rows)
        receipt = await self._utility.upload_settlement(utility_id, period, buf.getvalue().encode())
        await self._repo.finish_export(export_id, "delivered", len(rows))
        log.info("settlement_delivered", utility_id=utility_id, period=period, receipt=receipt)
        return len(rows)
