"""Resident and business permit applications and renewals."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.document_store import DocumentStore
from ..config import Settings
from ..models import Permit
from ..repositories.permit_repo import PermitRepository, claim_for_renewal
from ..utils import documents
from ..utils.common import normalize_plate
from .payment_service import PaymentService

log = logging.getLogger(__name__)

PERMIT_FEES_CENTS = {"resident": 12000, "business": 48000, "blue_badge": 0}


class PermitError(ValueError):
    pass


class PermitConflict(PermitError):
    pass


@dataclass(frozen=True)
class Application:
    holder_id: int
    plate: str
    zone_id: int
    kind: str
    start: date


class PermitService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        payments: PaymentService,
        docs: DocumentStore,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._payments = payments
        self._docs = docs
        self._settings = settings

    async def apply(self, app: Application) -> Permit:
        if app.kind not in PERMIT_FEES_CENTS:
            raise PermitError(f"unknown permit kind {app.kind}")
        async with self._sessions() as db:
            repo = PermitRepository(db)
            count = await repo.count_active_for_holder(app.holder_id)
            if count >= self._settings.max_permits_per_holder:
                raise PermitError("permit limit reached for this holder")
            permit = Permit(
                holder_id=app.holder_id,
                plate=normalize_plate(app.plate),
                zone_id=app.zone_id,
                kind=app.kind,
                status="pending",
                valid_from=app.start,
                valid_until=app.start + timedelta(days=365),
                fee_cents=PERMIT_FEES_CENTS[app.kind],
            )
            repo.add(permit)
            try:
                await db.commit()
            except IntegrityError as exc:
                raise PermitConflict("a permit for this plate and zone already exists") from exc
            return permit

    async def attach_document(self, permit_id: int, data: bytes, content_type: str) -> str:
        key = documents.blob_key(data)
        documents.write_blob(key, data)
        location = await self._docs.archive(key, data, content_type)
        async with self._sessions() as db, db.begin():
            permit = await PermitRepository(db).get(permit_id)
            if permit is None:
                raise PermitError("unknown permit")
            permit.document_key = key
        log.info("document %s attached to permit %s (%s)", key, permit_id, location)
        return key

    async def renew(self, permit: Permit, mandate_id: str) -> Permit | None:
        if not await claim_for_renewal(permit.id):
            log.info("permit %s already being renewed", permit.id)
            return None
        charge = await self._payments.charge(
            subject="permit", subject_id=permit.id, amount_cents=permit.fee_cents, customer_token=mandate_id
        )
        async with self._sessions() as db, db.begin():
            repo = PermitRepository(db)
            old = await repo.get(permit.id)
            old.status = "renewed"
            new = Permit(
                holder_id=permit.holder_id,
                plate=permit.plate,
                zone_id=permit.zone_id,
                kind=permit.kind,
                status="active",
                valid_from=permit.valid_until + timedelta(days=1),
                valid_until=permit.valid_until + timedelta(days=366),
                fee_cents=charge.amount_cents,
                renewed_from_id=permit.id,
            )
            repo.add(new)
        return new
