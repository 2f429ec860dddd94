"""Live collaborative editor: rooms of connected translators, segment locks and saves."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.db.models import Translation
from glossa.errors import Conflict, SegmentLocked
from glossa.repositories.strings import TranslationRepository
from glossa.services.presence import PresenceBroadcaster
from glossa.settings import Settings
from glossa.utils.text import placeholders_match

logger = logging.getLogger(__name__)

_RELEASE_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@dataclass(eq=False)
class Member:
    conn_id: str
    user_id: int
    display_name: str
    queue: asyncio.Queue
    joined_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


@dataclass(eq=False)
class Room:
    project_id: int
    locale: str
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    holders: dict[int, int] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)

    async def snapshot(self) -> dict:
        async with self.lock:
            return {
                "type": "presence",
                "project_id": self.project_id,
                "locale": self.locale,
                "locks": dict(self.holders),
                "members": [{"user_id": m.user_id, "name": m.display_name} for m in self.members.values()],
            }


class SegmentLocks:
    """Who is editing which segment. Lives in redis so every replica sees the same locks."""

    def __init__(self, client: redis.Redis, ttl: int = 120) -> None:
        self._redis = client
        self._ttl = ttl
        self._release_script = client.register_script(_RELEASE_LUA)

    @staticmethod
    def _key(project_id: int, locale: str, segment_id: int) -> str:
        return f"seglock:{project_id}:{locale}:{segment_id}"

    async def acquire(self, project_id: int, locale: str, segment_id: int, user_id: int) -> bool:
        key = self._key(project_id, locale, segment_id)
        holder = await self._redis.get(key)
        if holder is not None and int(holder) != user_id:
            return False
        await self._redis.set(key, user_id, ex=self._ttl)
        return True

    async def release(self, project_id: int, locale: str, segment_id: int, user_id: int) -> bool:
        key = self._key(project_id, locale, segment_id)
        return bool(await self._release_script(keys=[key], args=[str(user_id)]))


class EditorService:
    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], presence: PresenceBroadcaster,
                 locks: SegmentLocks, translations: TranslationRepository) -> None:
        self._settings = settings
        self._sessions = sessions
        self._presence = presence
        self._locks = locks
        self._translations = translations
        # connections held by this process; the shared state (locks, saves) is in redis and postgres
        self._rooms: dict[tuple[int, str], Room] = {}

    def room(self, project_id: int, locale: str) -> Room:
        key = (project_id, locale)
        room = self._rooms.get(key)
        if room is None:
            room = self._rooms[key] = Room(project_id, locale)
        return room

    def channel_for(self, room: Room) -> str:
        return self._presence.channel(room.project_id, room.locale)

    def has_capacity(self, project_id: int) -> bool:
        local = sum(len(r.members) for (pid, _), r in self._rooms.items() if pid == project_id)
        return local < self._settings.ws_max_per_project

    async def _broadcast(self, room: Room, *, reason: str) -> None:
        logger.debug("presence update project=%s locale=%s reason=%s", room.project_id, room.locale, reason)
        await self._presence.publish_room(room)

    async def join(self, room: Room, member: Member) -> None:
        async with room.lock:
            room.members[member.conn_id] = member
        await self._broadcast(room, reason="join")

    async def leave(self, room: Room, conn_id: str) -> None:
        async with room.lock:
            member = room.members.pop(conn_id, None)
            released = [sid for sid, uid in room.holders.items() if member is not None and uid == member.user_id]
            for sid in released:
                del room.holders[sid]
        if member is not None:
            for sid in released:
                await self._locks.release(room.project_id, room.locale, sid, member.user_id)
        if not room.members:
            self._rooms.pop((room.project_id, room.locale), None)
        await self._broadcast(room, reason="leave")

    async def claim_segment(self, room: Room, member: Member, segment_id: int) -> bool:
        if not await self._locks.acquire(room.project_id, room.locale, segment_id, member.user_id):
            return False
        async with room.lock:
            room.holders[segment_id] = member.user_id
            await self._broadcast(room, reason="claim")
        return True

    async def release_segment(self, room: Room, member: Member, segment_id: int) -> None:
        async with room.lock:
            if room.holders.get(segment_id) == member.user_id:
                del room.holders[segment_id]
        await self._locks.release(room.project_id, room.locale, segment_id, member.user_id)
        await self._broadcast(room, reason="release")

    async def save_segment(self, room: Room, member: Member, segment_id: int, text: str, source_text: str, base_version: int) -> int:
        if room.holders.get(segment_id) != member.user_id:
            raise SegmentLocked(f"segment {segment_id} is not locked by you")
        if not placeholders_match(source_text, text):
            raise Conflict("the translation must keep every placeholder of the source")
        async with self._sessions() as session, session.begin():
            tr = await self._translations.lock_for_string(session, segment_id, room.locale)
            if tr is None:
                tr = Translation(string_id=segment_id, locale=room.locale, text=text, translator_id=member.user_id)
                session.add(tr)
                version = 1
            elif tr.version != base_version:
                raise Conflict(f"segment {segment_id} changed since version {base_version}")
            else:
                tr.text = text
                tr.status = "translated"
                tr.translator_id = member.user_id
                tr.version += 1
                version = tr.version
        await self._presence.publish_event(
            room.project_id, room.locale, {"type": "saved", "segment": segment_id, "version": version, "by": member.user_id}
        )
        return version
