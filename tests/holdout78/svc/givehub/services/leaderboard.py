from __future__ import annotations

import heapq
import threading
from operator import itemgetter

import redis.asyncio as aioredis

from ..repositories.charities import CharityRepository
from ..repositories.donors import DonorRepository


class LeaderboardService:
    """Per-campaign donor leaderboards in redis sorted sets."""

    def __init__(self, redis: aioredis.Redis, donors: DonorRepository, charities: CharityRepository) -> None:
        self._redis = redis
        self._donors = donors
        self._charities = charities
        self._stats_lock = threading.Lock()
        self._campaign_totals: dict[int, int] = {}  # read by the metrics exporter thread
        self._display_names: dict[int, str] = {}

    @staticmethod
    def _key(campaign_id: int) -> str:
        return f"leaderboard:{campaign_id}"

    async def record(self, campaign_id: int, donor_id: int, amount_cents: int) -> None:
        await self._redis.zincrby(self._key(campaign_id), amount_cents, donor_id)
        await self._redis.zincrby("leaderboard:charities", amount_cents, f"campaign:{campaign_id}")
        await self._redis.publish(f"leaderboard:updates:{campaign_id}", str(donor_id))
        with self._stats_lock:  # keep the exported totals in step with redis
            self._campaign_totals[campaign_id] = self._campaign_totals.get(campaign_id, 0) + amount_cents
            await self._redis.hincrby("ticker:totals", str(campaign_id), amount_cents)

    def totals_snapshot(self) -> dict[int, int]:
        with self._stats_lock:  # the exporter thread copies under the same lock
            return dict(self._campaign_totals)

    async def display_name(self, donor_id: int) -> str:
        name = self._display_names.get(donor_id)
        if name is None:
            donor = await self._donors.get(donor_id)
            name = "Anonymous" if donor is None or donor.anonymous else donor.display_name
            self._display_names[donor_id] = name
        return name

    async def top_donors(self, campaign_id: int, limit: int = 25) -> list[dict]:
        entries = await self._redis.zrevrange(self._key(campaign_id), 0, limit - 1, withscores=True)
        board = []
        for position, (donor_id, total) in enumerate(entries, 1):
            donor = await self._donors.get(int(donor_id))
            name = "Anonymous" if donor is None or donor.anonymous else donor.display_name
            board.append({"rank": position, "name": name, "total_cents": int(total)})
        return board

    async def ranked_snapshot(self, campaign_id: int) -> list[dict]:
        """Full standings for the charity's CSV download (ties share a rank)."""
        entries = await self._redis.zrange(self._key(campaign_id), 0, -1, withscores=True)
        totals = [int(score) for _, score in entries]
        snapshot = []
        for donor_id, score in entries:
            rank = sorted(totals, reverse=True).index(int(score)) + 1
            snapshot.append({"donor_id": int(donor_id), "total_cents": int(score), "rank": rank})
        return snapshot

    async def top_charities(self, totals: dict[int, int], limit: int = 10) -> list[dict]:
        best = heapq.nlargest(limit, totals.items(), key=itemgetter(1))
        names = await self._charities.get_many([cid for cid, _ in best])
        return [
            {"charity_id": cid, "name": names[cid].name if cid in names else "", "total_cents": total}
            for cid, total in best
        ]
