from __future__ import annotations

import logging
from dataclasses import dataclass, field

import asyncpg

from telco.clients.hlr_gateway import HlrGatewayClient

logger = logging.getLogger(__name__)


@dataclass
class ReconReport:
    checked: int = 0
    orphaned_in_hlr: list[str] = field(default_factory=list)
    missing_in_hlr: list[str] = field(default_factory=list)


class ReconciliationService:
    """Nightly HLR vs billing database consistency check."""

    def __init__(self, pool: asyncpg.Pool, hlr: HlrGatewayClient) -> None:
        self._pool = pool
        self._hlr = hlr

    async def _db_state(self) -> dict[str, str]:
        conn = await self._pool.acquire(timeout=10)
        rows = await conn.fetch("SELECT imsi, status FROM subscribers WHERE status <> 'pending'")
        await self._pool.release(conn)
        return {row["imsi"]: row["status"] for row in rows}

    async def _hlr_state(self) -> set[str]:
        imsis: set[str] = set()
        cursor: str | None = None
        while True:
            page, cursor = await self._hlr.list_imsis(cursor)
            imsis.update(page)
            if not cursor:
                return imsis

    async def run(self, repair: bool = True) -> ReconReport:
        db = await self._db_state()
        hlr = await self._hlr_state()
        report = ReconReport(checked=len(db))
        for imsi in sorted(hlr - db.keys()):
            report.orphaned_in_hlr.append(imsi)
            if repair:
                await self._hlr.set_barring(imsi, True)
        for imsi, status in db.items():
            if status == "active" and imsi not in hlr:
                report.missing_in_hlr.append(imsi)
        logger.info(
            "reconciliation checked=%d orphaned=%d missing=%d",
            report.checked, len(report.orphaned_in_hlr), len(report.missing_in_hlr),
        )
        return report
