from __future__ import annotations

import asyncio

from billing.ledger import LedgerClient
from billing.repo import ExportRepository


class Exporter:
    def __init__(self, repo: ExportRepository, ledger: LedgerClient) -> None:
        self._repo = repo
        self._ledger = ledger

    async def export(self, account: str, period: str) -> bool:
        export_id = await self._repo.start_export(account, period)
        if export_id is None:
            return False
        await self._ledger.upload(account, period, f"{account},{period}".encode())
        await self._repo.finish_export(export_id)
        return True

    async def export_summary(self, account: str, period: str) -> bool:
        """Look-alike: a failed upload drops the claim, so the next run exports the period again."""
        export_id = await self._repo.start_export(account, f"{period}-summary")
        if export_id is None:
            return False
        try:
            await self._ledger.upload_summary(account, period, b"summary")
        except Exception:
            await self._repo.drop_export(export_id)
            raise
        await self._repo.finish_export(export_id)
        return True


async def monthly(exporter: Exporter, accounts: list[str]) -> None:
    while True:
        for account in accounts:
            await exporter.export(account, "2024-01")
            await exporter.export_summary(account, "2024-01")
        await asyncio.sleep(86400)
