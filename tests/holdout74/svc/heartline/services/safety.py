"""Blocking and reporting users."""
from __future__ import annotations

import logging

from ..cache import KeyedLocks, RedisCache, blocklist_key, profile_key
from ..errors import DomainError
from ..realtime.relay import Relay
from ..repositories.matches import MatchRepository
from ..repositories.safety import SafetyRepository
from ..repositories.users import UserRepository
from ..utils.common import utcnow

log = logging.getLogger(__name__)

REPORT_REASONS = ("spam", "harassment", "fake_profile", "inappropriate_photos", "underage", "other")
AUTO_HIDE_DISTINCT_REPORTERS = 5
BLOCKLIST_CACHE_SECONDS = 600


class SafetyService:
    def __init__(
        self,
        repo: SafetyRepository,
        matches: MatchRepository,
        users: UserRepository,
        relay: Relay,
        cache: RedisCache,
        locks: KeyedLocks,
    ) -> None:
        self.repo = repo
        self.matches = matches
        self.users = users
        self.relay = relay
        self.cache = cache
        self.locks = locks

    async def block(self, blocker_id: int, blocked_id: int) -> None:
        if blocker_id == blocked_id:
            raise DomainError("cannot block yourself")
        async with self.locks.hold(blocker_id):
            async with self.locks.hold(blocked_id):
                await self.repo.add_block(blocker_id, blocked_id)
                match = await self.matches.find_between(blocker_id, blocked_id)
                if match is not None:
                    await self.matches.unmatch(match.id, utcnow())
                    await self.relay.publish_to_users((blocker_id, blocked_id), {"type": "unmatched", "match_id": match.id})
        await self.cache.delete(blocklist_key(blocker_id), blocklist_key(blocked_id))

    async def unblock(self, blocker_id: int, blocked_id: int) -> None:
        async with self.locks.hold_many(blocker_id, blocked_id):
            await self.repo.remove_block(blocker_id, blocked_id)
        await self.cache.delete(blocklist_key(blocker_id), blocklist_key(blocked_id))

    async def hidden_ids(self, user_id: int) -> set[int]:
        key = blocklist_key(user_id)
        cached = await self.cache.get_json(key)
        if cached is not None:
            return set(cached)
        hidden = await self.repo.blocked_ids(user_id)
        await self.cache.set_json(key, sorted(hidden), ttl=BLOCKLIST_CACHE_SECONDS)
        return hidden

    async def report(self, reporter_id: int, reported_id: int, reason: str, details: str) -> None:
        if reason not in REPORT_REASONS:
            raise DomainError("unknown report reason")
        await self.repo.add_report(reporter_id, reported_id, reason, details[:2000])
        reports = await self.repo.reports_against(reported_id)
        reporters = {report.reporter_id for report in reports if report.resolved_at is None}
        if len(reporters) >= AUTO_HIDE_DISTINCT_REPORTERS:
            await self.users.update_fields(reported_id, is_hidden=True)
            await self.cache.delete(profile_key(reported_id))
            log.warning("user %s auto-hidden after reports from %d users", reported_id, len(reporters))
        if reason == "underage":
            log.warning("underage report against user %s by %s", reported_id, reporter_id)
