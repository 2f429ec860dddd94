from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.outbound import Mailer
from zonekeep.core.logging import get_logger
from zonekeep.core.settings import Settings
from zonekeep.models import ReminderLog
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.domains import DomainRepository

log = get_logger("services.reminders")


class ReminderService:
    def __init__(self, session: AsyncSession, mailer: Mailer, settings: Settings) -> None:
        self._session = session
        self._mailer = mailer
        self._settings = settings
        self._domains = DomainRepository(session)
        self._accounts = AccountRepository(session)

    def _bucket(self, expires_at: datetime, now: datetime) -> int | None:
        days_left = (expires_at - now).days
        for threshold in sorted(self._settings.reminder_days):
            if days_left <= threshold:
                return threshold
        return None

    async def send_due(self) -> int:
        now = datetime.now(timezone.utc)
        horizon = now + timedelta(days=max(self._settings.reminder_days))
        domains = await self._domains.list_expiring(horizon)
        sent = 0
        for domain in domains:
            bucket = self._bucket(domain.expires_at, now)
            if bucket is None:
                continue
            account = await self._accounts.get(domain.account_id)
            if account is None:
                continue
            await self._mailer.send(account.email, "expiry_reminder", {
                "domain": domain.name,
                "expires_at": domain.expires_at.isoformat(),
                "auto_renew": domain.auto_renew,
            })
            await self._session.execute(
                insert(ReminderLog)
                .values(domain_id=domain.id, days_before=bucket, expires_at=domain.expires_at, sent_at=now)
                .on_conflict_do_nothing(constraint="uq_reminder_once")
            )
            sent += 1
        await self._session.commit()
        return sent

    async def weekly_digest(self) -> int:
        now = datetime.now(timezone.utc)
        domains = await self._domains.list_expiring(now + timedelta(days=90))
        accounts = await self._accounts.get_many(sorted({d.account_id for d in domains}))
        per_account: dict[int, list[str]] = {}
        for d in domains:
            per_account.setdefault(d.account_id, []).append(d.name)
        for account_id, names in per_account.items():
            account = accounts.get(account_id)
            if account is not None:
                await self._mailer.send(account.email, "expiry_digest", {"domains": sorted(names)})
        return len(per_account)
