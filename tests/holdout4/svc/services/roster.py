"""Replica-local view of channel rosters and topics for mention autocomplete.

Entries are refreshed from the database; a stale roster only affects autocomplete.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import Channel, ChannelMember


@dataclass
class _ChannelLocks:
    members: asyncio.Lock = field(default_factory=asyncio.Lock)
    topic: asyncio.Lock = field(default_factory=asyncio.Lock)


class ChannelRoster:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._locks: dict[int, _ChannelLocks] = {}
        self._members: dict[int, frozenset[int]] = {}
        self._topics: dict[int, str] = {}

    def _locks_for(self, channel_id: int) -> _ChannelLocks:
        locks = self._locks.get(channel_id)
        if locks is None:
            locks = self._locks[channel_id] = _ChannelLocks()
        return locks

    async def members(self, channel_id: int) -> frozenset[int]:
        cached = self._members.get(channel_id)
        if cached is not None:
            return cached
        async with self._locks_for(channel_id).members:
            if channel_id not in self._members:
                self._members[channel_id] = await self._load_members(channel_id)
            return self._members[channel_id]

    async def _load_members(self, channel_id: int) -> frozenset[int]:
        async with self._sessions() as session:
            rows = await session.scalars(select(ChannelMember.user_id).where(ChannelMember.channel_id == channel_id))
            return frozenset(rows.all())

    async def add_member(self, channel_id: int, user_id: int) -> None:
        locks = self._locks_for(channel_id)
        async with locks.members:
            async with self._sessions() as session, session.begin():
                session.add(ChannelMember(channel_id=channel_id, user_id=user_id))
            self._members[channel_id] = self._members.get(channel_id, frozenset()) | {user_id}
            async with locks.topic:
                self._topics.pop(channel_id, None)

    async def set_topic(self, channel_id: int, topic: str, notify_members: bool = True) -> frozenset[int]:
        guard = self._locks_for(channel_id)
        async with guard.topic:
            async with self._sessions() as session, session.begin():
                await session.execute(update(Channel).where(Channel.id == channel_id).values(topic=topic))
            self._topics[channel_id] = topic
            if not notify_members:
                return frozenset()
            async with guard.members:
                return self._members.get(channel_id, frozenset())
