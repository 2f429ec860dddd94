"""Fan favourites: teams a fan follows, used for personalised feeds and pushes."""
from __future__ import annotations

import logging
from typing import Any

from svc.caching import RedisJsonCache
from svc.db.repositories.fans import FanRepository
from svc.db.repositories.teams import TeamRepository

logger = logging.getLogger(__name__)


class FavouritesService:
    def __init__(self, fans: FanRepository, teams: TeamRepository, cache: RedisJsonCache) -> None:
        self._fans = fans
        self._teams = teams
        self._cache = cache

    async def list_favourites(self, fan_id: int) -> list[dict[str, Any]]:
        cached = await self._cache.get(f"fav:{fan_id}")
        if cached is not None:
            return cached
        favourites = await self._fans.list_favourites(fan_id)
        out = []
        for fav in favourites:
            team = await self._teams.get(fav.team_id)
            out.append(
                {
                    "team_id": team.id,
                    "name": team.name,
                    "short_name": team.short_name,
                    "crest_url": team.crest_url,
                    "since": fav.created_at.isoformat(),
                }
            )
        await self._cache.set(f"fav:{fan_id}", out)
        return out

    async def add(self, fan_id: int, team_id: int) -> bool:
        await self._teams.get(team_id)
        created = await self._fans.add_favourite(fan_id, team_id)
        if created:
            self._cache.invalidate(f"fav:{fan_id}")
        return created

    async def remove(self, fan_id: int, team_id: int) -> None:
        await self._fans.remove_favourite(fan_id, team_id)
        key = f"fav:{fan_id}"
        await self._cache.invalidate(key)

    async def describe_teams(self, team_ids: list[int]) -> list[dict[str, Any]]:
        """Compact team cards for the onboarding screen."""
        teams = await self._teams.get_many(team_ids)
        cards = []
        for team_id in team_ids:
            team = teams.get(team_id)
            if team is not None:
                cards.append({"team_id": team.id, "name": team.name, "crest_url": team.crest_url})
        return cards
