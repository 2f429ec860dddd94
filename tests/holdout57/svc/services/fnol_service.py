"""First notice of loss: intake, triage and the initial reserve."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import redis.asyncio as aioredis

from svc.db.engine import Database
from svc.db.models import Claim, ClaimStatus, LedgerEntry, Reserve
from svc.repositories.claims import ClaimRepository
from svc.repositories.ledger import LedgerRepository
from svc.services.fraud_service import FraudService
from svc.services.policy_service import PolicyService
from svc.services.status_broadcaster import StatusBroadcaster
from svc.services.valuation_service import ValuationService

log = logging.getLogger(__name__)

SLA_HOURS = {"auto_collision": 24, "auto_theft": 12, "property_water": 48, "property_fire": 8, "liability": 72}
INITIAL_RESERVE = {
    "auto_collision": Decimal("4500.00"),
    "auto_theft": Decimal("12000.00"),
    "property_water": Decimal("8000.00"),
    "property_fire": Decimal("25000.00"),
    "liability": Decimal("15000.00"),
}
HIGH_RISK_BANDS = frozenset({"high", "critical"})


@dataclass(frozen=True)
class FnolRequest:
    policy_number: str
    loss_date: date
    loss_type: str
    coverage_code: str
    description: str
    claimant_email: str
    region: str
    vin: str | None = None
    mileage: int | None = None
    zip_code: str | None = None


class FnolService:
    def __init__(
        self,
        db: Database,
        redis: aioredis.Redis,
        policies: PolicyService,
        fraud: FraudService,
        valuation: ValuationService,
        broadcaster: StatusBroadcaster,
    ) -> None:
        self._db = db
        self._redis = redis
        self._policies = policies
        self._fraud = fraud
        self._valuation = valuation
        self._broadcaster = broadcaster

    async def _next_claim_number(self) -> str:
        year = datetime.now(timezone.utc).year
        seq = await self._redis.incr(f"seq:claim:{year}")
        return f"CLM-{year}-{seq:07d}"

    async def submit(self, request: FnolRequest) -> Claim:
        snapshot = await self._policies.verify_coverage(request.policy_number, request.loss_date, request.coverage_code)
        policy = await self._policies.snapshot(request.policy_number)
        now = datetime.now(timezone.utc)
        claim = Claim(
            claim_number=await self._next_claim_number(),
            policy_id=policy["id"],
            status=ClaimStatus.REPORTED,
            loss_date=request.loss_date,
            loss_type=request.loss_type,
            description=request.description,
            claimant_email=request.claimant_email,
            region=request.region,
            vin=request.vin,
            sla_due_at=now + timedelta(hours=SLA_HOURS.get(request.loss_type, 48)),
        )
        async with self._db.transaction() as session:
            claims = ClaimRepository(session)
            prior = len(await claims.list_for_policy(policy["id"]))
            await claims.add(claim)
            reserve_amount = min(INITIAL_RESERVE.get(request.loss_type, Decimal("5000")), Decimal(snapshot["limit"]))
            session.add(Reserve(claim_id=claim.id, coverage_code=request.coverage_code, amount=reserve_amount))
            await LedgerRepository(session).add_entry(
                LedgerEntry(
                    claim_id=claim.id,
                    entry_type="reserve_open",
                    coverage_code=request.coverage_code,
                    amount=reserve_amount,
                    actor="fnol",
                )
            )
        score = await self._fraud.score(self._fraud.build_payload(claim, policy, prior))
        if request.vin and request.mileage is not None and request.loss_type.startswith("auto"):
            estimate = await self._valuation.total_loss_estimate(
                request.vin, request.mileage, request.zip_code or "00000", Decimal("0.18")
            )
        else:
            estimate = None
        async with self._db.transaction() as session:
            stored = await ClaimRepository(session).get(claim.id)
            stored.fraud_score = score.score
            stored.fraud_band = score.band
            stored.estimated_value = estimate
            stored.status = ClaimStatus.TRIAGE
            claim = stored
        if score.band in HIGH_RISK_BANDS:
            log.info("claim %s routed to SIU (band=%s)", claim.claim_number, score.band)
        asyncio.create_task(self._broadcaster.publish(claim.claim_number, "triage"))
        return claim
