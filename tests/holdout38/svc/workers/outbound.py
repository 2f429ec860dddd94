from __future__ import annotations

import asyncio

import aiohttp
import asyncpg
from sqlalchemy import select

from ..clients.payer import ClaimsGateway
from ..clients.pharmacy import PharmacyNetworkClient
from ..config import settings
from ..db import SessionLocal
from ..models import Clinician
from ..observability import CLAIMS_SUBMITTED, get_logger
from ..repositories.claims_repo import ClaimsRepository
from ..services.claims import to_837_payload
from ..services.prescriptions import PrescriptionService
from ..utils.common import utcnow


log = get_logger(__name__)


class ClaimSubmissionError(Exception):
    pass


class ClaimsWorker:
    def __init__(self, pool: asyncpg.Pool, gateway: ClaimsGateway, concurrency: int = 8) -> None:
        self.repo = ClaimsRepository(pool)
        self.gateway = gateway
        self._sem = asyncio.Semaphore(concurrency)

    async def _payload_for(self, row: asyncpg.Record) -> dict:
        data = dict(row)
        return to_837_payload(data, data, data, row["starts_at"].date())

    async def _submit_one(self, row: asyncpg.Record) -> str | None:
        async with self._sem:
            payload = await self._payload_for(row)
            try:
                payer_claim_id = await self.gateway.submit(payload)
            except aiohttp.ClientResponseError as exc:
                if exc.status >= 500:
                    await self.repo.set_status(row["id"], "failed")
                    CLAIMS_SUBMITTED.labels("failed").inc()
                    return None
                raise ClaimSubmissionError(f"claim {row['id']} rejected: {exc.status}")
            await self.repo.mark_submitted(row["id"], payer_claim_id, utcnow())
            CLAIMS_SUBMITTED.labels("submitted").inc()
            return payer_claim_id

    async def run_once(self) -> int:
        batch = await self.repo.next_batch(settings.claims_batch_size)
        results = await asyncio.gather(*(self._submit_one(row) for row in batch), return_exceptions=True)
        for row, result in zip(batch, results):
            if isinstance(result, ClaimSubmissionError):
                log.warning("claim_rejected", claim_id=row["id"], error=str(result))
                await self.repo.bump_attempts(row["id"])
            elif isinstance(result, BaseException):
                log.error("claim_submit_crashed", claim_id=row["id"], error=repr(result))
        return sum(1 for r in results if isinstance(r, str))


log = get_logger(__name__)


class ErxDispatcher:
    def __init__(self, pharmacy: PharmacyNetworkClient, batch: int = 20) -> None:
        self.pharmacy = pharmacy
        self.batch = batch

    async def run_once(self) -> int:
        async with SessionLocal() as session:
            service = PrescriptionService(session, self.pharmacy)
            pending = await service.repo.claim_pending(self.batch)
            if not pending:
                return 0
            clinician_ids = {rx.clinician_id for rx in pending}
            npis = dict(
                (await session.execute(select(Clinician.id, Clinician.npi).where(Clinician.id.in_(clinician_ids)))).all()
            )
            for rx in pending:
                await service.transmit(rx, npis[rx.clinician_id])
            await session.commit()
            log.info("erx_dispatched", count=len(pending))
            return len(pending)
