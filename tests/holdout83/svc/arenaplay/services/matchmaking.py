from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from arenaplay.clients.geo import GeoClient
from arenaplay.db.engine import SessionFactory
from arenaplay.errors import ConflictError
from arenaplay.repositories.matches import MatchRepository
from arenaplay.schemas import QueueTicketOut
from arenaplay.services.sessions import SessionManager

logger = logging.getLogger(__name__)

QUEUED_SET = "mm:queued"
TEAM_SIZE = {"solo": 1, "duo": 2, "squad": 4}


def queue_key(mode: str, region: str) -> str:
    return f"mm:q:{mode}:{region}"


def load_map_pool(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["maps"]


class MatchmakingService:
    def __init__(self, redis: Redis, geo: GeoClient, sessions: SessionManager, map_pool: list[str]) -> None:
        self._redis = redis
        self._geo = geo
        self._sessions = sessions
        self._map_pool = map_pool
        self._queue_lock = asyncio.Lock()
        sessions.requeue_hook = self.requeue

    async def enqueue(self, player_id: int, mode: str, client_ip: str, rating: float) -> QueueTicketOut:
        region = await self._geo.region_for(client_ip)
        if await self._redis.sismember(QUEUED_SET, player_id):
            raise ConflictError("already queued")
        ticket = {"player_id": player_id, "rating": rating, "since": time.time(), "region": region}
        await self._redis.sadd(QUEUED_SET, player_id)
        await self._redis.zadd(queue_key(mode, region), {json.dumps(ticket): rating})
        position = await self._redis.zcard(queue_key(mode, region))
        return QueueTicketOut(ticket_id=f"{mode}:{player_id}", mode=mode, region=region, position=position)

    async def leave(self, player_id: int, mode: str, region: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.srem(QUEUED_SET, player_id)
            pipe.zremrangebyscore(queue_key(mode, region), "-inf", "+inf")
            await pipe.execute()

    async def _pop_candidates(self, mode: str, region: str, count: int) -> list[dict[str, Any]]:
        popped = await self._redis.zpopmin(queue_key(mode, region), count)
        return [json.loads(member) for member, _score in popped]

    def _group(self, candidates: list[dict[str, Any]], team_size: int, spread: float) -> list[list[dict[str, Any]]]:
        lobbies: list[list[dict[str, Any]]] = []
        matched: list[dict[str, Any]] = []
        for entry in candidates:
            if entry["player_id"] not in [p["player_id"] for p in matched]:
                lobby = [entry]
                for other in candidates:
                    if other is entry or other in matched or other in lobby:
                        continue
                    if abs(other["rating"] - entry["rating"]) <= spread:
                        lobby.append(other)
                    if len(lobby) == team_size * 2:
                        break
                if len(lobby) == team_size * 2:
                    matched.extend(lobby)
                    lobbies.append(lobby)
        return lobbies

    async def pair_once(self, mode: str, region: str, batch: int = 200) -> int:
        team_size = TEAM_SIZE[mode]
        async with self._queue_lock:
            candidates = await self._pop_candidates(mode, region, batch)
            lobbies = self._group(candidates, team_size, spread=150.0)
            leftovers = [c for c in candidates if not any(c in lobby for lobby in lobbies)]
            async with self._sessions.lock:
                for lobby in lobbies:
                    await self._start_match(mode, region, lobby, team_size)
            if leftovers:
                await self._redis.zadd(queue_key(mode, region), {json.dumps(c): c["rating"] for c in leftovers})
        return len(lobbies)

    async def _start_match(self, mode: str, region: str, lobby: list[dict[str, Any]], team_size: int) -> None:
        ids = [e["player_id"] for e in sorted(lobby, key=lambda e: e["rating"])]
        teams = [ids[0::2], ids[1::2]]
        async with SessionFactory() as db:
            match = await MatchRepository(db).create(mode, random.choice(self._map_pool), region, None, teams)
            await db.commit()
        await self._redis.srem(QUEUED_SET, *ids)
        await self._redis.publish("queue:events", json.dumps({"type": "matched", "match_id": match.id, "players": ids}))

    async def requeue(self, mode: str, player_ids: list[int]) -> None:
        async with self._queue_lock:
            for pid in player_ids:
                try:
                    await self._redis.srem(QUEUED_SET, pid)
                    await self._redis.publish("queue:events", json.dumps({"type": "requeue", "player": pid, "mode": mode}))
                except RedisError:
                    pass
