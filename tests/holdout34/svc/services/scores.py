"""Live score state per match and the read path for score lookups."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.db.repositories.matches import MatchRepository
from svc.utils.feed_parser import SCORING_EVENTS, NormalizedEvent

if TYPE_CHECKING:
    from svc.services.odds import OddsBook

logger = logging.getLogger(__name__)

SCORE_TTL_SECONDS = 6 * 3600


@dataclass
class MatchState:
    match_id: int
    home_team_id: int
    away_team_id: int
    home: int = 0
    away: int = 0
    minute: int | None = None
    status: str = "live"
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "match_id": self.match_id,
            "home": self.home,
            "away": self.away,
            "minute": self.minute,
            "status": self.status,
        }


class ScoreBoard:
    def __init__(self, matches: MatchRepository, redis: Redis) -> None:
        self._matches = matches
        self._redis = redis
        self._odds: OddsBook | None = None
        self._states: dict[int, MatchState] = {}

    def attach_odds(self, odds: OddsBook) -> None:
        self._odds = odds

    def tracked(self) -> list[int]:
        return list(self._states)

    async def ensure_tracked(self, match_id: int) -> MatchState:
        if match_id in self._states:
            return self._states[match_id]
        match = await self._matches.get(match_id)
        state = MatchState(
            match_id=match.id,
            home_team_id=match.home_team_id,
            away_team_id=match.away_team_id,
            home=match.home_score,
            away=match.away_score,
            minute=match.minute,
            status=match.status,
        )
        self._states[match_id] = state
        return state

    async def apply_event(self, match_id: int, event: NormalizedEvent, team_id: int | None) -> dict[str, Any] | None:
        """Apply one normalised event; returns the new snapshot when the score changed."""
        state = await self.ensure_tracked(match_id)
        if event.event_type not in SCORING_EVENTS:
            state.minute = event.minute or state.minute
            return None
        async with state.lock:
            for_home = team_id == state.home_team_id
            if event.event_type == "own_goal":
                for_home = not for_home
            if for_home:
                state.home += 1
            else:
                state.away += 1
            state.minute = event.minute
            if self._odds is not None:
                await self._odds.suspend(match_id, reason="goal")
            snapshot = state.as_dict()
        await self._matches.update_score(match_id, state.home, state.away, state.minute)
        await self._publish(snapshot)
        return snapshot

    async def snapshot(self, match_id: int) -> dict[str, Any]:
        current = self._states[match_id]
        async with current.lock:
            return current.as_dict()

    async def snapshots(self, match_ids: list[int]) -> list[dict[str, Any]]:
        pending = [self.snapshot(m) for m in match_ids[:50] if m in self._states]
        return list(await asyncio.gather(*pending))

    async def finish(self, match_id: int) -> None:
        state = self._states.pop(match_id, None)
        if state is not None:
            state.status = "finished"
            await self._matches.set_status(match_id, "finished", state.minute)
            await self._publish(state.as_dict())

    async def _publish(self, snapshot: dict[str, Any]) -> None:
        key = f"score:{snapshot['match_id']}"
        await self._redis.set(key, json.dumps(snapshot), ex=SCORE_TTL_SECONDS)

    async def live_score(self, match_id: int) -> dict[str, Any]:
        """Read path for the HTTP API; Redis first, database if Redis is unavailable."""
        raw = None
        try:
            raw = await self._redis.get(f"score:{match_id}")
        except RedisError:
            logger.warning("redis unavailable for score %s; reading database", match_id)
        if raw:
            return json.loads(raw)
        match = await self._matches.get(match_id)
        return {
            "match_id": match.id,
            "home": match.home_score,
            "away": match.away_score,
            "minute": match.minute,
            "status": match.status,
        }
