"""Pathologist review queue: claim, sign out, amend."""
from __future__ import annotations

import json
import logging
from typing import Any

from redis.asyncio import Redis

from ..db.pg import connection, transaction
from ..metrics import REVIEW_QUEUE_DEPTH
from ..repos.results_repo import ResultsRepo
from ..repos.review_repo import ReviewRepo
from ..repos.samples_repo import SamplesRepo
from ..utils.locks import order_lock, sample_lock
from .audit import AuditService

log = logging.getLogger(__name__)

REVIEW_CHANNEL = "events:review"
DELIVERY_QUEUE = "queue:delivery"


class NotClaimedByYou(Exception):
    pass


class ReviewService:
    def __init__(self, redis: Redis, audit: AuditService) -> None:
        self.redis = redis
        self.audit = audit

    async def _announce(self, event: str, case: dict[str, Any]) -> None:
        await self.redis.publish(REVIEW_CHANNEL, json.dumps({"event": event, **case}, default=str))

    async def claim_next(self, user: str) -> dict[str, Any] | None:
        async with connection() as conn:
            case = await ReviewRepo(conn).claim_next(user)
        if case is not None:
            await self._announce("claimed", {"case_id": case["id"], "by": user})
        return case

    async def claim(self, case_id: int, user: str) -> dict[str, Any]:
        async with connection() as conn:
            case = await ReviewRepo(conn).claim(case_id, user)
        await self._announce("claimed", {"case_id": case_id, "by": user})
        await self.audit.record(user, "claim", "review_case", case_id)
        return case

    async def sign_out(self, case_id: int, user: str, result_ids: list[int], comment: str | None) -> None:
        async with connection() as conn:
            case = await conn.fetchrow("SELECT id, sample_id FROM review_cases WHERE id = $1", case_id)
            sample = await SamplesRepo(conn).get(case["sample_id"]) if case else None
        if sample is None:
            raise LookupError(case_id)

        async with order_lock(sample.order_id):
            async with sample_lock(sample.id):
                async with transaction() as conn:
                    if not await ReviewRepo(conn).close(case_id, user, "signed_out"):
                        raise NotClaimedByYou(case_id)
                    await ResultsRepo(conn).mark_final(result_ids, user)
                    await self.audit.record_in(conn, user, "sign_out", "review_case", case_id, {"comment": comment})
        await self.redis.lpush(DELIVERY_QUEUE, json.dumps({"sample_id": sample.id}))
        await self._announce("signed_out", {"case_id": case_id, "by": user})

    async def release(self, case_id: int, user: str) -> bool:
        async with connection() as conn:
            released = await ReviewRepo(conn).release(case_id, user)
        if released:
            self.audit.record(user, "release", "review_case", case_id)
            await self._announce("released", {"case_id": case_id})
        return released

    async def refresh_depth(self) -> int:
        async with connection() as conn:
            depth = await ReviewRepo(conn).depth()
        REVIEW_QUEUE_DEPTH.set(depth)
        return depth
