"""Nightly reconciliation of partner miles credits against our ledger."""
from __future__ import annotations

import json
import logging
from datetime import timedelta

from ..db import pg
from ..db.engine import sessionmaker
from ..integrations.partner_loyalty import PartnerLoyaltyClient
from ..repositories import loyalty as loyalty_repo
from ..repositories import passengers as passengers_repo
from ..utils.common import utcnow
from ..config import get_settings

log = logging.getLogger(__name__)


class MilesReconciler:
    def __init__(self, partner: PartnerLoyaltyClient) -> None:
        self._partner = partner

    async def run_once(self) -> dict[str, int]:
        since = utcnow() - timedelta(days=settings.reconcile_window_days)
        rows = await pg.fetch(
            "SELECT external_ref, body FROM partner_callbacks WHERE partner = 'miles' AND received_at >= $1",
            since,
        )
        stats = {"seen": 0, "posted": 0, "unknown_member": 0}
        async with sessionmaker()() as session:
            for row in rows:
                stats["seen"] += 1
                body = json.loads(row["body"])
                try:
                    ref = body["confirmation"]
                    member = body["member"]
                    miles = int(body["miles"])
                except (KeyError, ValueError):
                    continue
                if await loyalty_repo.ledger_by_partner_ref(session, ref) is not None:
                    continue
                passenger = await passengers_repo.by_loyalty_number(session, member)
                if passenger is None:
                    stats["unknown_member"] += 1
                    await self._partner.lookup_member(member, include_history=True)
                    continue
                account = await loyalty_repo.account_for_passenger(session, passenger.id)
                if account is None:
                    continue
                await loyalty_repo.credit(session, account.id, miles, 0)
                await loyalty_repo.add_ledger(session, account.id, miles, "PARTNER_IN", partner_ref=ref)
                stats["posted"] += 1
            await session.commit()
        log.info("partner reconciliation: %s", stats)
        return stats
