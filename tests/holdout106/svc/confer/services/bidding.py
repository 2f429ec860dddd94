from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.errors import Conflict, DomainError, Forbidden
from ..core.settings import Settings
from ..repositories.bids import BidRepository
from ..repositories.conferences import ConferenceRepository
from .assignment_solver import BID_COST

log = logging.getLogger(__name__)

# Track id -> "open" / "closed"; flipped by PC chairs from the admin API.
_BIDDING_PHASE: dict[int, str] = {}


def set_phase(track_id: int, phase: str) -> None:
    _BIDDING_PHASE[track_id] = phase


def current_phase(track_id: int) -> str:
    return _BIDDING_PHASE.get(track_id, "closed")


class BiddingService:
    def __init__(self, session: AsyncSession, settings: Settings, redis: aioredis.Redis) -> None:
        self.session = session
        self.settings = settings
        self.redis = redis
        self.bids = BidRepository(session)
        self.conferences = ConferenceRepository(session)

    async def place_bid(self, track_id: int, submission_id: int, reviewer_id: int, value: str) -> None:
        if value not in BID_COST:
            raise DomainError(f"unknown bid value {value!r}")
        if current_phase(track_id) != "open":
            raise Forbidden("bidding is closed for this track")
        track = await self.conferences.get_track(track_id)
        if track is None or datetime.now(timezone.utc) > track.bidding_closes_at:
            raise Forbidden("bidding deadline has passed")

        existing = await self.bids.for_reviewer(reviewer_id)
        if any(b.submission_id == submission_id for b in existing):
            await self.bids.upsert(submission_id, reviewer_id, value)
        else:
            if len(existing) >= self.settings.max_bids_per_reviewer:
                raise Conflict("bid limit reached")
            await self.bids.add(submission_id, reviewer_id, value)
        await self.session.commit()
        await self.redis.delete(f"bids:summary:{track_id}")

    async def summary(self, track_id: int, submission_ids: list[int]) -> dict[str, dict[str, int]]:
        key = f"bids:summary:{track_id}"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        out: dict[str, dict[str, int]] = {}
        for bid in await self.bids.for_submissions(submission_ids):
            counts = out.setdefault(str(bid.submission_id), {})
            counts[bid.value] = counts.get(bid.value, 0) + 1
        await self.redis.set(key, json.dumps(out), ex=120)
        return out
