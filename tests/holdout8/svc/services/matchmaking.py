"""Matchmaking: tickets in a redis sorted set per mode/region, matched by MMR."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import LockError

from svc.clients.geo import lookup_region
from svc.clients.notify import PushClient
from svc.db.players_repo import PlayersRepository
from svc.errors import ConflictError, NotFoundError
from svc.realtime import QueueStatusHub

logger = logging.getLogger(__name__)

MODES = ("duel", "squad", "ranked")
REGIONS = ("eu-west", "us-east", "us-west", "ap-south")
TEAM_SIZES = {"duel": 2, "squad": 8, "ranked": 10}
MMR_WINDOW = 150


@dataclass(slots=True)
class Ticket:
    player_id: int
    mode: str
    region: str
    mmr: int
    enqueued_at: float


class MatchmakingService:
    def __init__(self, redis: Redis, players: PlayersRepository, push: PushClient, hub: QueueStatusHub) -> None:
        self._redis = redis
        self._players = players
        self._push = push
        self._hub = hub
        self._tickets: dict[int, Ticket] = {}
        self._region_cache: dict[str, str] = {}
        self._lock = asyncio.Lock()
        self._background: set[asyncio.Task[Any]] = set()

    @staticmethod
    def _queue_key(mode: str, region: str) -> str:
        return f"mm:queue:{mode}:{region}"

    def _resolve_region(self, client_ip: str) -> str:
        region = self._region_cache.get(client_ip)
        if region is None:
            region = lookup_region(client_ip)
            self._region_cache[client_ip] = region
        return region

    async def enqueue(self, player_id: int, mode: str, client_ip: str) -> Ticket:
        if player_id in self._tickets:
            raise ConflictError("already in queue")
        profile = await self._players.get_profile(player_id)
        if profile is None:
            raise NotFoundError("unknown player")
        region = self._resolve_region(client_ip)
        ticket = Ticket(player_id, mode, region, profile.mmr, time.time())
        await self._redis.zadd(self._queue_key(mode, region), {str(player_id): profile.mmr})
        self._tickets[player_id] = ticket
        return ticket

    async def cancel(self, player_id: int) -> bool:
        async with self._lock:
            ticket = self._tickets.pop(player_id, None)
        if ticket is None:
            return False
        await self._redis.zrem(self._queue_key(ticket.mode, ticket.region), str(player_id))
        return True

    async def queue_sizes(self) -> dict[str, int]:
        pipe = self._redis.pipeline(transaction=False)
        keys = [self._queue_key(mode, region) for mode in MODES for region in REGIONS]
        for key in keys:
            pipe.zcard(key)
        counts = await pipe.execute()
        return dict(zip(keys, counts))

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _group(self, candidates: list[tuple[int, float]], size: int) -> list[list[int]]:
        matched: list[int] = []
        groups: list[list[int]] = []
        for player_id, mmr in candidates:
            if player_id in matched:
                continue
            group = [player_id]
            for other_id, other_mmr in candidates:
                if other_id != player_id and other_id not in group and abs(other_mmr - mmr) <= MMR_WINDOW:
                    group.append(other_id)
                if len(group) == size:
                    break
            if len(group) == size:
                groups.append(group)
                matched.extend(group)
        return groups

    async def form_matches(self, mode: str, region: str) -> int:
        key = self._queue_key(mode, region)
        raw = await self._redis.zrange(key, 0, 199, withscores=True)
        candidates = [(int(member), score) for member, score in raw]
        groups = self._group(candidates, TEAM_SIZES[mode])
        for group in groups:
            await self._redis.zrem(key, *[str(pid) for pid in group])
            match_id = uuid.uuid4()
            await self._redis.hset(f"match:{match_id}", mapping={"mode": mode, "region": region})
            self._spawn(self._announce(match_id, mode, group))
        return len(groups)

    async def _announce(self, match_id: uuid.UUID, mode: str, group: list[int]) -> None:
        for player_id in group:
            delivered = await self._hub.send_to_player(player_id, {"type": "match_found", "match_id": str(match_id)})
            if not delivered:
                asyncio.create_task(self._push.send(player_id, "Match found", f"Your {mode} match is ready"))

    async def run_matchmaker(self, stop: asyncio.Event, interval: float = 1.0) -> None:
        """Leader-elected matching loop: only the replica holding the lock forms matches."""
        backoff = interval
        while not stop.is_set():
            try:
                async with self._redis.lock("mm:leader", timeout=10, blocking_timeout=interval):
                    for mode in MODES:
                        for region in REGIONS:
                            await self.form_matches(mode, region)
                backoff = interval
            except LockError:
                logger.debug("matchmaker lock held by another replica")
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("matchmaker tick failed")
                backoff = min(backoff * 2, 30.0)
            await asyncio.sleep(backoff)
