from __future__ import annotations

import asyncio
import logging

from cachetools import TTLCache
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients import LockVendorError
from ..clients.locks import LockVendorClient
from ..errors import Forbidden, NotFound, UpstreamUnavailable
from ..models import Door
from ..repositories.access import DoorEventStore, GrantRepository
from ..repositories.locations import LocationRepository
from ..repositories.members import MemberRepository
from ..utils.crypto import hash_pin, verify_pin
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)


class AccessService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], locks: LockVendorClient,
                 events: DoorEventStore, redis: Redis) -> None:
        self._sessionmaker = sessionmaker
        self._locks = locks
        self._events = events
        self._redis = redis
        self._badge_members: TTLCache[str, int] = TTLCache(maxsize=20_000, ttl=60)

    async def _record(self, door: Door, method: str, outcome: str, member_id: int | None = None,
                      badge_id: str | None = None) -> None:
        await self._events.record(location_id=door.location_id, door_id=door.id, method=method, outcome=outcome,
                                  member_id=member_id, badge_id=badge_id)
        fields = {"door_id": door.id, "door": door.name, "method": method, "outcome": outcome,
                  "member_id": member_id or "", "badge_id": badge_id or ""}
        # the dashboard only ever shows the latest activity, so the stream is trimmed as it grows
        await self._redis.xadd(f"doors:{door.location_id}", fields, maxlen=5_000, approximate=True)

    async def member_for_badge(self, badge_id: str) -> int | None:
        member_id = self._badge_members.get(badge_id)
        if member_id is not None:
            return member_id
        async with self._sessionmaker() as session:
            member = await MemberRepository(session).by_badge(badge_id)
        if member is None or member.status != "active":
            return None
        self._badge_members[badge_id] = member.id
        return member.id

    async def verify_door_pin(self, member_id: int, door_id: int, pin: str) -> bool:
        async with self._sessionmaker() as session:
            member = await MemberRepository(session).get(member_id)
            door = await LocationRepository(session).get_door(door_id)
        if member is None or door is None:
            raise NotFound("door not found")
        ok = member.pin_hash is not None and verify_pin(pin, member.pin_hash)
        await self._record(door, "pin", "granted" if ok else "denied", member_id=member.id)
        return ok

    async def set_pin(self, member_id: int, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise Forbidden("PIN must be 4 to 8 digits")
        digest = await asyncio.to_thread(hash_pin, pin)
        async with self._sessionmaker() as session:
            member = await MemberRepository(session).get(member_id)
            if member is None:
                raise NotFound("member not found")
            member.pin_hash = digest
            await session.commit()

    async def remote_unlock(self, member_id: int, door_id: int) -> None:
        async with self._sessionmaker() as session:
            door = await LocationRepository(session).get_door(door_id)
            if door is None:
                raise NotFound("door not found")
            allowed = await GrantRepository(session).allows(member_id, door_id, utcnow())
        if not allowed:
            await self._record(door, "remote", "denied", member_id=member_id)
            raise Forbidden("no access to this door")
        try:
            await self._locks.unlock_door(door.vendor_door_id)
        except LockVendorError as exc:
            logger.warning("remote unlock of door %s for member %s failed: %s", door_id, member_id, exc)
            await self._record(door, "remote", "error", member_id=member_id)
            raise UpstreamUnavailable("the door did not respond, try your badge") from exc
        await self._record(door, "remote", "granted", member_id=member_id)
        logger.info("door %s unlocked remotely by member %s", door_id, member_id)

    async def is_allowed(self, badge_id: str, door_id: int) -> bool:
        """Lobby tablets ask before buzzing a door; answers from synced grants if the vendor is down."""
        async with self._sessionmaker() as session:
            door = await LocationRepository(session).get_door(door_id)
        if door is None:
            raise NotFound("door not found")
        try:
            return await self._locks.check_access(badge_id, door.vendor_door_id)
        except LockVendorError as exc:  # vendor down or slow: answer from local grants below
            logger.warning("access check for door %s served from local grants: %s", door_id, exc)
        member_id = await self.member_for_badge(badge_id)
        if member_id is None:
            return False
        async with self._sessionmaker() as session:
            return await GrantRepository(session).allows(member_id, door_id, utcnow())

    async def on_membership_cancelled(self, member_id: int) -> None:
        async with self._sessionmaker() as session:
            grants = await GrantRepository(session).for_member(member_id)
            for grant in grants:
                if grant.vendor_grant_id:
                    try:
                        await self._locks.revoke_grant(grant.vendor_grant_id)
                    except LockVendorError:
                        pass
                grant.sync_state = "revoked"
            await session.commit()
        self._badge_members.clear()
