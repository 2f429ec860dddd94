from __future__ import annotations

import logging
import socket

from ..container import Container
from ..repositories.credentials import CredentialRepository
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

LOCK_KEY = "gatekeep:badge-expiry:lock"
LOOKAHEAD_MIN = 15


async def expire_once(container: Container) -> int:
    holder = socket.gethostname()
    if not await container.redis.set(LOCK_KEY, holder, nx=True):
        return 0
    try:
        now = utcnow()
        async with container.session_factory() as session:
            badges = await CredentialRepository(session).expiring_visitor_badges(
                before=now + timedelta(minutes=LOOKAHEAD_MIN)
            )
        expired = [b for b in badges if b.expires_at > now]
        for badge in expired:
            await container.credentials.revoke(badge.id, actor="system:badge-expiry", reason="visitor badge expired")
        if expired:
            log.info("revoked %d expired visitor badges", len(expired))
        return len(expired)
    finally:
        await container.redis.delete(LOCK_KEY)
