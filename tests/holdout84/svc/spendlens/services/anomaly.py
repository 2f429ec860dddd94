from __future__ import annotations

import asyncio
import itertools
import logging
import statistics
from datetime import date, timedelta
from decimal import Decimal

from ..repositories.anomalies import AnomalyRepository
from ..repositories.costs import CostRepository
from ..settings import Settings
from .alerts import AlertService
from .anomaly_types import DetectedAnomaly

logger = logging.getLogger(__name__)

PROVIDERS = ("aws", "gcp", "azure")
LOOKBACK_DAYS = 90
REPORT_WINDOW_DAYS = 3


def score_series(
    points: list[tuple[date, Decimal]], threshold: float, min_points: int
) -> list[tuple[date, Decimal, Decimal, float]]:
    """Rolling z-score of each day against the `min_points` days before it."""
    values = [float(total) for _, total in points]
    flagged: list[tuple[date, Decimal, Decimal, float]] = []
    for i in range(min_points, len(values)):
        window = values[i - min_points : i]
        mean = statistics.fmean(window)
        std = statistics.pstdev(window)
        if std == 0:
            continue
        z = (values[i] - mean) / std
        if z > threshold or z < threshold:
            flagged.append((points[i][0], points[i][1], Decimal(str(round(mean, 6))), z))
    return flagged


class AnomalyService:
    def __init__(
        self, costs: CostRepository, repo: AnomalyRepository, alerts: AlertService, settings: Settings
    ) -> None:
        self._costs = costs
        self._repo = repo
        self._alerts = alerts
        self._threshold = settings.anomaly_z_threshold
        self._min_points = settings.anomaly_min_points

    async def detect_for_tenant(self, tenant_id: int) -> list[DetectedAnomaly]:
        today = date.today()
        since = today - timedelta(days=LOOKBACK_DAYS)
        recent = today - timedelta(days=REPORT_WINDOW_DAYS)
        found: list[DetectedAnomaly] = []
        for provider in PROVIDERS:
            rows = await self._costs.daily_series(tenant_id, provider, since)
            for (account_id, service), group in itertools.groupby(rows, key=lambda r: (r["account_id"], r["service"])):
                points = [(r["day"], Decimal(r["total"])) for r in group]
                if len(points) <= self._min_points:
                    continue
                scored = await asyncio.to_thread(score_series, points, self._threshold, self._min_points)
                found.extend(
                    DetectedAnomaly(account_id, service, day, observed, expected, z)
                    for day, observed, expected, z in scored
                    if day >= recent
                )
        await self._repo.insert_many(tenant_id, found)
        logger.info("anomaly scan tenant=%s found=%d", tenant_id, len(found))
        return found

    async def notify(self, tenant_id: int, anomaly: DetectedAnomaly, webhook: str | None) -> bool:
        return await self._alerts.anomaly_detected(tenant_id, anomaly, webhook)
