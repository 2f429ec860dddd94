"""Player-filed cheating reports; processing happens in the anti-cheat worker."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.models import AntiCheatReport
from svc.db.players_repo import PlayersRepository
from svc.db.report_repo import ReportRepository
from svc.errors import ConflictError, NotFoundError, RateLimitedError

REPORT_STREAM = "anticheat:reports"


class ReportIn(BaseModel):
    suspect_id: int
    match_id: uuid.UUID
    reason: str = Field(pattern="^(aimbot|wallhack|speedhack|exploit|other)$")
    comment: str | None = Field(default=None, max_length=500)


class ReportService:
    def __init__(self, session: AsyncSession, redis: Redis, players: PlayersRepository, settings: Settings) -> None:
        self._session = session
        self._redis = redis
        self._players = players
        self._settings = settings
        self._repo = ReportRepository(session)

    async def file_report(self, reporter_id: int, body: ReportIn) -> int:
        if reporter_id == body.suspect_id:
            raise ConflictError("cannot report yourself")
        key = f"reports:rate:{reporter_id}"
        pipe = self._redis.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, 3600, nx=True)
        attempts, _ = await pipe.execute()
        if attempts > self._settings.reports_per_hour:
            raise RateLimitedError("too many reports, try again later")

        suspect = await self._players.fetch_profile(body.suspect_id)
        if suspect is None:
            raise NotFoundError("unknown player")

        report = AntiCheatReport(
            reporter_id=reporter_id,
            suspect_id=body.suspect_id,
            match_id=body.match_id,
            reason=body.reason,
            comment=body.comment,
        )
        self._repo.add(report)
        await self._repo.flush()
        await self._session.commit()
        await self._redis.xadd(REPORT_STREAM, {"report_id": str(report.id)}, maxlen=100_000, approximate=True)
        return report.id

    async def my_reports(self, reporter_id: int) -> list[dict[str, object]]:
        reports = await self._repo.by_reporter(reporter_id)
        return [{"id": r.id, "status": r.status.value, "verdict": r.verdict} for r in reports]
