from __future__ import annotations

import logging

import httpx

from pricewatch.config import Settings
from pricewatch.db.models import AffiliateLink, Retailer
from pricewatch.utils.resilience import retry_async
from pricewatch.utils.urls import expand_short_url, is_short_link

log = logging.getLogger(__name__)


class AffiliateApiError(RuntimeError):
    pass


class AffiliateApi:
    """Partner network API: turns a retailer URL into a tracked deep link."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._http = http
        self._base = settings.affiliate_api_base.rstrip("/")
        self._key = settings.affiliate_api_key
        self._timeout = settings.affiliate_timeout

    async def tracked_url(self, tag: str, url: str) -> str:
        resp = await self._http.post(
            f"{self._base}/v2/links",
            json={"tag": tag, "url": url},
            headers={"X-Api-Key": self._key},
            timeout=self._timeout,
        )
        if resp.status_code != 200:
            raise AffiliateApiError(f"link API returned {resp.status_code}")
        return resp.json()["tracked_url"]


class AffiliateLinkService:
    def __init__(self, api: AffiliateApi) -> None:
        self._api = api
        self._link_cache: dict[tuple[int | None, str], str] = {}

    async def destination(self, link: AffiliateLink, retailer: Retailer, user_id: int | None) -> str:
        target = link.target_url
        if is_short_link(target):
            target = expand_short_url(target)
        if not retailer.affiliate_tag:
            return target

        cached = self._link_cache.get((user_id, target))
        if cached is not None:
            return cached
        tracked = await retry_async(lambda: self._api.tracked_url(retailer.affiliate_tag, target), attempts=3)
        self._link_cache[(user_id, target)] = tracked
        return tracked
