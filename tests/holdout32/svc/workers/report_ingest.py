"""Scores newly filed cheat reports with the anti-cheat vendor."""
from __future__ import annotations

import asyncio
import logging

import aiohttp
from sqlalchemy.ext.asyncio import async_sessionmaker

from svc.clients.anticheat import AntiCheatClient
from svc.db.repositories import ReportRepository

logger = logging.getLogger(__name__)


class ReportIngestWorker:
    def __init__(self, session_factory: async_sessionmaker, anticheat: AntiCheatClient) -> None:
        self.session_factory = session_factory
        self.anticheat = anticheat
        self.queue: asyncio.Queue[int] = asyncio.Queue()
        self.processed = 0

    async def run(self) -> None:
        while True:
            report_id = await self.queue.get()
            try:
                await self._process(report_id)
                self.processed += 1
            except (aiohttp.ClientError, ValueError):
                continue
            finally:
                self.queue.task_done()

    async def _process(self, report_id: int) -> None:
        async with self.session_factory() as session:
            repo = ReportRepository(session)
            report = await repo.require(report_id)
            history = await repo.for_suspect(report.suspect_id, limit=50)
            payload = {
                "id": report.id,
                "suspect": str(report.suspect_id),
                "reason": report.reason,
                "aim_snap_ratio": report.aim_snap_ratio,
                "prior_reports": len(history) - 1,
                "prior_reasons": sorted({r.reason for r in history if r.id != report.id}),
            }
            score = await self.anticheat.score_report(payload)
            await repo.set_verdict(report.id, score.verdict, score.confidence)
            await session.commit()
        logger.info("report %s scored %s (%.2f)", report_id, score.verdict, score.confidence)
