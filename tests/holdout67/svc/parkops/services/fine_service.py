"""Penalty charge notices: issuing, paying, cancelling, reminders."""
from __future__ import annotations

import contextlib
import logging
import secrets
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.notify_client import NotifyClient
from ..clients.vehicles import VehicleRegistry
from ..models import Fine
from ..repositories.fine_repo import FineRepository
from ..utils.telemetry import AuditLog
from ..utils.documents import render_notice
from ..utils.common import local_today, utcnow

log = logging.getLogger(__name__)

FINE_AMOUNT_CENTS = {"street": 9500, "garage": 6500}
PAYMENT_WINDOW_DAYS = 28


class FineNotFound(LookupError):
    pass


class DuplicateReference(RuntimeError):
    pass


def _new_reference() -> str:
    return "PCN" + secrets.token_hex(4).upper()


class FineService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        notify: NotifyClient,
        registry: VehicleRegistry,
        audit: AuditLog,
    ) -> None:
        self._sessions = sessions
        self._notify = notify
        self._registry = registry
        self._audit = audit

    async def issue(self, *, officer_id: str, session_id: int | None, plate: str, zone_id: int, kind: str = "street") -> Fine:
        issued = utcnow()
        fine = Fine(
            reference=_new_reference(),
            session_id=session_id,
            plate=plate,
            zone_id=zone_id,
            officer_id=officer_id,
            amount_cents=FINE_AMOUNT_CENTS[kind],
            issued_at=issued,
            due_date=issued.date() + timedelta(days=PAYMENT_WINDOW_DAYS),
        )
        async with self._sessions() as db:
            FineRepository(db).add(fine)
            try:
                await db.commit()
            except IntegrityError:
                raise DuplicateReference(fine.reference)
        with contextlib.suppress(Exception):
            await self._notify.fine_issued(fine)
        log.info("fine %s issued to %s in zone %s by %s", fine.reference, plate, zone_id, officer_id)
        return fine

    async def mark_paid(self, reference: str, payment_ref: str) -> Fine:
        async with self._sessions() as db, db.begin():
            fine = await FineRepository(db).get_by_reference(reference)
            if fine is None:
                raise FineNotFound(reference)
            fine.status = "paid"
            fine.payment_ref = payment_ref
            return fine

    async def cancel(self, fine_id: int, officer_id: str, reason: str) -> None:
        async with self._sessions() as db, db.begin():
            fine = await FineRepository(db).get(fine_id)
            if fine is None:
                raise FineNotFound(str(fine_id))
            fine.status = "cancelled"
        self._audit.record("fine.cancelled", officer_id, f"fine:{fine_id}", {"reason": reason})

    async def overdue_reminders(self) -> int:
        async with self._sessions() as db:
            fines = await FineRepository(db).overdue(local_today())
        sent = 0
        for fine in fines:
            keeper = await self._registry.owner_of(fine.plate)
            if keeper is None:
                log.warning("no keeper on record for %s (fine %s)", fine.plate, fine.reference)
                continue
            pdf = await render_notice(
                reference=fine.reference,
                plate=fine.plate,
                zone=str(fine.zone_id),
                issued=fine.issued_at.strftime("%d-%m-%Y %H:%M"),
                amount=f"EUR {fine.amount_cents / 100:.2f}",
                due=fine.due_date.isoformat(),
            )
            await self._notify.send_letter(
                {"name": keeper.name, "address": keeper.address, "postcode": keeper.postcode}, pdf, fine.reference
            )
            sent += 1
        return sent

    async def history(self, plate: str) -> list[dict]:
        async with self._sessions() as db:
            fines = await FineRepository(db).for_plate_with_appeals(plate)
            out = []
            for fine in fines:
                appeals = []
                for appeal in fine.appeals:
                    appeals.append({"id": appeal.id, "status": appeal.status, "submitted_at": appeal.submitted_at})
                out.append({"reference": fine.reference, "status": fine.status, "issued_at": fine.issued_at, "appeals": appeals})
            return out

    @staticmethod
    def is_overdue(fine: Fine, today: datetime) -> bool:
        return fine.status == "unpaid" and fine.due_date < today.date()
