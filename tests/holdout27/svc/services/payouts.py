"""Payout approval, coverage limits and gateway reconciliation."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import asyncpg
from cachetools import TTLCache
from fastapi import HTTPException

from svc.errors import ConflictError, NotFoundError, PolicyInactiveError
from svc.repositories.claims import ClaimsRepository
from svc.repositories.payouts import PayoutsRepository
from svc.services.claims import AuditLog
from svc.utils import pause_before_retry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CoverageRules:
    product_code: str
    deductible_cents: int
    max_payout_cents: int
    excluded_losses: frozenset[str]


class CoverageService:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout
        self._rules: TTLCache[str, CoverageRules] = TTLCache(maxsize=256, ttl=900)
        self._sublimits: TTLCache[str, dict[str, int]] = TTLCache(maxsize=256, ttl=900)

    async def rules_for(self, product_code: str) -> CoverageRules:
        hit = self._rules.get(product_code)
        if hit is not None:
            return hit
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(
                "SELECT product_code, deductible_cents, max_payout_cents, excluded_losses FROM products WHERE product_code = $1",
                product_code,
            )
        if row is None:
            raise PolicyInactiveError(f"unknown product {product_code}")
        rules = CoverageRules(row["product_code"], row["deductible_cents"], row["max_payout_cents"], frozenset(row["excluded_losses"]))
        self._rules[product_code] = rules
        return rules

    async def sublimits(self, product_code: str) -> dict[str, int]:
        limits = self._sublimits.get(product_code)
        if limits is None:
            async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
                rows = await conn.fetch("SELECT loss_type, limit_cents FROM product_sublimits WHERE product_code = $1", product_code)
            limits = {r["loss_type"]: r["limit_cents"] for r in rows}
            self._sublimits[product_code] = limits
        return limits


class PayoutService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        payouts: PayoutsRepository,
        claims: ClaimsRepository,
        coverage: CoverageService,
        audit: AuditLog,
        acquire_timeout: float,
    ) -> None:
        self._pool = pool
        self._payouts = payouts
        self._claims = claims
        self._coverage = coverage
        self._audit = audit
        self._acquire_timeout = acquire_timeout
        self._ledger_lock = asyncio.Lock()
        self._batch_lock = asyncio.Lock()
        self._reserved_cents = 0
        self._open_batch: list[int] = []

    async def approve(self, claim_id: int, amount_cents: int, approver: str) -> int:
        claim = await self._claims.get(claim_id)
        if claim is None:
            raise NotFoundError(f"claim {claim_id} not found")
        if claim["status"] != "approved":
            raise HTTPException(status_code=409, detail="claim is not approved for payment")
        if await self._payouts.exists_for_claim(claim_id):
            raise ConflictError(f"claim {claim_id} already has a payout")
        payout_id = await self._payouts.create(claim_id, amount_cents, idempotency_key=f"claim-{claim_id}-{uuid4()}")
        self._audit.record(claim_id, "payout_approved", approver, {"amount_cents": amount_cents, "payout_id": payout_id})
        await self.reserve(payout_id, amount_cents)
        return payout_id

    async def approve_supplement(self, claim_id: int, supplement_no: int, amount_cents: int, approver: str) -> int:
        payout_id = await self._payouts.create_idempotent(claim_id, amount_cents, f"claim-{claim_id}-supp-{supplement_no}")
        if payout_id is None:
            raise ConflictError(f"supplement {supplement_no} for claim {claim_id} already recorded")
        await self._audit.record(claim_id, "supplement_approved", approver, {"amount_cents": amount_cents})
        return payout_id

    async def remaining_for_loss(self, product_code: str, loss_type: str, already_paid_cents: int) -> int:
        limits = await self._coverage.sublimits(product_code)
        limits[loss_type] = limits.get(loss_type, 0) - already_paid_cents
        return max(limits[loss_type], 0)

    async def remaining_for_claim(self, claim_id: int, product_code: str, loss_type: str) -> int:
        rules = await self._coverage.rules_for(product_code)
        if loss_type in rules.excluded_losses:
            return 0
        paid = await self._payouts.total_paid_for_claim(claim_id)
        return await self.remaining_for_loss(product_code, loss_type, paid)

    async def reserve(self, payout_id: int, amount_cents: int) -> None:
        async with self._ledger_lock, self._batch_lock:
            self._reserved_cents += amount_cents
            self._open_batch.append(payout_id)
            await self._flag_reserved(payout_id)

    async def seal_batch(self) -> list[int]:
        async with self._batch_lock:
            sealed, self._open_batch = self._open_batch, []
            await self._mark_sealed(sealed)
            async with self._ledger_lock:
                self._reserved_cents = 0
        return sealed

    async def _flag_reserved(self, payout_id: int) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute("UPDATE payouts SET status = 'reserved' WHERE id = $1 AND status = 'approved'", payout_id)

    async def _mark_sealed(self, payout_ids: list[int]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute("UPDATE payouts SET status = 'sealed' WHERE id = ANY($1::bigint[])", payout_ids)

    async def apply_gateway_event(self, event: dict[str, Any]) -> bool:
        gateway_ref = event["data"]["transfer_id"]
        status = {"transfer.paid": "paid", "transfer.failed": "failed", "transfer.returned": "returned"}[event["type"]]
        for attempt in range(3):
            try:
                async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
                    async with conn.transaction(isolation="serializable"):
                        return await self._payouts.apply_gateway_status(conn, gateway_ref, status)
            except asyncpg.SerializationError:
                logger.info("serialization conflict applying %s, attempt %d", gateway_ref, attempt + 1)
                pause_before_retry(attempt)
        raise ConflictError(f"could not apply gateway event for {gateway_ref}")
