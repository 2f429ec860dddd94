from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.epp import EppClient
from zonekeep.core.errors import RegistryError
from zonekeep.core.logging import get_logger
from zonekeep.core.settings import Settings
from zonekeep.models import Domain
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.domains import DomainRepository

log = get_logger("services.renewals")


class RenewalService:
    def __init__(self, session: AsyncSession, epp: EppClient, settings: Settings) -> None:
        self._session = session
        self._epp = epp
        self._settings = settings
        self._accounts = AccountRepository(session)
        self._domains = DomainRepository(session)

    def in_grace(self, domain: Domain, now: datetime) -> bool:
        """Expired domains can still be renewed at normal price during the grace period."""
        grace_end = domain.expires_at - timedelta(days=self._settings.grace_days)
        return domain.expires_at <= now <= grace_end

    def renewable(self, domain: Domain, now: datetime) -> bool:
        return domain.expires_at > now or self.in_grace(domain, now)

    async def due(self, days_ahead: int = 30) -> list[Domain]:
        horizon = datetime.now(timezone.utc) + timedelta(days=days_ahead)
        return await self._domains.list_expiring(horizon, auto_renew_only=True)

    async def renew(self, domain: Domain, price: Decimal) -> bool:
        now = datetime.now(timezone.utc)
        if not self.renewable(domain, now):
            log.info("domain %s past grace, not renewing", domain.name)
            return False
        if not await self._accounts.debit(domain.account_id, price):
            log.info("insufficient balance to renew %s", domain.name)
            await self._session.rollback()
            return False
        try:
            await self._epp.renew_domain(domain.name, domain.expires_at.date().isoformat())
        except RegistryError:
            await self._session.rollback()
            return False
        domain.expires_at = domain.expires_at + timedelta(days=365)
        await self._session.commit()
        log.info("renewed %s until %s", domain.name, domain.expires_at.date())
        return True
