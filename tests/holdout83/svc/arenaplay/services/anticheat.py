from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from arenaplay.clients.anticheat_vendor import GuardlineClient
from arenaplay.clients.webhooks import notify_escalation
from arenaplay.errors import ConflictError
from arenaplay.repositories.players import PlayerRepository
from arenaplay.repositories.reports import ReportRepository
from arenaplay.schemas import ReportIn
from arenaplay.utils.replay_math import detect_aimbot
from arenaplay.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

MAX_REPORTS_PER_HOUR = 10
ESCALATE_AFTER = 3


class AnticheatService:
    def __init__(self, reports: ReportRepository, players: PlayerRepository, vendor: GuardlineClient) -> None:
        self._reports = reports
        self._players = players
        self._vendor = vendor

    async def submit_report(self, reporter_id: int, data: ReportIn) -> dict[str, Any]:
        since = utcnow() - timedelta(hours=1)
        if await self._reports.count_recent_by_reporter(reporter_id, since) >= MAX_REPORTS_PER_HOUR:
            raise ConflictError("report limit reached")
        report_id = await self._reports.create(reporter_id, data.accused_id, data.match_id, data.reason, data.details)
        suspicious = False
        if data.reason == "aimbot" and data.input_samples:
            suspicious = detect_aimbot(data.input_samples)
            if suspicious:
                await self._vendor.submit_evidence(report_id, data.accused_id, data.input_samples)
        logger.info("report %s filed by %s against %s", report_id, reporter_id, data.accused_id)
        return {"report_id": report_id, "auto_flagged": suspicious}

    async def quick_screen(self, samples: list[list[float]]) -> bool:
        return await asyncio.to_thread(detect_aimbot, samples)

    async def triage(self, limit: int = 100) -> list[dict[str, Any]]:
        reports = await self._reports.list_open(limit)
        escalated = []
        for report in reports:
            prior = await self._reports.count_prior_reports(report["accused_id"])
            if prior >= ESCALATE_AFTER:
                escalated.append(report)
        return escalated

    async def triage_batch(self, limit: int = 100) -> list[dict[str, Any]]:
        reports = await self._reports.list_open(limit)
        counts = await self._reports.count_prior_many(sorted({r["accused_id"] for r in reports}))
        return [r for r in reports if counts.get(r["accused_id"], 0) >= ESCALATE_AFTER]

    async def escalate(self, report: dict[str, Any], confidence: float) -> None:
        accused = await self._players.get_by_id(report["accused_id"])
        name = accused.username if accused else str(report["accused_id"])
        status = notify_escalation(report["id"], name, report["reason"], confidence)
        logger.info("escalated report %s (webhook %s)", report["id"], status)

    async def escalate_quietly(self, report: dict[str, Any]) -> None:
        await asyncio.to_thread(notify_escalation, report["id"], str(report["accused_id"]), report["reason"], 1.0)

    async def review_match(self, match_id: str, telemetry: dict[str, Any]) -> dict[str, Any]:
        verdict = await self._vendor.analyze_match(match_id, telemetry)
        for report in await self._reports.for_match(match_id):
            if report["accused_id"] in verdict.get("flagged", []):
                await self._reports.set_verdict(report["id"], "upheld")
        return verdict
