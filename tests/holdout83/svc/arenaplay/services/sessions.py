from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from arenaplay.db.engine import SessionFactory
from arenaplay.infra.pubsub import Publisher
from arenaplay.repositories.matches import MatchRepository
from arenaplay.utils.codec import StateCodec
from arenaplay.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

RequeueHook = Callable[[str, list[int]], Awaitable[None]]


@dataclass
class MatchSession:
    match_id: str
    mode: str
    players: set[int]
    state: dict[str, Any] = field(default_factory=dict)
    tick: int = 0
    connected: set[int] = field(default_factory=set)


class SessionManager:
    """Owns the authoritative game state of matches hosted on this node."""

    def __init__(self, publisher: Publisher, codec: StateCodec) -> None:
        self.lock = asyncio.Lock()
        self._publisher = publisher
        self._codec = codec
        self._sessions: dict[str, MatchSession] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.requeue_hook: RequeueHook | None = None

    def get(self, match_id: str) -> MatchSession | None:
        return self._sessions.get(match_id)

    async def open(self, match_id: str, mode: str, players: list[int]) -> MatchSession:
        async with self.lock:
            session = self._sessions.get(match_id)
            if session is None:
                session = MatchSession(match_id=match_id, mode=mode, players=set(players))
                session.state = {"positions": {str(p): [0.0, 0.0] for p in players}, "scores": {}}
                self._sessions[match_id] = session
        return session

    async def apply_input(self, match_id: str, player_id: int, payload: dict[str, Any]) -> bytes:
        session = self._sessions[match_id]
        if player_id not in session.players:
            raise PermissionError("not in match")
        pos = session.state["positions"].setdefault(str(player_id), [0.0, 0.0])
        pos[0] += float(payload.get("dx", 0.0))
        pos[1] += float(payload.get("dy", 0.0))
        session.tick += 1
        snapshot = copy.deepcopy(session.state)
        snapshot["tick"] = session.tick
        frame = await self._codec.encode(snapshot)
        asyncio.create_task(self._publisher.match_event(match_id, {"tick": session.tick, "by": player_id}))
        return frame

    async def finish(self, match_id: str) -> None:
        async with self.lock:
            session = self._sessions.pop(match_id, None)
        if session is None:
            return
        task = asyncio.create_task(self._persist_end(match_id, "finished"))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def abandon(self, match_id: str, leaver: int) -> None:
        async with self.lock:
            session = self._sessions.pop(match_id, None)
            if session is None:
                return
            remaining = [p for p in session.players if p != leaver]
            if self.requeue_hook is not None:
                await self.requeue_hook(session.mode, remaining)
        await self._persist_end(match_id, "abandoned")

    async def _persist_end(self, match_id: str, status: str) -> None:
        async with SessionFactory() as db:
            await MatchRepository(db).set_status(match_id, status, utcnow())
            await db.commit()

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
