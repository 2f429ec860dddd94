from __future__ import annotations

import asyncio
import logging
from typing import Any

from ..clients import LockVendorError
from ..models import AccessGrant, Door, Member
from ..repositories.access import GrantRepository
from ..repositories.locations import LocationRepository
from ..repositories.members import MemberRepository
from .base import PeriodicWorker

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


class AccessSyncWorker(PeriodicWorker):
    """Pushes pending grants and revocations to the lock vendor, then reconciles drift."""

    name = "access-sync"
    interval = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit = asyncio.Semaphore(self.ctx.settings.access_sync_concurrency)

    async def run_once(self) -> None:
        async with self.ctx.sessionmaker() as session:
            grants = await GrantRepository(session).claim_pending()
            if grants:
                members = await MemberRepository(session).by_ids({g.member_id for g in grants})
                doors = await LocationRepository(session).doors_by_ids({g.door_id for g in grants})
                await asyncio.gather(*(self._push(g, members.get(g.member_id), doors.get(g.door_id)) for g in grants))
            await session.commit()
        await self.reconcile()

    async def _push(self, grant: AccessGrant, member: Member | None, door: Door | None) -> None:
        async with self._limit:
            try:
                if grant.sync_state == "revoking":
                    if grant.vendor_grant_id:
                        await self.ctx.locks.revoke_grant(grant.vendor_grant_id)
                    grant.sync_state = "revoked"
                elif member is not None and member.badge_id and door is not None:
                    grant.vendor_grant_id = await self.ctx.locks.create_grant(
                        badge_id=member.badge_id,
                        vendor_door_id=door.vendor_door_id,
                        valid_from=grant.valid_from,
                        valid_until=grant.valid_until,
                        reference=f"grant-{grant.id}",
                    )
                    grant.sync_state = "synced"
            except LockVendorError as exc:
                grant.attempts += 1
                grant.last_error = str(exc)[:500]
                if grant.attempts >= MAX_ATTEMPTS:
                    grant.sync_state = "error"
                    logger.error("grant %s gave up after %d attempts: %s", grant.id, grant.attempts, exc)

    async def reconcile(self) -> None:
        """Find grants the vendor has that we did not issue (or lost), and flag them."""
        async with self.ctx.sessionmaker() as session:
            members = [m for m in await MemberRepository(session).active_members() if m.badge_id]
            local = await GrantRepository(session).for_members([m.id for m in members])
        drift = 0
        for member in members:
            vendor_grants = await self.ctx.locks.grants_for_badge(member.badge_id)
            for grant in (g for g in local if g.member_id == member.id):
                match = next((v for v in vendor_grants if v["id"] == grant.vendor_grant_id), None)
                if match is None:
                    drift += 1
                    logger.warning("grant %s for member %s missing at vendor", grant.id, member.id)
        if drift:
            logger.warning("access reconcile found %d missing vendor grants", drift)
