from __future__ import annotations

import copy
import heapq
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from arenaops.repositories.rankings import RankingRepository
from arenaops.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

REGIONS = ("na", "eu", "apac")
DECAY_DAYS = 90


def _points(rows: list, team_id: int, now: datetime) -> float:
    total = 0.0
    for row in rows:
        if row["winner_id"] == team_id:
            total += 3.0
        elif row["winner_id"] is None:
            total += 1.0
    return total


class RankingService:
    def __init__(self, repo: RankingRepository) -> None:
        self._repo = repo

    async def recompute_region(self, region: str) -> int:
        now = utcnow()
        since = now - timedelta(days=DECAY_DAYS)
        teams = await self._repo.teams_in_region(region)
        points: dict[int, float] = {}
        for team in teams:
            rows = await self._repo.matches_for_team(team["id"], since)
            points[team["id"]] = _points(rows, team["id"], now)
        ordered = sorted(points, key=lambda t: -points[t])
        out = []
        for team_id in points:
            position = ordered.index(team_id) + 1
            out.append((team_id, region, points[team_id], position, now))
        await self._repo.write_rankings(out)
        return len(out)

    async def recompute_region_bulk(self, region: str) -> int:
        now = utcnow()
        since = now - timedelta(days=DECAY_DAYS)
        teams = {t["id"] for t in await self._repo.teams_in_region(region)}
        rows = await self._repo.finished_since(since)
        snapshot = copy.deepcopy(rows)
        points: defaultdict[int, float] = defaultdict(float)
        for row in snapshot:
            for side in ("team_a_id", "team_b_id"):
                team_id = row[side]
                if team_id not in teams:
                    continue
                if row["winner_id"] == team_id:
                    points[team_id] += 3.0
                elif row["winner_id"] is None:
                    points[team_id] += 1.0
        ranked = sorted(points.items(), key=lambda kv: -kv[1])
        out = [(team_id, region, pts, pos, now) for pos, (team_id, pts) in enumerate(ranked, 1)]
        await self._repo.write_rankings(out)
        return len(out)

    async def recompute_all(self) -> dict[str, int]:
        written = {}
        for region in REGIONS:
            written[region] = await self.recompute_region_bulk(region)
        return written

    async def top(self, region: str, n: int = 10) -> list[tuple[int, float]]:
        rows = await self._repo.page(region, 0, limit=200)
        return heapq.nlargest(n, ((r["team_id"], float(r["points"])) for r in rows), key=lambda kv: kv[1])
