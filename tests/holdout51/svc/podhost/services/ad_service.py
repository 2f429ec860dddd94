"""Dynamic ad insertion: choose ads per download and build a stitched manifest."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from prometheus_client import Counter

from podhost.clients.ad_decision import AdDecisionClient
from podhost.db.models import Episode
from podhost.repositories.analytics_repo import AnalyticsRepository
from podhost.utils.dedupe import DownloadEvent

log = logging.getLogger(__name__)

IMPRESSIONS_DROPPED = Counter("podhost_ad_impressions_dropped_total", "Impressions dropped because the buffer was full")


@dataclass(slots=True)
class AdPlan:
    source_key: str
    inserts: list[tuple[int, str]] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)

    @property
    def stitched(self) -> bool:
        return bool(self.inserts)

    def cache_key(self) -> str:
        if not self.inserts:
            return self.source_key
        parts = "-".join(f"{offset}:{campaign}" for (offset, _), campaign in zip(self.inserts, self.campaigns))
        return f"stitched/{self.source_key}/{parts}"


class AdService:
    def __init__(self, ads: AdDecisionClient, analytics: AnalyticsRepository) -> None:
        self._ads = ads
        self._analytics = analytics
        self._impressions: asyncio.Queue[tuple[str, str, int, str]] = asyncio.Queue(maxsize=20_000)

    async def plan_for(self, episode: Episode, event: DownloadEvent) -> AdPlan:
        markers = [m for m in episode.ad_markers.split(",") if m]
        if not markers:
            return AdPlan(source_key=episode.audio_key or "")
        decision = await self._ads.decide(
            episode_id=episode.id,
            show_id=episode.show_id,
            country=event.country,
            app=event.app_name or "unknown",
            markers=markers,
        )
        plan = AdPlan(source_key=episode.audio_key or "")
        for slot in decision.slots:
            plan.inserts.append((slot.offset_ms, slot.creative_url))
            plan.campaigns.append(slot.campaign_id)
            self._record(event.dedupe_key, slot.campaign_id, episode.id, slot.position)
        return plan

    def _record(self, download_key: str, campaign: str, episode_id: int, slot: str) -> None:
        try:
            self._impressions.put_nowait((download_key, campaign, episode_id, slot))
        except asyncio.QueueFull:
            IMPRESSIONS_DROPPED.inc()

    async def flush_impressions(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            batch: list[tuple[str, str, int, str]] = []
            try:
                batch.append(await asyncio.wait_for(self._impressions.get(), timeout=1.0))
            except asyncio.TimeoutError:
                continue
            while len(batch) < 1000 and not self._impressions.empty():
                batch.append(self._impressions.get_nowait())
            try:
                await self._analytics.record_impressions(batch)
            except Exception:
                log.exception("failed to write %d ad impressions", len(batch))
                IMPRESSIONS_DROPPED.inc(len(batch))
