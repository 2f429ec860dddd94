from __future__ import annotations

import logging
from dataclasses import dataclass

from ..clients.fraud import FraudClient
from ..models import Customer, Order

log = logging.getLogger(__name__)

_risk_by_email: dict[str, float] = {}


@dataclass(frozen=True)
class RiskDecision:
    approved: bool
    score: float
    reason: str | None = None


class FraudScreening:
    def __init__(self, client: FraudClient, decline_threshold: float = 0.85, review_threshold: float = 0.6) -> None:
        self._client = client
        self._decline = decline_threshold
        self._review = review_threshold

    async def screen(self, order: Order, customer: Customer, ip: str | None, seat_count: int) -> RiskDecision:
        score = _risk_by_email.get(customer.email)
        if score is None:
            result = await self._client.score(
                {
                    "order_id": str(order.id),
                    "amount": order.total_cents,
                    "currency": order.currency,
                    "email": customer.email,
                    "phone": customer.phone,
                    "ip": ip,
                    "quantity": seat_count,
                    "account_age_days": _account_age_days(customer),
                }
            )
            score = float(result["score"])
            _risk_by_email[customer.email] = score
        if score >= self._decline:
            log.info("order %s declined by risk screen (score=%.3f)", order.id, score)
            return RiskDecision(False, score, "risk_declined")
        if score >= self._review:
            log.info("order %s flagged for manual review (score=%.3f)", order.id, score)
        return RiskDecision(True, score)


def _account_age_days(customer: Customer) -> int:
    from datetime import UTC, datetime

    if customer.created_at is None:
        return 0
    return (datetime.now(UTC) - customer.created_at).days
