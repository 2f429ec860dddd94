from __future__ import annotations

import logging
import uuid

import redis.asyncio as aioredis

from seqcore.clients.finance import FinanceClient
from seqcore.db.models import Lab
from seqcore.errors import Conflict
from seqcore.repositories.billing import BillingRepository
from seqcore.repositories.runs import RunRepository
from seqcore.schemas import ChargeLine
from seqcore.utils.timefmt import month_bounds

logger = logging.getLogger(__name__)

PRICE_PER_MILLION_READS_CENTS = 95
MINIMUM_SAMPLE_CENTS = 2500


def price_for(read_count: int | None) -> int:
    reads_m = (read_count or 0) / 1_000_000
    return max(MINIMUM_SAMPLE_CENTS, round(reads_m * PRICE_PER_MILLION_READS_CENTS))


class BillingService:
    def __init__(self, repo: BillingRepository, runs: RunRepository, finance: FinanceClient,
                 redis: aioredis.Redis) -> None:
        self._repo = repo
        self._runs = runs
        self._finance = finance
        self._redis = redis

    async def preview_charges(self, lab_id: uuid.UUID, year: int, month: int) -> list[ChargeLine]:
        start, end = month_bounds(year, month)
        samples = await self._repo.sequenced_samples(lab_id, start, end)
        billed = await self._repo.billed_sample_ids(lab_id)
        lines: list[ChargeLine] = []
        for s in samples:
            if s["id"] in billed:
                continue
            lines.append(
                ChargeLine(
                    sample_id=s["id"],
                    grant_code=s["default_grant_code"] or "UNASSIGNED",
                    amount_cents=price_for(s["read_count"]),
                    description=f"Sequencing {s['name']} {year}-{month:02d}",
                )
            )
        return lines

    async def validate_lines(self, lines: list[ChargeLine]) -> None:
        inactive: list[str] = []
        for line in lines:
            account = await self._finance.validate_account(line.grant_code)
            if not account.active:
                inactive.append(line.grant_code)
        if inactive:
            raise Conflict("inactive grant accounts", detail={"grants": sorted(set(inactive))})

    async def commit_month(self, lab_id: uuid.UUID, year: int, month: int) -> int:
        lines = await self.preview_charges(lab_id, year, month)
        await self.validate_lines(lines)
        return await self._repo.insert_charges(lab_id, [line.model_dump() for line in lines])

    async def post_to_finance(self, lab_id: uuid.UUID, year: int, month: int) -> str | None:
        charges = await self._repo.unposted(lab_id)
        if not charges:
            return None
        reference = f"SEQCORE-{lab_id.hex[:8]}-{year}{month:02d}"
        journal = await self._finance.post_journal(
            reference,
            [{"account": c["grant_code"], "amount_cents": c["amount_cents"], "memo": c["description"]} for c in charges],
        )
        await self._repo.mark_posted([c["id"] for c in charges], journal)
        logger.info("posted %d charges for lab %s as journal %s", len(charges), lab_id, journal)
        return journal

    async def deduct_prepaid(self, lab_id: uuid.UUID, cents: int) -> int:
        key = f"prepaid:{lab_id}"
        balance = int(await self._redis.get(key) or 0)
        if balance < cents:
            raise Conflict("insufficient prepaid balance")
        await self._redis.set(key, balance - cents)
        return balance - cents

    async def grant_summary(self, lab: Lab) -> dict:
        if not lab.default_grant_code:
            return {"grant": None}
        account = await self._finance.validate_account(lab.default_grant_code)
        return {"grant": account.code, "active": account.active, "remaining_cents": account.remaining_cents}

    async def month_report(self, year: int, month: int) -> list[dict]:
        start, _ = month_bounds(year, month)
        runs = await self._runs.completed_in_month(start)
        return [{"run": str(r["id"]), "flowcell": r["flowcell_id"], "completed_at": r["completed_at"]} for r in runs]
