from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.clients.partners import ValuationClient
from svc.config import Settings
from svc.db.models import Claim
from svc.db.orm import ClaimRepository
from svc.db.pg import AuditLog
from svc.errors import ClaimNotFoundError, DuplicateClaimError, InvalidClaimStateError
from svc.realtime import AdjusterHub, ClaimWatchers
from svc.services.fraud import FraudService
from svc.services.policies import CoverageRules, PolicyService, ReserveCalculator

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StatusEvent:
    claim_id: UUID
    adjuster_id: UUID | None
    status: str
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def as_message(self) -> dict[str, Any]:
        return {"type": "claim.status", "claim_id": str(self.claim_id), "status": self.status, "at": self.at.isoformat()}


class StatusEventBus:
    """Decouples request handlers from the websocket fan-out."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[StatusEvent] = asyncio.Queue()

    def emit(self, event: StatusEvent) -> None:
        self._queue.put_nowait(event)

    async def run(self, hub: AdjusterHub) -> None:
        while True:
            event = await self._queue.get()
            try:
                if event.adjuster_id is not None:
                    await hub.publish(event.adjuster_id, event.as_message())
            except Exception:
                logger.exception("failed to publish status event for claim %s", event.claim_id)
            finally:
                self._queue.task_done()


SLA_BY_LOSS_TYPE: dict[str, timedelta] = {
    "auto_glass": timedelta(days=2),
    "auto_collision": timedelta(days=10),
    "property_water": timedelta(days=5),
    "property_fire": timedelta(days=3),
}

_intake_stats: dict[str, int] = {"submitted": 0, "duplicates": 0}


class ClaimCreate(BaseModel):
    policy_number: str = Field(min_length=4, max_length=32)
    external_ref: str | None = Field(default=None, max_length=64)
    claimant_email: str
    submitted_by: str
    loss_type: str
    loss_date: date
    description: str = Field(max_length=10_000)
    amount_claimed_cents: int = Field(gt=0)
    details: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    id: UUID
    claim_number: str
    status: str
    policy_number: str | None
    holder_name: str | None
    document_count: int
    created_at: datetime


class ClaimService:
    def __init__(
        self,
        session: AsyncSession,
        policies: PolicyService,
        valuation: ValuationClient,
        rules: CoverageRules,
        fraud: FraudService,
        audit: AuditLog,
        bus: StatusEventBus,
        watchers: ClaimWatchers,
    ) -> None:
        self._session = session
        self._claims = ClaimRepository(session)
        self._policies = policies
        self._valuation = valuation
        self._rules = rules
        self._fraud = fraud
        self._audit = audit
        self._bus = bus
        self._watchers = watchers

    async def submit(self, payload: ClaimCreate) -> Claim:
        policy = await self._policies.lookup(payload.policy_number)
        self._policies.ensure_claimable(policy, payload.loss_date)

        if payload.external_ref:
            existing = await self._claims.find_by_external_ref(payload.external_ref)
            if existing is not None:
                _intake_stats["duplicates"] += 1
                raise DuplicateClaimError(f"claim with reference {payload.external_ref} already exists")

        rules = self._rules.for_product(policy.product_code)
        rules["deductible_cents"] = policy.deductible_cents
        estimate = await self._valuation.estimate(payload.loss_type, payload.details)
        calculator = ReserveCalculator(rules, policy.deductible_cents, policy.coverage_limit_cents)

        now = datetime.now(timezone.utc)
        claim = Claim(
            claim_number=f"CLM-{now:%y%m%d}-{secrets.token_hex(3).upper()}",
            external_ref=payload.external_ref,
            policy_id=policy.id,
            claimant_email=payload.claimant_email.lower(),
            submitted_by=payload.submitted_by,
            loss_type=payload.loss_type,
            loss_date=payload.loss_date,
            description=payload.description,
            amount_claimed_cents=payload.amount_claimed_cents,
            reserve_cents=calculator.reserve_for(payload.loss_type, estimate, payload.amount_claimed_cents),
            sla_due_at=now + SLA_BY_LOSS_TYPE.get(payload.loss_type, timedelta(days=7)),
        )
        await self._claims.add(claim)
        await self._claims.enqueue_outbox("claim.submitted", {"claim_id": str(claim.id), "policy_id": str(policy.id)})
        await self._session.commit()
        _intake_stats["submitted"] += 1

        self._audit.record("claim.submitted", claim.id, actor=payload.submitted_by)
        asyncio.create_task(self._fraud.score_claim(claim.id))
        return claim

    async def resubmit(self, claim_id: UUID, actor: str) -> None:
        transitioned = await self._claims.transition(claim_id, "info_requested", "submitted")
        if not transitioned:
            raise InvalidClaimStateError(f"claim {claim_id} is not awaiting information")
        await self._session.commit()
        await self._audit.record("claim.resubmitted", claim_id, actor=actor)
        self._fraud.schedule(claim_id)

    async def change_status(self, claim_id: UUID, expected: str, new_status: str, actor: str) -> None:
        if not await self._claims.transition(claim_id, expected, new_status):
            raise InvalidClaimStateError(f"claim {claim_id} is not {expected}")
        await self._claims.add_event(claim_id, "status.changed", actor, {"from": expected, "to": new_status})
        await self._session.commit()
        claim = await self._claims.get(claim_id)
        if claim is None:
            raise ClaimNotFoundError(f"claim {claim_id} not found")
        self._bus.emit(StatusEvent(claim_id=claim_id, adjuster_id=claim.adjuster_id, status=new_status))
        await self._watchers.notify(claim_id, {"type": "status", "status": new_status})

    async def list_page(self, status: str, before: datetime | None, limit: int) -> list[ClaimSummary]:
        claims = await self._claims.list_page(status, before, limit)
        summaries: list[ClaimSummary] = []
        for claim in claims:
            policy = await self._policies.get_record(claim.policy_id)
            summaries.append(self._summary(claim, policy))
        return summaries

    async def list_for_claimant(self, email: str) -> list[ClaimSummary]:
        claims = await self._claims.list_for_claimant(email)
        policies = await self._policies.get_records(list({c.policy_id for c in claims}))
        return [self._summary(c, policies.get(c.policy_id), with_documents=False) for c in claims]

    @staticmethod
    def _summary(claim: Claim, policy: Any, with_documents: bool = True) -> ClaimSummary:
        return ClaimSummary(
            id=claim.id,
            claim_number=claim.claim_number,
            status=claim.status,
            policy_number=policy["policy_number"] if policy else None,
            holder_name=policy["holder_name"] if policy else None,
            document_count=len(claim.documents) if with_documents else 0,
            created_at=claim.created_at,
        )

    async def daily_counts(self, day: date) -> dict[str, int]:
        return await self._claims.daily_status_counts(day)


def intake_stats() -> Sequence[tuple[str, int]]:
    return sorted(_intake_stats.items())


async def export_claims_csv(settings: Settings, day: date) -> str:
    """CSV of the claims opened on `day`, for the finance team's ledger import."""
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    engine = create_async_engine(settings.database_url)
    async with engine.connect() as conn:
        result = await conn.stream(
            text(
                "SELECT claim_number, status, amount_claimed_cents, reserve_cents FROM claims "
                "WHERE created_at >= :start AND created_at < :end ORDER BY created_at LIMIT 50000"
            ),
            {"start": start, "end": start + timedelta(days=1)},
        )
        parts = ["claim_number,status,amount_claimed_cents,reserve_cents\n"]
        async for row in result:
            parts.append(f"{row.claim_number},{row.status},{row.amount_claimed_cents},{row.reserve_cents}\n")
    return "".join(parts)


def render_summary(counts: dict[str, int]) -> str:
    lines = [f"{status:<16}{n:>8}" for status, n in sorted(counts.items())]
    lines.append(f"{'total':<16}{sum(counts.values()):>8}")
    return "\n".join(lines)
