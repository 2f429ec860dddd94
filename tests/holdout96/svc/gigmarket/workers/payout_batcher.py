from __future__ import annotations

import logging
from datetime import datetime, timezone

from ..db import SessionFactory
from ..errors import PayoutError
from ..models import PayoutAccount
from ..repositories.payouts_repo import PayoutsRepository
from ..repositories.users_repo import UsersRepository
from ..services.payouts import PayoutService
from ..settings import Settings

logger = logging.getLogger(__name__)


class PayoutBatcher:
    def __init__(self, settings: Settings, service_factory) -> None:
        self.settings = settings
        self.service_factory = service_factory

    async def run_once(self) -> dict[str, int]:
        async with SessionFactory() as session:
            repo = PayoutsRepository(session)
            users = UsersRepository(session)
            due = await repo.due(datetime.now(timezone.utc), self.settings.payout_batch_size)
            if not due:
                return {"bank": 0, "partner": 0}
            accounts: dict[int, PayoutAccount] = {}
            freelancer_ids: list[int] = []
            for payout in due:
                if payout.freelancer_id not in freelancer_ids:
                    freelancer_ids.append(payout.freelancer_id)
                    account = await users.get_payout_account(payout.freelancer_id)
                    if account is not None:
                        accounts[payout.freelancer_id] = account
            missing = [p.id for p in due if p.freelancer_id not in accounts]
            if missing:
                logger.warning("%d payouts have no payout account configured: %s", len(missing), missing[:20])
            service: PayoutService = self.service_factory(session)
            groups = service.split_by_method(due, accounts)
            sent_bank = await service.send_bank(groups.get("bank", []), accounts)
            await session.commit()
            sent_partner = 0
            if groups.get("paypout"):
                try:
                    await service.send_partner(groups["paypout"], accounts)
                    sent_partner = len(groups["paypout"])
                except PayoutError:
                    logger.error("partner batch failed; payouts stay queued for the next run")
        logger.info("payout batch: %d bank, %d partner", sent_bank, sent_partner)
        return {"bank": sent_bank, "partner": sent_partner}
