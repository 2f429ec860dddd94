"""Mid-term policy changes (endorsements)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from svc.db.engine import Database
from svc.db.models import Endorsement
from svc.repositories.policies import PolicyRepository
from svc.services.errors import Conflict, NotFound
from svc.services.policy_service import PolicyService

log = logging.getLogger(__name__)

ALLOWED_KINDS = frozenset({"limit_change", "add_driver", "remove_driver", "address_change", "add_vehicle"})


@dataclass(frozen=True)
class EndorsementRequest:
    kind: str
    effective_date: date
    changes: dict
    premium_delta: Decimal
    requested_by: str


class EndorsementService:
    def __init__(self, db: Database, policies: PolicyService) -> None:
        self._db = db
        self._policies = policies

    async def apply(self, policy_number: str, request: EndorsementRequest) -> Endorsement:
        if request.kind not in ALLOWED_KINDS:
            raise Conflict(f"unsupported endorsement kind {request.kind}")
        async with self._db.transaction() as session:
            repo = PolicyRepository(session)
            policy = await repo.get_by_number(policy_number)
            if policy is None:
                raise NotFound(f"policy {policy_number} not found")
            if not (policy.effective_date <= request.effective_date <= policy.expiration_date):
                raise Conflict("endorsement must take effect within the policy period")
            known = {c.code for c in policy.coverages}
            unknown = set(request.changes.get("limits", {})) - known
            if unknown:
                raise Conflict(f"unknown coverages: {', '.join(sorted(unknown))}")
            endorsement = await repo.add_endorsement(
                Endorsement(
                    policy_id=policy.id,
                    kind=request.kind,
                    effective_date=request.effective_date,
                    changes=request.changes,
                    premium_delta=request.premium_delta,
                    created_by=request.requested_by,
                )
            )
            policy.premium = policy.premium + request.premium_delta
        await self._policies.invalidate(policy_number)
        log.info("endorsement %s applied to %s by %s", endorsement.id, policy_number, request.requested_by)
        return endorsement

    async def apply_bulk(self, policy_numbers: list[str], request: EndorsementRequest) -> list[int]:
        """Used by underwriting for portfolio-wide changes such as a regulatory limit bump."""
        applied: list[int] = []
        async with self._db.transaction() as session:
            repo = PolicyRepository(session)
            for number in policy_numbers:
                policy = await repo.get_by_number(number)
                if policy is None or policy.status != "active":
                    continue
                endorsement = await repo.add_endorsement(
                    Endorsement(
                        policy_id=policy.id,
                        kind=request.kind,
                        effective_date=request.effective_date,
                        changes=request.changes,
                        premium_delta=request.premium_delta,
                        created_by=request.requested_by,
                    )
                )
                applied.append(endorsement.id)
        for number in policy_numbers:
            await self._policies.invalidate(number, cascade=True)
        return applied

    async def history(self, policy_number: str) -> list[dict]:
        async with self._db.session() as session:
            repo = PolicyRepository(session)
            policy = await repo.get_by_number(policy_number)
            if policy is None:
                raise NotFound(f"policy {policy_number} not found")
            rows = await repo.endorsements(policy.id)
        return [
            {
                "id": e.id,
                "kind": e.kind,
                "effective_date": e.effective_date.isoformat(),
                "changes": e.changes,
                "premium_delta": str(e.premium_delta),
                "created_by": e.created_by,
            }
            for e in rows
        ]
