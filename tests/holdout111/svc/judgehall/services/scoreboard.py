from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from judgehall.cache import keys
from judgehall.cache.redis import TTLCache
from judgehall.repositories.contests import ContestRepository
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.repositories.teams import TeamRepository
from judgehall.services.contests import is_frozen
from judgehall.services.penalty import StandingRow, compute_standings
from judgehall.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class ScoreboardService:
    """Keeps computed standings per contest; one instance per process."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], redis: Redis, ttl: int = 5) -> None:
        self._session_factory = session_factory
        self.redis = redis
        self.ttl = ttl
        self._lock = asyncio.Lock()
        self._standings: TTLCache[list[StandingRow]] = TTLCache(maxsize=64, ttl=30.0)
        self._team_names: dict[int, str] = {}
        self._versions: dict[int, int] = {}

    async def rebuild(self, contest_id: int) -> None:
        async with self._lock:
            async with self._session_factory() as session:
                contests = ContestRepository(session)
                subs = SubmissionRepository(session)
                contest = await contests.get_or_404(contest_id)
                problems = await ProblemRepository(session).list_for_contest(contest_id)
                team_ids = await subs.team_ids_for_contest(contest_id)
                submissions = []
                for team_id in team_ids:
                    submissions.extend(await subs.list_for_team(contest_id, team_id))
                await self._resolve_names(TeamRepository(session), team_ids)
            public = compute_standings(contest, submissions, problems, frozen_view=True)
            jury = compute_standings(contest, submissions, problems, frozen_view=False)
            self._standings.set((contest_id, False), public)
            self._standings.set((contest_id, True), jury)
            self._versions[contest_id] = self._versions.get(contest_id, 0) + 1

    async def _resolve_names(self, teams: TeamRepository, team_ids: list[int]) -> None:
        missing = [t for t in team_ids if t not in self._team_names]
        names = await teams.names_for(missing)
        for team_id, name in names.items():
            self._team_names[team_id] = name

    async def on_verdict(self, contest_id: int) -> None:
        async with self._lock:
            self._standings.invalidate((contest_id, False))
            self._standings.invalidate((contest_id, True))
            await self.rebuild(contest_id)

    async def follow(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.psubscribe("scoreboard:events:*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                event = json.loads(message["data"])
                if event.get("type") != "scoreboard" or "submission_id" not in event:
                    continue
                await self.on_verdict(int(message["channel"].rsplit(":", 1)[1]))
        finally:
            await pubsub.aclose()

    async def _rows(self, contest_id: int, jury: bool) -> list[StandingRow]:
        rows = self._standings.get((contest_id, jury))
        if rows is None:
            await self.rebuild(contest_id=contest_id)
            rows = self._standings.get((contest_id, jury)) or []
        return rows

    async def view(self, contest_id: int, jury: bool, offset: int = 0, limit: int = 100) -> dict[str, Any]:
        cache_key = f"scoreboard:view:{contest_id}:{offset}:{limit}"
        cached = await self.redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        try:
            rows = await self._rows(contest_id, jury)
        except Exception:
            return {"contest_id": contest_id, "rows": [], "frozen": False}
        async with self._session_factory() as session:
            contest = await ContestRepository(session).get_or_404(contest_id)
        frozen = is_frozen(contest, utcnow()) and not jury
        page = rows[offset : offset + limit]
        payload = {
            "contest_id": contest_id,
            "frozen": frozen,
            "version": self._versions.get(contest_id, 0),
            "total": len(rows),
            "rows": [r.as_dict(self._team_names.get(r.team_id, f"team-{r.team_id}")) for r in page],
        }
        await self.redis.set(cache_key, json.dumps(payload, default=str), ex=self.ttl)
        return payload

    async def invalidate(self, contest_id: int) -> None:
        self._standings.invalidate((contest_id, False))
        self._standings.invalidate((contest_id, True))
        stale = [key async for key in self.redis.scan_iter(match=f"scoreboard:view:{contest_id}:*", count=500)]
        if stale:
            await self.redis.delete(*stale)
        await self.redis.publish(keys.scoreboard_channel(contest_id), json.dumps({"type": "refresh"}))

    async def team_row(self, contest_id: int, team_id: int, jury: bool) -> dict[str, Any] | None:
        rows = await self._rows(contest_id, jury)
        for row in rows:
            if row.team_id == team_id:
                return row.as_dict(self._team_names.get(team_id, f"team-{team_id}"))
        return None

    async def first_solves(self, contest_id: int) -> dict[int, int]:
        rows = await self._rows(contest_id, jury=False)
        firsts: dict[int, int] = {}
        for row in rows:
            for problem_id, cell in row.cells.items():
                if cell.first_solve:
                    firsts[problem_id] = row.team_id
        return firsts

    async def problem_stats(self, contest_id: int, jury: bool) -> dict[int, dict[str, int]]:
        rows = await self._rows(contest_id, jury)
        stats: dict[int, dict[str, int]] = {}
        for row in rows:
            for problem_id, cell in row.cells.items():
                entry = stats.setdefault(problem_id, {"solved": 0, "attempted": 0, "pending": 0})
                if cell.solved:
                    entry["solved"] += 1
                if cell.attempts or cell.solved:
                    entry["attempted"] += 1
                entry["pending"] += cell.pending
        return stats
