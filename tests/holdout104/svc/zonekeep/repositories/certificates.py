from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import AcmeOrder, Certificate
from zonekeep.models.base import utcnow


class CertificateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, cert_id: int) -> Certificate | None:
        return await self._session.get(Certificate, cert_id)

    async def list_for_account(self, account_id: int) -> list[Certificate]:
        stmt = select(Certificate).where(Certificate.account_id == account_id).order_by(Certificate.id)
        return list((await self._session.execute(stmt)).scalars())

    async def list_expiring(self, before: datetime, limit: int) -> list[Certificate]:
        stmt = (
            select(Certificate)
            .where(Certificate.not_after <= before, Certificate.status == "issued")
            .order_by(Certificate.not_after)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def latest_order_for(self, cert_id: int) -> AcmeOrder | None:
        stmt = (
            select(AcmeOrder)
            .where(AcmeOrder.certificate_id == cert_id)
            .order_by(AcmeOrder.id.desc())
            .limit(1)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def record_order(self, cert_id: int, order_url: str, finalize_url: str | None) -> None:
        stmt = (
            insert(AcmeOrder)
            .values(certificate_id=cert_id, order_url=order_url, finalize_url=finalize_url)
            .on_conflict_do_nothing(index_elements=["order_url"])
        )
        await self._session.execute(stmt)

    async def mark_renewed(self, cert_id: int, pem_chain: str, not_after: datetime) -> None:
        await self._session.execute(
            update(Certificate)
            .where(Certificate.id == cert_id)
            .values(status="issued", pem_chain=pem_chain, not_after=not_after, last_error=None, updated_at=utcnow())
        )
        await self._session.commit()

    async def mark_failed(self, cert_id: int, error: str) -> None:
        await self._session.execute(
            update(Certificate).where(Certificate.id == cert_id).values(status="failed", last_error=error[:2000])
        )
        await self._session.commit()

    async def add(self, cert: Certificate) -> Certificate:
        self._session.add(cert)
        await self._session.flush()
        return cert
