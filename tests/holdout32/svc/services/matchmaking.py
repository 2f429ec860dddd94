"""Matchmaking queues (Redis sorted sets keyed by mode and region) and match results."""
from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from functools import lru_cache
from statistics import fmean

import httpx
from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.geo import GeoClient
from svc.config import Settings
from svc.db.models import Match, Player
from svc.db.repositories import MatchRepository, RatingRepository
from svc.errors import AlreadyQueuedError, DependencyUnavailableError, GameError, NotFoundError
from svc.feature_flags import FeatureFlags
from svc.services.leaderboard import LeaderboardService
from svc.services.rewards import current_season

logger = logging.getLogger(__name__)

DEFAULT_MMR = 1500
MODE_TEAM_SIZE = {"ranked": 5, "casual": 5, "duel": 1}
QUEUE_KEY = "mm:queue:{mode}:{region}"
TICKET_KEY = "mm:ticket:{player_id}"
TICKET_TTL_SECONDS = 900
PROVISIONAL_GAMES = 20


@lru_cache(maxsize=4096)
def expected_score(rating_a: int, rating_b: int) -> float:
    return 1.0 / (1.0 + 10 ** ((rating_b - rating_a) / 400.0))


def new_rating(current: int, games_played: int, team_avg: float, opp_avg: float, won: bool) -> int:
    k = 48 if games_played < PROVISIONAL_GAMES else 32 if games_played < 200 else 24
    expected = expected_score(round(team_avg), round(opp_avg))
    return max(0, round(current + k * ((1.0 if won else 0.0) - expected)))


def team_average(ratings: list[int]) -> float:
    return fmean(ratings) if ratings else float(DEFAULT_MMR)


class Ticket(BaseModel):
    player_id: int
    mode: str
    region: str
    mmr: int
    party_id: str | None = None
    queued_at: float = Field(default_factory=time.time)


class PlayerResult(BaseModel):
    player_id: int
    result: str = Field(pattern="^(win|loss|draw)$")
    kills: int = 0
    deaths: int = 0


class MatchResultIn(BaseModel):
    players: list[PlayerResult]


class MatchmakingService:
    def __init__(
        self,
        session: AsyncSession,
        redis: Redis,
        geo: GeoClient,
        flags: FeatureFlags,
        settings: Settings,
    ) -> None:
        self.session = session
        self.redis = redis
        self.geo = geo
        self.flags = flags
        self.settings = settings
        self.ratings = RatingRepository(session)
        self.matches = MatchRepository(session)
        self.leaderboard = LeaderboardService(redis, session)

    async def enqueue(
        self, player: Player, mode: str, client_ip: str, party_id: str | None = None
    ) -> Ticket:
        if mode not in MODE_TEAM_SIZE:
            raise GameError(f"unknown mode {mode}")
        if not self.flags.is_enabled(f"queue_open:{mode}", default=True):
            raise DependencyUnavailableError(f"the {mode} queue is closed")
        rating = await self.ratings.get_rating(player.id, mode)
        mmr = rating.mmr if rating else DEFAULT_MMR
        try:
            region = await self.geo.best_region(client_ip)
        except (httpx.HTTPError, KeyError):
            logger.warning("geo lookup failed for player %s; using home region", player.id)
            region = player.region or self.settings.default_region
        ticket = Ticket(player_id=player.id, mode=mode, region=region, mmr=mmr, party_id=party_id)
        created = await self.redis.set(
            TICKET_KEY.format(player_id=player.id), ticket.model_dump_json(), nx=True, ex=TICKET_TTL_SECONDS
        )
        if not created:
            raise AlreadyQueuedError("already in a queue")
        await self.redis.zadd(QUEUE_KEY.format(mode=mode, region=region), {str(player.id): mmr})
        logger.info("queued player %s for %s/%s at %s", player.id, mode, region, mmr)
        return ticket

    async def cancel(self, player_id: int) -> bool:
        raw = await self.redis.getdel(TICKET_KEY.format(player_id=player_id))
        if raw is None:
            return False
        ticket = Ticket.model_validate_json(raw)
        await self.redis.zrem(QUEUE_KEY.format(mode=ticket.mode, region=ticket.region), str(player_id))
        return True

    async def record_result(self, match_id: int, body: MatchResultIn) -> Match:
        match = await self.matches.get_with_participants(match_id)
        if match is None:
            raise NotFoundError(f"match {match_id} not found")
        if match.status == "finished":
            return match
        outcome = {r.player_id: r for r in body.players}
        teams: dict[int, list[int]] = {}
        for member in match.participants:
            teams.setdefault(member.team, []).append(member.mmr_before)
        averages = {team: team_average(mmrs) for team, mmrs in teams.items()}
        existing = await self.ratings.for_players([p.player_id for p in match.participants], match.mode)

        updates: dict[int, tuple[int, float]] = {}
        for participant in match.participants:
            result = outcome.get(participant.player_id)
            if result is None:
                continue
            opponents = [avg for team, avg in averages.items() if team != participant.team]
            current = existing.get(participant.player_id)
            games = current.games_played if current else 0
            deviation = current.deviation if current else 350.0
            new_mmr = new_rating(
                participant.mmr_before,
                games,
                averages[participant.team],
                team_average([round(o) for o in opponents]),
                won=result.result == "win",
            )
            participant.result = result.result
            participant.kills = result.kills
            participant.deaths = result.deaths
            participant.mmr_after = new_mmr
            updates[participant.player_id] = (new_mmr, max(50.0, deviation * 0.97))

        await self.ratings.upsert_many(match.mode, updates)
        match.status = "finished"
        match.ended_at = datetime.now(UTC)
        season = await current_season(self.session)
        await self.session.commit()

        scores = {pid: float(mmr) for pid, (mmr, _) in updates.items()}
        if season is not None:
            await self.leaderboard.submit_scores(match.mode, scores, season_id=season.id)
        return match
