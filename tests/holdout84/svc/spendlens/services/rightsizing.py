from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import ROUND_HALF_UP
from functools import lru_cache

from ..clients.metrics_api import MetricsClient
from ..models.tenant import CloudAccount
from ..repositories.costs import CostRepository
from ..repositories.insights import RecommendationRepository

logger = logging.getLogger(__name__)

SIZES = ("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge")
IDLE_P95_CPU = 40.0

# Latest utilisation seen per resource, served by the recommendations detail endpoint.
_utilisation: dict[str, dict] = {}


@lru_cache(maxsize=256)
def _size_ladder(family: str) -> tuple[str, ...]:
    return tuple(f"{family}.{size}" for size in SIZES)


def _one_size_down(instance_type: str) -> str | None:
    family, _, _ = instance_type.partition(".")
    ladder = _size_ladder(family)
    if instance_type not in ladder:
        return None
    position = ladder.index(instance_type)
    return ladder[position - 1] if position > 0 else None


class RightsizingService:
    def __init__(self, metrics: MetricsClient, costs: CostRepository, recommendations: RecommendationRepository) -> None:
        self._metrics = metrics
        self._costs = costs
        self._recommendations = recommendations

    async def recommend_for_account(self, account: CloudAccount) -> list[dict]:
        instances = await self._costs.compute_instances(account.id, date.today() - timedelta(days=30))
        recs: list[dict] = []
        for instance in instances:
            series = await self._metrics.get_cpu_series(instance.resource_id, days=14)
            peak = max(series, default=0.0)
            _utilisation[instance.resource_id] = {"type": instance.instance_type, "p95_cpu": peak}
            if not series or peak > IDLE_P95_CPU:
                continue
            target = _one_size_down(instance.instance_type)
            if target is None:
                continue
            savings = (instance.monthly_cost / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            recs.append(
                {
                    "resource_id": instance.resource_id,
                    "kind": "downsize",
                    "current_type": instance.instance_type,
                    "suggested_type": target,
                    "monthly_savings": savings,
                }
            )
        await self._recommendations.replace_for_account(account.tenant_id, account.id, recs)
        logger.info("rightsizing account=%s instances=%d recommendations=%d", account.id, len(instances), len(recs))
        return recs

    def utilisation_of(self, resource_id: str) -> dict | None:
        return _utilisation.get(resource_id)
