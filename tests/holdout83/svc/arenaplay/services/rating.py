from __future__ import annotations

import logging
import math
from functools import lru_cache

from arenaplay.repositories.matches import MatchRepository
from arenaplay.repositories.ratings import DEFAULT_MU, RatingRepository
from arenaplay.schemas import MatchResultIn

logger = logging.getLogger(__name__)


@lru_cache(maxsize=256)
def k_factor(games_bucket: int) -> float:
    return max(16.0, 48.0 * math.exp(-games_bucket / 10))


def expected_score(rating_a: float, rating_b: float) -> float:
    return 1.0 / (1.0 + 10 ** ((rating_b - rating_a) / 400))


def team_average(ratings: list[float]) -> float:
    return sum(ratings) / len(ratings) if ratings else DEFAULT_MU


class RatingService:
    def __init__(self, ratings: RatingRepository, matches: MatchRepository) -> None:
        self._ratings = ratings
        self._matches = matches

    async def apply_match_result(self, match_id: str, mode: str, result: MatchResultIn) -> dict[int, float]:
        match = await self._matches.get_with_participants(match_id)
        if match is None:
            return {}
        teams: dict[int, list[int]] = {}
        for participant in match.participants:
            teams.setdefault(participant.team, []).append(participant.player_id)
        all_ids = [pid for members in teams.values() for pid in members]
        current = await self._ratings.fetch_many(all_ids, mode)
        team_mu = {
            team: team_average([current[p].mu if p in current else DEFAULT_MU for p in members])
            for team, members in teams.items()
        }
        deltas: dict[int, float] = {}
        for team, members in teams.items():
            opponents = [mu for t, mu in team_mu.items() if t != team]
            exp = expected_score(team_mu[team], team_average(opponents))
            actual = 1.0 if team == result.winner_team else 0.0
            for pid in members:
                games = current[pid].games if pid in current else 0
                deltas[pid] = round(k_factor(min(games, 50) // 5) * (actual - exp), 2)
        for pid, delta in deltas.items():
            await self._ratings.apply_delta(pid, mode, delta, sigma=max(60.0, 350.0 - 5 * len(deltas)))
        await self._matches.record_scores(match_id, result.scores, deltas)
        await self._ratings.commit()
        return deltas
