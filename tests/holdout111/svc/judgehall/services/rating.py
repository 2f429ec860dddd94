from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass

from judgehall.errors import Conflict
from judgehall.models import Contest
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.ratings import RatingRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.repositories.teams import TeamRepository
from judgehall.repositories.users import UserRepository
from judgehall.services.penalty import compute_standings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Participant:
    user_id: int
    rank: int
    rating: int


def _win_probability(a: int, b: int) -> float:
    return 1.0 / (1.0 + math.pow(10.0, (b - a) / 400.0))


def compute_deltas(participants: list[Participant]) -> dict[int, int]:
    """Elo-style seed/performance rating update, as used by most judges."""
    n = len(participants)
    if n < 2:
        return {p.user_id: 0 for p in participants}
    deltas: dict[int, int] = {}
    for p in participants:
        seed = 1.0 + sum(_win_probability(q.rating, p.rating) for q in participants if q.user_id != p.user_id)
        target = math.sqrt(seed * p.rank)
        lo, hi = 1, 8000
        while hi - lo > 1:
            mid = (lo + hi) // 2
            expected = 1.0 + sum(_win_probability(q.rating, mid) for q in participants if q.user_id != p.user_id)
            if expected < target:
                hi = mid
            else:
                lo = mid
        deltas[p.user_id] = (lo - p.rating) // 2
    correction = -sum(deltas.values()) // n - 1
    for uid in deltas:
        deltas[uid] += correction
    return deltas


class RatingService:
    def __init__(
        self,
        users: UserRepository,
        ratings: RatingRepository,
        teams: TeamRepository,
        submissions: SubmissionRepository,
        problems: ProblemRepository,
    ) -> None:
        self.users = users
        self.ratings = ratings
        self.teams = teams
        self.submissions = submissions
        self.problems = problems

    async def participants(self, contest: Contest) -> list[Participant]:
        subs = await self.submissions.judged_for_contest(contest.id)
        problems = await self.problems.list_for_contest(contest.id)
        standings = compute_standings(contest, subs, problems, frozen_view=False)
        members = await self.teams.members_of_teams([row.team_id for row in standings])
        ranked: list[tuple[int, int]] = []
        for row in standings:
            ranked.extend((uid, row.rank) for uid in members.get(row.team_id, []))
        result: list[Participant] = []
        for user_id, rank in ranked:
            user = await self.users.get(user_id)
            if user is not None and user.is_active:
                result.append(Participant(user_id=user_id, rank=rank, rating=user.rating))
        return result

    async def recalculate(self, contest: Contest) -> int:
        if not contest.rated:
            raise Conflict("contest is unrated")
        if contest.rating_applied:
            return 0
        participants = await self.participants(contest)
        deltas = await asyncio.to_thread(compute_deltas, participants)
        changes = [
            {"user_id": p.user_id, "rank": p.rank, "old_rating": p.rating, "new_rating": p.rating + deltas[p.user_id]}
            for p in participants
        ]
        await self.ratings.record(contest.id, changes)
        updated = await self.users.apply_deltas(deltas)
        contest.rating_applied = True
        log.info("contest %s: applied rating changes to %d users", contest.id, updated)
        return updated


def expected_rank(rating: int, field_ratings: list[int]) -> float:
    return 1.0 + sum(_win_probability(other, rating) for other in field_ratings)


def rating_title(rating: int) -> str:
    thresholds = [
        (2600, "grandmaster"),
        (2300, "master"),
        (2100, "candidate master"),
        (1900, "expert"),
        (1600, "specialist"),
        (1400, "pupil"),
    ]
    for floor, title in thresholds:
        if rating >= floor:
            return title
    return "newbie"
