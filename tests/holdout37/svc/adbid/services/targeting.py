"""Targeting filters applied to each campaign for each impression opportunity."""
from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

from adbid.cache.campaign_cache import CampaignSnapshot
from adbid.config import get_settings
from adbid.schemas import BidRequest, Impression


def load_site_blocklist() -> frozenset[str]:
    path = Path(get_settings().site_blocklist_path)
    if not path.exists():
        return frozenset()
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


@lru_cache(maxsize=4096)
def device_class(user_agent: str) -> str:
    ua = user_agent.lower()
    if "ipad" in ua or "tablet" in ua:
        return "tablet"
    if "mobi" in ua or "android" in ua or "iphone" in ua:
        return "mobile"
    return "desktop"


class FrequencyCapper:
    """Counts impressions per (user, campaign) within a rolling day."""

    def __init__(self, window_s: float = 86400.0) -> None:
        self._window = window_s
        self._seen: dict[tuple[str, int], list[float]] = {}

    def allowed(self, user_id: str | None, campaign: CampaignSnapshot) -> bool:
        if not user_id or campaign.frequency_cap <= 0:
            return True
        now = time.time()
        hits = [t for t in self._seen.get((user_id, campaign.id), []) if now - t < self._window]
        self._seen[(user_id, campaign.id)] = hits
        return len(hits) < campaign.frequency_cap

    def record(self, user_id: str | None, campaign_id: int) -> None:
        if user_id:
            self._seen.setdefault((user_id, campaign_id), []).append(time.time())


class DaypartSchedule:
    """Hours of the week (0 = Monday 00:00 UTC) during which a campaign may bid."""

    def __init__(self, spec: dict[str, list[int]] | None) -> None:
        self._hours: frozenset[int] = frozenset()
        if spec:
            days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            self._hours = frozenset(
                index * 24 + hour
                for index, day in enumerate(days)
                for hour in spec.get(day, [])
                if 0 <= hour < 24
            )

    def active(self, weekday: int, hour: int) -> bool:
        return not self._hours or (weekday * 24 + hour) in self._hours


def size_matches(campaign: CampaignSnapshot, imp: Impression) -> bool:
    if imp.banner is None:
        return False
    return (imp.banner.w, imp.banner.h) in set(campaign.sizes)


def geo_matches(campaign: CampaignSnapshot, country: str | None) -> bool:
    if not campaign.countries:
        return True
    return country is not None and country.upper() in campaign.countries


def advertiser_blocked(request: BidRequest, advertiser_domains: dict[int, str], campaign: CampaignSnapshot) -> bool:
    blocked = {d.lower() for d in request.badv}
    return advertiser_domains.get(campaign.advertiser_id, "") in blocked
