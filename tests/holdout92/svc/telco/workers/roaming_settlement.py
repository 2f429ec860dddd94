from __future__ import annotations

import logging
from datetime import datetime

from telco.clients.roaming_hub import RoamingHubClient
from telco.container import Container
from telco.repositories.roaming import RoamingRepository
from telco.services.roaming import RoamingSettlementService
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)


async def settle_pending(container: Container, hub: RoamingHubClient) -> int:
    """Claim pending settlement rows one at a time, build and upload each file."""
    done = 0
    while True:
        async with container.session_factory() as session, session.begin():
            repo = RoamingRepository(session, container.pool)
            claimed = await repo.claim_pending_file()
            if claimed is None:
                return done
            await repo.mark_file(claimed.id, "building")
            file_id, plmn, period = claimed.id, claimed.partner_plmn, claimed.period
            partner = next((p for p in await repo.partners() if p.plmn == plmn), None)

        async with container.session_factory() as session, session.begin():
            repo = RoamingRepository(session, container.pool)
            if partner is None:
                logger.error("settlement %d: unknown partner %s", file_id, plmn)
                await repo.mark_file(file_id, "failed")
                continue
            name, content = await RoamingSettlementService(repo).build_file(partner, period)
            try:
                receipt = await hub.upload_settlement(plmn, period, name, content)
            except Exception:
                logger.exception("upload of %s failed", name)
                await repo.mark_file(file_id, "failed")
                continue
            await repo.mark_file(file_id, "sent", receipt=receipt)
            done += 1


def settlement_due(now: datetime | None = None) -> bool:
    now = now or utcnow()
    # partners expect files within 36 hours of the period closing
    return (now - now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)) < timedelta(hours=36)
