"""Candidate maintenance jobs: periodic dedupe and local resume re-indexing."""
from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis
from sqlalchemy import select

from svc.db.engine import session_factory
from svc.db.models import Candidate, Company
from svc.services.candidates import DedupeService
from svc.services.resumes import parse_resume_bytes, ResumeStorage
from svc.utils.locks import LockNotAcquired, redis_lock

log = logging.getLogger(__name__)

REVIEW_QUEUE = "dedupe:review"
RUN_EVERY_S = 6 * 3600


async def _company_ids() -> list[int]:
    async with session_factory()() as session:
        return list((await session.execute(select(Company.id))).scalars())


async def dedupe_company(redis: Redis, company_id: int) -> int:
    async with session_factory()() as session:
        service = DedupeService(session)
        groups = await service.scan(company_id, days=7, limit=2000)
        merged = 0
        for group in groups:
            if len(group) == 2:
                await redis.rpush(REVIEW_QUEUE, json.dumps({"company_id": company_id, "candidates": group}))
                continue
            target, *sources = group
            for source in sources:
                await service.merge(target, source)
                merged += 1
        await redis.ltrim(REVIEW_QUEUE, -10_000, -1)
        return merged


async def run_dedupe(redis: Redis) -> None:
    while True:
        try:
            async with redis_lock(redis, "dedupe-nightly", ttl_ms=RUN_EVERY_S * 1000):
                for company_id in await _company_ids():
                    merged = await dedupe_company(redis, company_id)
                    if merged:
                        log.info("dedupe merged %d candidates for company %s", merged, company_id)
        except LockNotAcquired:
            log.debug("dedupe already running on another replica")
        await asyncio.sleep(RUN_EVERY_S)


BATCH = 25


async def reindex_batch(storage: ResumeStorage) -> int:
    async with session_factory()() as session:
        stmt = (
            select(Candidate)
            .where(Candidate.resume_path.is_not(None), Candidate.resume_text.is_(None))
            .order_by(Candidate.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
        candidates = (await session.execute(stmt)).scalars().all()
        for candidate in candidates:
            data = await storage.read(candidate.resume_path)
            parsed = await asyncio.to_thread(parse_resume_bytes, data, candidate.resume_path)
            candidate.resume_text = parsed.text
            candidate.parsed = {"skills": parsed.skills, "emails": parsed.emails, "phones": parsed.phones}
        await session.commit()
        return len(candidates)


async def run_reindex(storage: ResumeStorage) -> None:
    while True:
        done = await reindex_batch(storage)
        await asyncio.sleep(5 if done == BATCH else 300)
