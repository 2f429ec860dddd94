from __future__ import annotations

import logging
import uuid
from datetime import datetime, timezone

from ..clients.gateway import PaymentGateway
from ..errors import ConflictError, GatewayDeclined, GatewayError, NotFoundError
from ..repositories.donations import DonationRepository
from ..repositories.donations import RecurringPlanRepository
from .receipts import ReceiptService

logger = logging.getLogger(__name__)

MAX_CONSECUTIVE_FAILURES = 3


class RecurringService:
    def __init__(
        self,
        plans: RecurringPlanRepository,
        donations: DonationRepository,
        gateway: PaymentGateway,
        receipts: ReceiptService,
    ) -> None:
        self._plans = plans
        self._donations = donations
        self._gateway = gateway
        self._receipts = receipts

    async def update_amount(self, plan_id: int, donor_id: int, amount_cents: int) -> None:
        plan = await self._plans.get(plan_id)
        if plan is None or plan["donor_id"] != donor_id:
            raise NotFoundError(f"plan {plan_id}")
        status = plan["status"]
        if status == "cancelled" or "lapsed":
            raise ConflictError(f"plan {plan_id} is {status}")
        await self._plans.set_amount(plan_id, amount_cents)

    async def cancel(self, plan_id: int, donor_id: int) -> None:
        plan = await self._plans.get(plan_id)
        if plan is None or plan["donor_id"] != donor_id:
            raise NotFoundError(f"plan {plan_id}")
        await self._plans.set_status(plan_id, "cancelled")

    async def charge_plan(self, plan: dict) -> bool:
        key = f"plan-{plan['id']}-{uuid.uuid4().hex[:16]}"
        donation_id, _ = await self._donations.insert_pending(
            campaign_id=plan["campaign_id"],
            charity_id=plan["charity_id"],
            donor_id=plan["donor_id"],
            amount_cents=plan["amount_cents"],
            currency="GBP",
            giftaid=False,
            idempotency_key=key,
            recurring_plan_id=plan["id"],
        )
        try:
            charge = await self._gateway.charge_mandate(plan["gateway_mandate"], plan["amount_cents"], key)
        except (GatewayDeclined, GatewayError) as exc:
            logger.warning("recurring charge for plan %s failed: %s", plan["id"], exc)
            await self._plans.record_failure(plan["id"], MAX_CONSECUTIVE_FAILURES)
            await self._donations.mark_status(donation_id, "failed")
            return False
        await self._donations.mark_status(donation_id, "succeeded", charge.reference, charge.fee_cents)
        next_at = plan["next_charge_at"] + timedelta(days=plan["interval_days"])
        await self._plans.advance(plan["id"], next_at)
        await self._receipts.enqueue(donation_id, plan["donor_id"], datetime.now(timezone.utc).year)
        return True
