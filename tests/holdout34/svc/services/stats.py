"""Historical stats API: season summaries, player form, leaderboards, exports."""
from __future__ import annotations

import asyncio
import heapq
import logging
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import pandas as pd

from svc.caching import RedisJsonCache
from svc.config import settings
from svc.db.repositories.stats import StatsRepository
from svc.utils.exporter import export_path, finalise_export, write_csv

logger = logging.getLogger(__name__)


def _build_form_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    frame = pd.DataFrame.from_records(rows).sort_values("occurred_at")
    per_match = frame.groupby("match_id", sort=False)["value"].sum()
    rolling = per_match.rolling(window=5, min_periods=1).mean()
    return [{"match_id": int(mid), "rolling_avg": round(float(v), 3)} for mid, v in rolling.items()]


class StatsService:
    def __init__(self, repo: StatsRepository, cache: RedisJsonCache) -> None:
        self._repo = repo
        self._cache = cache

    @lru_cache(maxsize=None)
    def _season_label(self, season_id: int) -> str:
        start = 2000 + season_id // 100
        return f"{start}/{str(start + 1)[-2:]}"

    async def team_season_summary(self, team_id: int, season_id: int) -> dict[str, Any]:
        cache_key = f"team-summary:{team_id}"
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return cached
        rows = await self._repo.team_season_rows(team_id, season_id)
        if not rows:
            return {"team_id": team_id, "season": self._season_label(season_id), "players": []}
        table = pd.DataFrame.from_records(rows).pivot_table(index="player_id", columns="event_type", values="value", aggfunc="sum", fill_value=0)
        players = [{"player_id": int(pid), **{k: float(v) for k, v in row.items()}} for pid, row in table.iterrows()]
        summary = {"team_id": team_id, "season": self._season_label(season_id), "players": players}
        await self._cache.set(cache_key, summary)
        return summary

    async def player_form(self, player_id: int, season_id: int) -> dict[str, Any]:
        cache_key = f"player-form:{player_id}:{season_id}"
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return cached
        rows = await self._repo.player_recent(player_id, limit=20)
        form = await asyncio.to_thread(_build_form_table, rows)
        result = {"player_id": player_id, "season": self._season_label(season_id), "form": form}
        await self._cache.set(cache_key, result)
        return result

    async def top_attack(self, season_id: int, limit: int = 10) -> list[dict[str, Any]]:
        table = await self._repo.season_table(season_id)
        best = heapq.nlargest(limit, table, key=lambda r: (r["goals_for"], -r["goals_against"]))
        return [{"team_id": r["team_id"], "goals_for": r["goals_for"]} for r in best]

    async def search(self, term: str) -> dict[str, Any]:
        teams = await self._repo.search_teams(term)
        players = await self._repo.search_players(term)
        return {"teams": teams, "players": players}

    async def head_to_head(self, team_a: int, team_b: int, years: int = 10) -> list[dict[str, Any]]:
        since = datetime.now(timezone.utc) - timedelta(days=365 * years)
        return await self._repo.head_to_head(team_a, team_b, since)

    async def export_season(self, season_id: int) -> dict[str, Any]:
        rows = [row async for row in self._repo.stream_season(season_id)]
        path = export_path(settings.export_dir, season_id)
        loop = asyncio.get_running_loop()
        written = await loop.run_in_executor(None, write_csv, path, rows)
        info = finalise_export(path)
        logger.info("season %s exported: %d rows -> %s", season_id, written, info["path"])
        return {**info, "rows": written}
