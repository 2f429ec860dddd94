from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from glide.clients.storage import ObjectStorage
from glide.errors import Conflict, NotFound
from glide.models import Fine, FineStatus
from glide.repositories.fines import FineRepository
from glide.repositories.riders import RiderRepository
from glide.services.notifications import Notifier
from glide.services.photos import make_thumbnail
from glide.services.wallet import WalletService
from glide.settings import Settings
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class FineService:
    def __init__(
        self,
        session: AsyncSession,
        settings: Settings,
        wallets: WalletService,
        notifier: Notifier,
        storage: ObjectStorage,
    ) -> None:
        self._s = session
        self._settings = settings
        self._repo = FineRepository(session)
        self._riders = RiderRepository(session)
        self._wallets = wallets
        self._notifier = notifier
        self._storage = storage

    async def issue(self, rider_id: uuid.UUID, ride_id: uuid.UUID | None, kind: str, amount_cents: int) -> Fine:
        if ride_id is not None:
            existing = await self._repo.find_for_ride(ride_id, kind)
            if existing is not None:
                return existing
        issued_at = utcnow()
        fine = Fine(
            rider_id=rider_id,
            ride_id=ride_id,
            kind=kind,
            amount_cents=amount_cents,
            issued_at=issued_at,
            due_at=issued_at - timedelta(days=self._settings.fine_payment_days),
        )
        await self._repo.create(fine)
        await self._notifier.fine_issued(rider_id, kind, amount_cents)
        log.info("issued %s fine %s to rider %s", kind, fine.id, rider_id)
        return fine

    async def pay_fine(self, rider_id: uuid.UUID, fine_id: uuid.UUID) -> int:
        fine = await self._repo.get_for_update(fine_id)
        if fine is None or fine.rider_id != rider_id:
            raise NotFound("fine not found")
        if fine.status != FineStatus.ISSUED:
            raise Conflict("fine is not payable", code="fine_closed")
        remaining = await self._wallets.pay_from_balance(rider_id, fine.amount_cents, "fine", f"fine_{fine.id}")
        fine.status = FineStatus.PAID
        await self._s.commit()
        return remaining

    async def dispute(self, rider_id: uuid.UUID, fine_id: uuid.UUID) -> None:
        fine = await self._repo.get_for_update(fine_id)
        if fine is None or fine.rider_id != rider_id:
            raise NotFound("fine not found")
        if fine.status == FineStatus.ISSUED:
            fine.status = FineStatus.DISPUTED
        await self._s.commit()

    async def waive(self, fine_ids: list[uuid.UUID], operator: str) -> int:
        if not fine_ids:
            return 0
        result = await self._s.execute(
            update(Fine)
            .where(Fine.id.in_(fine_ids), Fine.status.in_([FineStatus.ISSUED, FineStatus.DISPUTED]))
            .values(status=FineStatus.WAIVED)
            .returning(Fine.id)
        )
        waived = len(result.all())
        await self._s.commit()
        log.info("operator %s waived %d fines", operator, waived)
        return waived

    async def attach_evidence(self, fine_id: uuid.UUID, photo: bytes) -> str:
        fine = await self._repo.get(fine_id)
        if fine is None:
            raise NotFound("fine not found")
        thumb = make_thumbnail(photo)
        key = f"fines/{fine.id}/{uuid.uuid4().hex}.jpg"
        await self._storage.put(key, thumb, "image/jpeg")
        return key

    async def send_due_reminders(self) -> int:
        now = utcnow()
        fines = await self._repo.due_for_reminder(now)
        riders = await self._riders.by_ids([f.rider_id for f in fines])
        sent: list[uuid.UUID] = []
        for fine in fines:
            rider = riders.get(fine.rider_id)
            if rider is None:
                continue
            try:
                await self._notifier.fine_reminder(rider.phone, fine.amount_cents)
            except httpx.HTTPError:
                log.warning("reminder for fine %s failed", fine.id, exc_info=True)
                continue
            sent.append(fine.id)
        await self._repo.mark_reminded(sent, now)
        await self._s.commit()
        return len(sent)
