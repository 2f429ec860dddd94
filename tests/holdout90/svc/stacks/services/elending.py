"""E-book and audiobook lending through the content distributor."""
from __future__ import annotations

import logging

import redis.asyncio as redis

from stacks.clients.distributor import DistributorClient
from stacks.db.models import Loan
from stacks.errors import LicenceUnavailable, LimitReached, NotFound, UpstreamError
from stacks.repositories.licences import LicenceRepository
from stacks.repositories.loans import LoanRepository
from stacks.services.patrons import PatronService
from stacks.settings import Settings
from stacks.utils.timeutil import add_days, now_utc

log = logging.getLogger(__name__)

DIGITAL_LOAN_DAYS = 14
DAILY_DIGITAL_CAP = 5


class ELendingService:
    def __init__(
        self,
        settings: Settings,
        patrons: PatronService,
        licences: LicenceRepository,
        loans: LoanRepository,
        distributor: DistributorClient,
        redis_client: redis.Redis,
    ) -> None:
        self._settings = settings
        self._patrons = patrons
        self._licences = licences
        self._loans = loans
        self._distributor = distributor
        self._redis = redis_client

    async def _count_today(self, patron_id: int) -> None:
        key = f"digital:today:{patron_id}:{now_utc().date().isoformat()}"
        used = int(await self._redis.get(key) or 0)
        if used >= DAILY_DIGITAL_CAP:
            raise LimitReached("daily digital checkout limit reached")
        await self._redis.set(key, used + 1, ex=86_400)

    async def checkout(self, card_number: str, title_id: int) -> dict:
        patron = await self._patrons.by_card(card_number)
        await self._patrons.ensure_can_borrow(patron)
        if await self._loans.count_active(patron.id, digital=True) >= self._settings.max_loans_digital:
            raise LimitReached("digital loan limit reached")
        await self._count_today(patron.id)
        licences = await self._licences.for_title(title_id)
        if not licences:
            raise NotFound("title has no digital licence")
        for licence in licences:
            if await self._licences.reserve_copy(licence.id):
                break
        else:
            raise LicenceUnavailable("all copies are in use; place a hold instead")
        try:
            url = await self._distributor.checkout(licence.external_id, patron.card_number, DIGITAL_LOAN_DAYS)
        except Exception as exc:
            await self._licences.release_copy(licence.id)
            raise UpstreamError("could not check out from distributor") from exc
        loan = await self._loans.add(
            Loan(patron_id=patron.id, licence_id=licence.id, due_at=add_days(now_utc(), DIGITAL_LOAN_DAYS))
        )
        return {"loan_id": loan.id, "download_url": url, "due_at": loan.due_at.isoformat()}

    async def early_return(self, loan_id: int, patron_id: int) -> None:
        loan = await self._loans.get(loan_id)
        if loan is None or loan.patron_id != patron_id or loan.licence_id is None:
            raise NotFound("digital loan not found")
        patron = await self._patrons.profile(patron_id)
        licence_ext = await self._licence_external_id(loan.licence_id)
        await self._distributor.early_return(licence_ext, str(patron["id"]))
        await self._licences.release_copy(loan.licence_id)
        await self._loans.close(loan.id, now_utc())

    async def _licence_external_id(self, licence_id: int) -> str:
        licence = await self._licences.get(licence_id)
        if licence is None:
            raise NotFound("licence not found")
        return licence.external_id

    async def sync_licences(self, batch_size: int = 200) -> int:
        updated = 0
        after = 0
        while True:
            page = await self._licences.all_active(batch_size, after)
            if not page:
                return updated
            for licence in page:
                status = await self._distributor.get_licence(licence.external_id)
                await self._licences.apply_status(licence, status.concurrent_cap, status.checkouts_remaining, status.in_use)
                updated += 1
            after = page[-1].id

    async def sync_licences_bulk(self, batch_size: int = 200) -> int:
        updated = 0
        after = 0
        while True:
            page = await self._licences.all_active(batch_size, after)
            if not page:
                return updated
            statuses = {s.external_id: s for s in await self._distributor.get_licences([l.external_id for l in page])}
            for licence in page:
                status = statuses.get(licence.external_id)
                if status is not None:
                    await self._licences.apply_status(licence, status.concurrent_cap, status.checkouts_remaining, status.in_use)
                    updated += 1
            after = page[-1].id
