"""Builds year-end tax forms for every active company. ``python -m payflow.workers.year_end --year 2024``"""
from __future__ import annotations

import argparse
import asyncio
import uuid

import structlog
from sqlalchemy import select

from payflow.cache.redis_client import get_redis
from payflow.clients.email_client import EmailClient
from payflow.clients.object_storage import ObjectStorage
from payflow.db.engine import SessionFactory
from payflow.models import Company
from payflow.repositories.document_repo import PayslipRepository, TaxFormRepository
from payflow.repositories.people_repo import CompanyRepository, EmployeeRepository
from payflow.services.tax_forms import TaxFormService
from payflow.workers.base import GracefulExit, run_worker

log = structlog.get_logger(__name__)

LOCK_TTL_SECONDS = 3600

RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


async def build_company(company_id: int, year: int, storage: ObjectStorage, email: EmailClient) -> int:
    redis = get_redis()
    lock_key = f"year-end:{year}:{company_id}"
    token = uuid.uuid4().hex
    if not await redis.set(lock_key, token, nx=True, ex=LOCK_TTL_SECONDS):
        log.info("year_end_company_locked", company_id=company_id)
        return 0
    try:
        async with SessionFactory() as session:
            service = TaxFormService(
                EmployeeRepository(session),
                CompanyRepository(session),
                PayslipRepository(session),
                TaxFormRepository(session),
                storage,
                email,
            )
            existing = await TaxFormRepository(session).for_company_year(company_id, year, "w2")
            if existing:
                return 0
            built = await service.build_w2s(company_id, year)
            await session.commit()
            return built
    finally:
        await redis.eval(RELEASE_SCRIPT, 1, lock_key, token)


def _parse_year() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, required=True)
    return parser.parse_args().year


async def main(exit_: GracefulExit) -> None:
    year = _parse_year()
    storage = ObjectStorage()
    email = EmailClient()
    await email.start()
    try:
        async with SessionFactory() as session:
            company_ids = (await session.execute(select(Company.id).where(Company.active.is_(True)))).scalars().all()
        sem = asyncio.Semaphore(4)

        async def one(cid: int) -> int:
            async with sem:
                return await build_company(cid, year, storage, email)

        results = await asyncio.gather(*(one(cid) for cid in company_ids), return_exceptions=True)
        for cid, result in zip(company_ids, results):
            if isinstance(result, BaseException):
                log.error("year_end_company_failed", company_id=cid, error=repr(result))
        log.info("year_end_done", companies=len(company_ids))
    finally:
        await email.close()


if __name__ == "__main__":
    run_worker("year_end", main)
